#ifndef CGNUEXTRAS_H
#define CGNUEXTRAS_H

// GNU extensions that Swift's Glibc module does not show (they need _GNU_SOURCE or headers it
// leaves out). Each is a hint to the system: where it is missing they do nothing.

/// Asks the kernel to start writing a range of a file to disk without waiting for it (Linux's
/// sync_file_range with SYNC_FILE_RANGE_WRITE), so that the fsync made once the file is complete
/// finds most of it already written. Returns 0 where it is not available; an error here is left
/// for the final fsync to report.
int rg_start_writeback(int fd, long long offset, long long length);

/// Turns direct I/O (Linux's O_DIRECT: writes go from the caller's memory to the device, not
/// through the page cache) on or off for an open file. Returns 0 on success, -1 with errno set
/// where the file system or the system does not allow it.
int rg_set_direct_io(int fd, int on);

/// Gives the pages of memory freed inside the allocator back to the system: jemalloc's purge when the
/// program allocates through jemalloc, else glibc's malloc_trim.
void rg_return_free_memory(void);

/* Under jemalloc: the calling thread allocates from the first arena and keeps no thread cache,
 * so a small run's threads share their freed memory rather than each holding its own. Does
 * nothing under another allocator. */
void rg_allocate_compactly(void);

/// Starts loading the cache line at `address` ahead of a read the caller knows is coming (the slot
/// of a hash table a few lookups ahead), so that the read does not wait for memory. A hint: it
/// never faults, whatever the address.
static inline void rg_prefetch(const void *address) { __builtin_prefetch(address); }

#endif
