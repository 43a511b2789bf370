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
/// Positions go in chunks, each claimed once, by whichever thread gets it first: the loop claims
/// the chunk it has reached unless the helper has, and then waits for the helper to finish it.
/// The helper claims chunks at least `minLead` and at most `maxLead` chunks ahead of the loop,
/// skipping those the loop has reached: a helper that claimed the chunk right after the loop's,
/// and made values more slowly than the loop takes them, kept the loop waiting (on a directory of
/// single responses, where the helper also lets each route go, the loop spent a quarter of its
/// time waiting). The values made ahead hold little memory. Whoever makes a value, it is the same
/// value, so the result does not depend on timing.
final class PreparedAhead<Value>: @unchecked Sendable {
    /// Positions per chunk.
    let chunkSize: Int
    private let minLead: Int
    private let maxLead: Int
    /// How to make a position's value, once the loop has published its job; nil again once it is
    /// finished. `slots`, `states` and `count` are set before it, so a helper that reads it sees
    /// them.
    private let published = Mutex<(@Sendable (Int) -> Value)?>(nil)
    /// The chunk the loop is at.
    private let loopChunk = Atomic<Int>(0)
    /// One past the furthest chunk the helper has claimed (0 before its first).
    private let helperReach = Atomic<Int>(0)
    /// Set once the loop will take no more values.
    private let finished = Atomic<Bool>(false)
    /// What the helper does with each position the loop has passed, when it has nothing to make:
    /// let go what the loop read there, off the loop's thread. Set with `published`.
    private let passed = Mutex<(@Sendable (Int) -> Void)?>(nil)
    /// Set once a helper has `passed`: from then on it calls it for every position.
    private let following = Atomic<Bool>(false)
    /// Whether the loop claimed the chunk it is in; only the loop's thread reads or writes it.
    private var loopOwnsChunk = false
    /// One slot per position; the helper fills those of its chunks, the loop empties them.
    private var slots: UnsafeMutablePointer<Value?>?
    /// One `ChunkState` per chunk.
    private var states: UnsafeMutablePointer<Atomic<UInt8>>?
    private var count = 0
    private var chunkCount = 0

    init(chunkSize: Int = 512, minLead: Int = 2, maxLead: Int = 8) {
        precondition(minLead >= 1 && minLead <= maxLead, "the helper's lead must be at least one chunk and at most maxLead")
        self.chunkSize = chunkSize
        self.minLead = minLead
        self.maxLead = maxLead
    }

    deinit {
        if let slots {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        if let states {
            states.deinitialize(count: chunkCount)
            states.deallocate()
        }
    }

    /// Opens `count` positions to the helper; `make(position)` makes the value of a position. Called
    /// once, by the loop's thread, before its first `take`. With `passed`, the helper also calls it
    /// for each position the loop is done with (every position before the chunk the loop is in),
    /// in order, each once: while it is as far ahead as it may go, and after its last chunk until
    /// the loop finishes and every position is passed. A helper that never comes calls nothing.
    func publish(count: Int, make: @escaping @Sendable (Int) -> Value, passed: (@Sendable (Int) -> Void)? = nil) {
        let slots = UnsafeMutablePointer<Value?>.allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: count)
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let states = UnsafeMutablePointer<Atomic<UInt8>>.allocate(capacity: max(chunkCount, 1))
        for chunk in 0..<chunkCount { (states + chunk).initialize(to: Atomic(ChunkState.unclaimed)) }
        self.slots = slots
        self.states = states
        self.count = count
        self.chunkCount = chunkCount
        self.passed.withLock { $0 = passed }
        published.withLock { $0 = make }
    }

    /// The value of `position` made ahead by the helper, or nil when the loop is to make it itself.
    /// Positions must be taken in increasing order, each once, from 0.
    func take(_ position: Int) -> Value? {
        let chunk = position / chunkSize
        if position % chunkSize == 0 {
            // Releasing: what the loop read at earlier positions is read before a helper that
            // sees this chunk lets it go (`passed`).
            loopChunk.store(chunk, ordering: .releasing)
            loopOwnsChunk = states![chunk].compareExchange(
                expected: ChunkState.unclaimed, desired: ChunkState.loop, ordering: .acquiringAndReleasing).exchanged
        }
        if loopOwnsChunk { return nil }
        while states![chunk].load(ordering: .acquiring) != ChunkState.helperMade { sched_yield() }
        var value: Value?
        swap(&value, &slots![position])
        return value
    }

