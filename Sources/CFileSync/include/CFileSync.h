#ifndef CFILESYNC_H
#define CFILESYNC_H

/// Asks the kernel to start writing a range of a file to disk without waiting for it (Linux's
/// sync_file_range with SYNC_FILE_RANGE_WRITE), so that the fsync made once the file is complete
/// finds most of it already written. A hint only: returns 0 where it is not available, and an error
/// here is left for the final fsync to report.
int rg_start_writeback(int fd, long long offset, long long length);

#endif
