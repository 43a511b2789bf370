/*
 * The command line allocates through jemalloc (linked in by this target) instead of glibc's
 * malloc: a conversion makes and frees millions of small strings and attribute lists, on both
 * cores at once, and glibc's consolidating and trimming of its heap alone was about 8% of a run
 * (docs/performance.md). The library leaves the choice of allocator to the program it is in.
 *
 * jemalloc reads its options from this symbol when it starts. Freed pages go back to the system a
 * second after their last use (dirty_decay_ms) instead of ten, and in one stage (muzzy_decay_ms);
 * where the graph is let go in bulk, ReleasedMemory purges them at once (CGNUExtras). Purging
 * after every free instead (dirty_decay_ms:0) doubled the system time of a run.
 */
const char *malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";
