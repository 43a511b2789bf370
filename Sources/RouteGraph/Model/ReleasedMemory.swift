internal import CGNUExtras

/// Gives memory freed inside the allocator back to the system.
///
/// glibc's allocator keeps freed small blocks for reuse; after a large structure of small objects
/// is let go (the graph, once packed) its pages stay resident until something asks for them back.
enum ReleasedMemory {
    static func returnToSystem() { rg_return_free_memory() }
}
