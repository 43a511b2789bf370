import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Values a loop needs one per position, made ahead of it by a thread that would otherwise idle.
///
/// Building runs its two halves on two threads, and one half is often much longer than the other
/// (the VPN entries of a large archive, the routes of a directory of single responses). Part of
/// what the long half does for each record depends on that record alone; once the short half is
/// done, its thread makes those parts ahead of the long half's loop (`help`), which takes them
/// (`take`) instead of making them itself.
///
/// Positions go in chunks, each claimed once, in increasing order, by whichever thread gets it
/// first: the loop claims the chunk it has reached unless the helper has, and then waits for the
/// helper to finish it. The helper stays at most `maxLead` chunks ahead of the loop, so values made
/// ahead hold little memory. Whoever makes a value, it is the same value, so the result does not
/// depend on timing.
final class PreparedAhead<Value>: @unchecked Sendable {
    /// Positions per chunk.
    let chunkSize: Int
    private let maxLead: Int
    /// How to make a position's value, once the loop has published its job; nil again once it is
    /// finished. `slots` and `count` are set before it, so a helper that reads it sees them.
    private let published = Mutex<(@Sendable (Int) -> Value)?>(nil)
    /// The next chunk nobody has claimed.
    private let nextChunk = Atomic<Int>(0)
    /// The chunk the loop is at.
    private let loopChunk = Atomic<Int>(0)
    /// The last chunk the helper finished: it finishes its chunks in the order it claims them.
    private let helperDone = Atomic<Int>(-1)
    /// Set once the loop will take no more values.
    private let finished = Atomic<Bool>(false)
    /// Whether the loop claimed the chunk it is in; only the loop's thread reads or writes it.
    private var loopOwnsChunk = false
    /// One slot per position; the helper fills those of its chunks, the loop empties them.
    private var slots: UnsafeMutablePointer<Value?>?
    private var count = 0

    init(chunkSize: Int = 512, maxLead: Int = 8) {
        self.chunkSize = chunkSize
        self.maxLead = maxLead
    }

    deinit {
        if let slots {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
    }

    /// Opens `count` positions to the helper; `make(position)` makes the value of a position. Called
    /// once, by the loop's thread, before its first `take`.
    func publish(count: Int, make: @escaping @Sendable (Int) -> Value) {
        let slots = UnsafeMutablePointer<Value?>.allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: count)
        self.slots = slots
        self.count = count
        published.withLock { $0 = make }
    }

    /// The value of `position` made ahead by the helper, or nil when the loop is to make it itself.
    /// Positions must be taken in increasing order, each once, from 0.
    func take(_ position: Int) -> Value? {
        let chunk = position / chunkSize
        if position % chunkSize == 0 {
            loopChunk.store(chunk, ordering: .relaxed)
            // Every chunk before this one is claimed, so the next one unclaimed is this one unless
            // the helper has claimed it.
            loopOwnsChunk = nextChunk.compareExchange(expected: chunk, desired: chunk + 1, ordering: .acquiringAndReleasing).exchanged
        }
        if loopOwnsChunk { return nil }
        while helperDone.load(ordering: .acquiring) < chunk { sched_yield() }
        var value: Value?
        swap(&value, &slots![position])
        return value
    }

    /// The first chunk nobody has claimed yet (for tests of the lead).
    var firstUnclaimedChunk: Int { nextChunk.load(ordering: .acquiring) }

    /// Tells the helper that the loop will take no more values.
    func finish() {
        finished.store(true, ordering: .releasing)
        published.withLock { $0 = nil }
    }

    /// Makes values ahead of the loop until it finishes or every chunk is claimed. Waits for the
    /// loop to publish its job, unless the loop has finished already. Called by the thread that
    /// would idle.
    func help() {
        var published: (@Sendable (Int) -> Value)?
        while published == nil {
            if finished.load(ordering: .acquiring) { return }
            published = self.published.withLock { $0 }
            if published == nil { usleep(50) }
        }
        guard let make = published, let slots else { return }
        let chunks = (count + chunkSize - 1) / chunkSize
        while !finished.load(ordering: .relaxed) {
            let chunk = nextChunk.load(ordering: .acquiring)
            if chunk >= chunks { return }
            if chunk > loopChunk.load(ordering: .relaxed) + maxLead {
                // Far enough ahead: a chunk takes the loop milliseconds, so sleep rather than spin.
                usleep(50)
                continue
            }
            guard nextChunk.compareExchange(expected: chunk, desired: chunk + 1, ordering: .acquiringAndReleasing).exchanged else {
                continue
            }
            for position in chunk * chunkSize..<min(count, (chunk + 1) * chunkSize) {
                slots[position] = make(position)
            }
            helperDone.store(chunk, ordering: .releasing)
        }
    }
}
