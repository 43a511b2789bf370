#ifndef ROUTEGRAPH_CZLIB_SHIM_H
#define ROUTEGRAPH_CZLIB_SHIM_H
#include <zlib.h>
// zlib's inflateInit2 is a macro, which Swift cannot call.
static inline int routegraph_inflate_init_gzip(z_stream *stream) {
    // 15 window bits + 32: accept a gzip or a zlib header, detected automatically.
    return inflateInit2(stream, 15 + 32);
}
#endif
