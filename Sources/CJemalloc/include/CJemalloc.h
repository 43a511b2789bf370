#ifndef CJEMALLOC_H
#define CJEMALLOC_H

/* Nothing to call: this target links jemalloc in and sets its options (jemalloc_options.c). */

#endif
