import Dispatch
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import RouteGraph

/// `PreparedAhead`: whichever thread makes a position's value, the loop sees every position once,
/// in order, with the value `make` gives for it, and the helper never runs ahead of its lead.
@Suite("PreparedAhead")
struct PreparedAheadTests {
    /// Runs a loop over `count` positions on one thread and `help` on another, the helper joining
    /// after `helperDelay` microseconds; returns, per position, the value taken (made by the
    /// helper) or made by the loop. (That the helper makes values at all is checked by the test
    /// of its lead, where the loop waits for it.)
    static func run(count: Int, chunkSize: Int, maxLead: Int, helperDelay: UInt32) -> [Int] {
        let ahead = PreparedAhead<Int>(chunkSize: chunkSize, maxLead: maxLead)
        let make: @Sendable (Int) -> Int = { $0 &* 2_654_435_761 }
        let result = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            if thread == 0 {
                defer { ahead.finish() }
                ahead.publish(count: count, make: make)
                var seen: [Int] = []
                for position in 0..<count { seen.append(ahead.take(position) ?? make(position)) }
                result.withLock { $0 = seen }
            } else {
                usleep(helperDelay)
                ahead.help()
            }
        }
        return result.withLock { $0 }
    }

    @Test("every position gets make's value, whoever made it", arguments: [
        (0, 4, 2, 0 as UInt32), (1, 4, 2, 0), (5, 4, 2, 0), (4096, 16, 4, 0), (4096, 16, 4, 200), (10_000, 512, 8, 50), (3, 512, 8, 0),
    ])
    func valuesAreMakes(count: Int, chunkSize: Int, maxLead: Int, helperDelay: UInt32) {
        let values = Self.run(count: count, chunkSize: chunkSize, maxLead: maxLead, helperDelay: helperDelay)
        #expect(values == (0..<count).map { $0 &* 2_654_435_761 })
    }

    @Test("a helper that comes after the loop finished returns at once")
    func lateHelperReturns() {
        let ahead = PreparedAhead<Int>()
        ahead.publish(count: 10) { $0 }
        for position in 0..<10 { #expect(ahead.take(position) == nil) }
        ahead.finish()
        ahead.help()  // Must return: the loop made every value itself.
    }

    @Test("a loop that publishes nothing releases a waiting helper")
    func unpublishedJobReleasesHelper() {
        let ahead = PreparedAhead<Int>()
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            if thread == 0 {
                usleep(1000)
                ahead.finish()
            } else {
                ahead.help()
            }
        }
    }

    @Test("the helper makes values while the loop is slow, but never more than its lead ahead")
    func helperStaysWithinItsLead() {
        let ahead = PreparedAhead<Int>(chunkSize: 4, maxLead: 2)
        ahead.publish(count: 64) { $0 }
        let helper = DispatchGroup()
        helper.enter()
        DispatchQueue.global().async {
            ahead.help()
            helper.leave()
        }
        // The loop claims chunk 0 itself and waits: the helper may claim chunk 2 (two ahead at
        // least and at most), not chunk 1 and not chunk 3.
        #expect(ahead.take(0) == nil)
        // However busy the machine, the helper gets to its lead within two seconds...
        for _ in 0..<2000 where ahead.helperReachedChunk < 3 { usleep(1000) }
        #expect(ahead.helperReachedChunk == 3, "the helper claimed up to chunk \(ahead.helperReachedChunk - 1) with the loop at chunk 0")
        #expect(ahead.peek(4) { $0.pointee } == nil, "the helper made chunk 1, right after the loop's")
        // ...and stays there while the loop does not move.
        usleep(10_000)
        #expect(ahead.helperReachedChunk == 3, "the helper claimed up to chunk \(ahead.helperReachedChunk - 1) with the loop at chunk 0")
        var helped = 0
        for position in 1..<64 {
            if let value = ahead.take(position) {
                #expect(value == position)
                helped += 1
            }
        }
        ahead.finish()
        helper.wait()
        #expect(helped >= 4, "the helper made \(helped) values, fewer than the chunk it claimed")
    }

    @Test("passed: every position once, in order, and only once the loop is past it", arguments: [
        (1, 4, 2), (5, 4, 2), (4096, 16, 4), (10_000, 512, 8),
    ])
    func passedFollowsTheLoop(count: Int, chunkSize: Int, maxLead: Int) {
        let ahead = PreparedAhead<Int>(chunkSize: chunkSize, maxLead: maxLead)
        // The position the loop is at, and what `passed` saw: each position with the loop's
        // position at the time.
        let loopAt = Atomic<Int>(0)
        let seen = Mutex<[(position: Int, loopAt: Int)]>([])
        ahead.publish(count: count, make: { $0 }, passed: { position in
            seen.withLock { $0.append((position, loopAt.load(ordering: .acquiring))) }
        })
        let helper = DispatchGroup()
        helper.enter()
        DispatchQueue.global().async {
            ahead.help()
            helper.leave()
        }
        // Wait for the helper to take `passed`, however busy the machine, so that the loop cannot
        // finish before it comes.
        for _ in 0..<2000 where !ahead.isFollowed { usleep(1000) }
        for position in 0..<count {
            loopAt.store(position, ordering: .releasing)
            #expect(ahead.take(position) ?? position == position)
            // Slow enough for the helper to get ahead, and to pass positions while the loop runs.
            if position % 7 == 0 { usleep(1) }
        }
        loopAt.store(count, ordering: .releasing)
        ahead.finish()
        helper.wait()
        let calls = seen.withLock { $0 }
        #expect(calls.map(\.position) == Array(0..<count))
        for call in calls where call.position >= call.loopAt {
            Issue.record("position \(call.position) passed with the loop at \(call.loopAt)")
        }
    }

    @Test("a helper that comes after the loop finished passes nothing")
    func latePassedIsNotCalled() {
        let ahead = PreparedAhead<Int>()
        let calls = Atomic<Int>(0)
        ahead.publish(count: 10, make: { $0 }, passed: { _ in calls.add(1, ordering: .relaxed) })
        for position in 0..<10 { _ = ahead.take(position) }
        ahead.finish()
        ahead.help()
        #expect(calls.load(ordering: .relaxed) == 0)
    }

    @Test("peek sees the helper's value for a position ahead, or nothing; never another value")
    func peekSeesMadeValues() {
        let ahead = PreparedAhead<Int>(chunkSize: 4, maxLead: 2)
        ahead.publish(count: 64) { $0 * 10 }
        #expect(ahead.peek(3) { $0.pointee } == nil)  // chunk 0: nobody has made it yet
        let helper = DispatchGroup()
        helper.enter()
        DispatchQueue.global().async {
            ahead.help()
            helper.leave()
        }
        #expect(ahead.take(0) == nil)  // the loop claims chunk 0 itself
        for _ in 0..<2000 where ahead.helperReachedChunk < 3 { usleep(1000) }
        #expect(ahead.helperReachedChunk == 3)
        #expect(ahead.peek(1) { $0.pointee } == nil)  // the loop's own chunk holds no values
        for _ in 0..<2000 where ahead.peek(11, { $0.pointee }) == nil { usleep(1000) }
        #expect(ahead.peek(4) { $0.pointee } == nil)  // chunk 1: too near the loop for the helper
        #expect(ahead.peek(8) { $0.pointee } == 80)
        #expect(ahead.peek(11) { $0.pointee } == 110)
        #expect(ahead.peek(12) { $0.pointee } == nil)  // beyond the lead: not made
        #expect(ahead.peek(64) { $0.pointee } == nil)  // beyond the end
        for position in 1..<64 {
            if let value = ahead.take(position) { #expect(value == position * 10) }
        }
        ahead.finish()
        helper.wait()
    }
}
