#ifndef ROUTEGRAPH_CISAL_SHIM_H
#define ROUTEGRAPH_CISAL_SHIM_H
// Intel ISA-L's inflate (Debian libisal-dev): gzip decompression about twice as fast as zlib's on
// x86-64, and streaming like it.
#include <isa-l/igzip_lib.h>
#endif
