internal import CGNUExtras
import Synchronization

/// A small run's allocation policy: every thread allocates from one arena, without a cache of its
/// own.
///
/// jemalloc (the command line's allocator) gives each thread an arena and a cache of freed blocks,
/// which pays at scale: no thread waits for another's lock. On a run of a few megabytes each arena
/// and cache is mostly empty space, several megabytes in all: the 10 MB archives peaked 4-5 MB
/// lower with one shared arena and no caches (measured with `MALLOC_CONF`). A whole run under that
/// policy cost about a tenth more CPU at 1 GB, so it is turned on for small runs only, thread by
/// thread, since the allocator's options are fixed before `main` runs.
public enum CompactAllocation {
    private static let enabled = Atomic<Bool>(false)

    /// Turns the policy on for the rest of the process, starting with the calling thread.
    public static func enable() {
        enabled.store(true, ordering: .relaxed)
        adoptOnThisThread()
    }

    /// Applies the policy to the calling thread if it is on: called where work starts on a thread
    /// the run did not start on (the workers of reading, building, packing and writing).
    static func adoptOnThisThread() {
        guard enabled.load(ordering: .relaxed) else { return }
        rg_allocate_compactly()
    }
}
