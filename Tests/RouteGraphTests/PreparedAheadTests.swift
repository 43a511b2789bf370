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
        // The loop claims chunk 0 itself and waits: the helper may claim chunks 1...2, not more.
        #expect(ahead.take(0) == nil)
        // However busy the machine, the helper gets to its lead within two seconds...
        for _ in 0..<2000 where ahead.firstUnclaimedChunk < 3 { usleep(1000) }
        #expect(ahead.firstUnclaimedChunk == 3, "the helper claimed up to chunk \(ahead.firstUnclaimedChunk - 1) with the loop at chunk 0")
        // ...and stays there while the loop does not move.
        usleep(10_000)
        #expect(ahead.firstUnclaimedChunk == 3, "the helper claimed up to chunk \(ahead.firstUnclaimedChunk - 1) with the loop at chunk 0")
        var helped = 0
        for position in 1..<64 {
            if let value = ahead.take(position) {
                #expect(value == position)
                helped += 1
            }
        }
        ahead.finish()
        helper.wait()
        #expect(helped >= 8, "the helper made \(helped) values, fewer than its two chunks")
    }
}
