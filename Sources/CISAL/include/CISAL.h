#ifndef ROUTEGRAPH_CISAL_H
#define ROUTEGRAPH_CISAL_H
// Intel ISA-L's inflate (Debian libisal-dev for the header, libisal2 at run time): gzip
// decompression about twice as fast as zlib's on x86-64, and streaming like it.
//
// The library is loaded on the first gzip input, not linked: a run without gzip then neither maps
// it (about 0.35 MB of a small run's memory) nor needs it installed.
#include <isa-l/igzip_lib.h>

/// Loads ISA-L once per process; 0 when its inflate can be called, -1 when it cannot be loaded
/// (`routegraph_isal_error` says why).
int routegraph_isal_load(void);

/// Why the library could not be loaded, or NULL.
const char *routegraph_isal_error(void);

/// `isal_inflate_init` and `isal_inflate`, once `routegraph_isal_load` returned 0.
void routegraph_isal_inflate_init(struct inflate_state *state);
int routegraph_isal_inflate(struct inflate_state *state);

#endif
