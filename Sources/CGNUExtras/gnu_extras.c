/* First, before any header: O_DIRECT and sync_file_range exist only with _GNU_SOURCE, and a header
 * included earlier would fix the feature set without them, silently (outputs would then go through
 * the page cache and write at half the speed: docs/performance.md). */
#define _GNU_SOURCE
#include <stdbool.h>
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include "CGNUExtras.h"

int rg_start_writeback(int fd, long long offset, long long length) {
#ifdef SYNC_FILE_RANGE_WRITE
    return sync_file_range(fd, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd; (void)offset; (void)length;
    return 0;
#endif
}

#if defined(__linux__) && !defined(O_DIRECT)
#error "O_DIRECT is missing: _GNU_SOURCE must be defined before the first header"
#endif

int rg_set_direct_io(int fd, int on) {
#ifdef O_DIRECT
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    flags = on ? (flags | O_DIRECT) : (flags & ~O_DIRECT);
    return fcntl(fd, F_SETFL, flags);
#else
    (void)fd;
    if (on) { errno = EINVAL; return -1; }
    return 0;
#endif
}

/* jemalloc's control function, present when the program allocates through jemalloc (the command
 * line does: CJemalloc). */
extern int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen) __attribute__((weak));

void rg_return_free_memory(void) {
    /* Under jemalloc: every arena's freed pages, now rather than after the delay its options set
     * (4096 is MALLCTL_ARENAS_ALL). glibc's heap is then unused, and trimming it pointless. */
    if (mallctl) {
        mallctl("arena.4096.purge", NULL, NULL, NULL, 0);
        return;
    }
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void rg_allocate_compactly(void) {
    if (!mallctl) return;
    unsigned first = 0;
    bool off = false;
    mallctl("thread.arena", NULL, NULL, &first, sizeof first);
    mallctl("thread.tcache.enabled", NULL, NULL, &off, sizeof off);
}
