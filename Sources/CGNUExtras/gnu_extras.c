#define _GNU_SOURCE
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

void rg_return_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
