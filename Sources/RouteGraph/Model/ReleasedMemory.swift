internal import CGNUExtras
import Dispatch
import Synchronization

/// Gives memory freed inside the allocator back to the system.
///
/// An allocator keeps freed small blocks for reuse; after a large structure of small objects is
/// let go (the graph, once packed) its pages stay resident until something asks for them back:
/// glibc's until its heap is trimmed, jemalloc's (the command line's) until its decay delay has
/// passed, longer than a short run lasts. This asks for them back now, under either.
enum ReleasedMemory {
    static func returnToSystem() { rg_return_free_memory() }

    /// Lets `value` go on another thread and then returns the memory to the system there, while
    /// the caller goes on: for a large structure whose teardown would otherwise stand between two
    /// phases with one core busy and the other idle (the assembled graph once packed: a million
    /// pending edges and their entries, then the purge, 40 ms at 1 GB). `waitForBackground()`
    /// waits for it. The caller must hold no other copy, or nothing is freed there.
    static func letGoInBackground<T: Sendable>(_ value: consuming T) {
        let handover = Handover(consume value)
        DispatchQueue.global().async(group: background) {
            CompactAllocation.adoptOnThisThread()
            handover.value.withLock { $0 = nil }
            rg_return_free_memory()
        }
    }

    /// Returns once everything handed to `letGoInBackground` is let go.
    static func waitForBackground() { background.wait() }

    private static let background = DispatchGroup()

    /// Holds the value for the other thread: the only reference, once the caller's is gone.
    private final class Handover<T: Sendable>: Sendable {
        let value: Mutex<T?>
        init(_ value: consuming T) { self.value = Mutex(value) }
    }
}
