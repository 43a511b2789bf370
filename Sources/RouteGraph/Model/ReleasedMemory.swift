internal import CGNUExtras

/// Gives memory freed inside the allocator back to the system.
///
/// An allocator keeps freed small blocks for reuse; after a large structure of small objects is
/// let go (the graph, once packed) its pages stay resident until something asks for them back:
/// glibc's until its heap is trimmed, jemalloc's (the command line's) until its decay delay has
/// passed, longer than a short run lasts. This asks for them back now, under either.
enum ReleasedMemory {
    static func returnToSystem() { rg_return_free_memory() }
}