    /// Calls `body` with where the value of `position` lies if the helper has made it, for a loop
    /// that looks ahead (to prefetch what the value names); nil if it has not. Only for positions
    /// the loop has not taken, by the loop's thread. Read a field through the pointer: a value
    /// read whole is copied, and a copy retains everything it refers to.
    func peek<R>(_ position: Int, _ body: (UnsafePointer<Value>) -> R) -> R? {
        guard position < count, let slots, let states, states[position / chunkSize].load(ordering: .acquiring) == ChunkState.helperMade
        else { return nil }
        // The chunk is finished, so no write to this slot is under way: it holds the value.
        guard slots[position] != nil else { return nil }
        return withUnsafePointer(to: &slots[position]!) { body($0) }
    }

    /// Whether a helper calls `passed` for every position, those the loop has passed already
    /// included. Until one does, the loop does that work itself where it cannot wait (a helper
    /// busy elsewhere may come late or not at all); the work must then be harmless to do twice.
    var isFollowed: Bool { following.load(ordering: .acquiring) }

    /// One past the furthest chunk the helper has claimed, 0 before its first (for tests of the
    /// lead).
    var helperReachedChunk: Int { helperReach.load(ordering: .acquiring) }

    /// Tells the helper that the loop will take no more values.
    func finish() {
        finished.store(true, ordering: .releasing)
        published.withLock { $0 = nil }
        // A helper that has not started will not: what `passed` holds goes with the caller's.
        passed.withLock { $0 = nil }
    }

    /// Makes values ahead of the loop until it finishes or the last chunk is claimed. Waits for the
    /// loop to publish its job, unless the loop has finished already. Called by the thread that
    /// would idle.
    func help() {
        var published: (@Sendable (Int) -> Value)?
        while published == nil {
            if finished.load(ordering: .acquiring) { return }
            published = self.published.withLock { $0 }
            if published == nil { usleep(50) }
        }
        guard let make = published, let slots, let states else { return }
        let passed = self.passed.withLock { $0.take() }
        if passed != nil { following.store(true, ordering: .releasing) }
        // The first position not yet handed to `passed`.
        var behind = 0
        // Hands `passed` the positions the loop is done with; false if there were none.
        func follow() -> Bool {
            guard let passed else { return false }
            let done = finished.load(ordering: .acquiring) ? count : loopChunk.load(ordering: .acquiring) * chunkSize
            guard behind < done else { return false }
            for position in behind..<done { passed(position) }
            behind = done
            return true
        }
        // The first chunk the helper has not passed over.
        var next = 0
        while !finished.load(ordering: .relaxed) {
            let loopAt = loopChunk.load(ordering: .relaxed)
            let chunk = max(next, loopAt + minLead)
            if chunk >= chunkCount { break }
            if chunk > loopAt + maxLead {
                // Far enough ahead: a chunk takes the loop milliseconds, so sleep rather than spin.
                if !follow() { usleep(50) }
                continue
            }
            next = chunk + 1
            // Fails only where the loop got there first.
            guard states[chunk].compareExchange(
                expected: ChunkState.unclaimed, desired: ChunkState.helperMaking, ordering: .acquiringAndReleasing).exchanged
            else { continue }
            helperReach.store(chunk + 1, ordering: .releasing)
            for position in chunk * chunkSize..<min(count, (chunk + 1) * chunkSize) {
                slots[position] = make(position)
            }
            states[chunk].store(ChunkState.helperMade, ordering: .releasing)
            // Each chunk made, what the loop has passed meanwhile: left until the helper is as
            // far ahead as it may go, it piled up, and was still being done after the loop ended.
            _ = follow()
        }
        guard passed != nil else { return }
        while behind < count {
            if !follow() { usleep(50) }
        }
    }
}

/// Who has a chunk of a `PreparedAhead`: nobody yet, the helper (making or made), or the loop.
private enum ChunkState {
    static let unclaimed: UInt8 = 0
    static let helperMaking: UInt8 = 1
    static let helperMade: UInt8 = 2
    static let loop: UInt8 = 3
}
