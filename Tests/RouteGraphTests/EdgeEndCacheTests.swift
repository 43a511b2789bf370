import Testing

@testable import RouteGraph

/// `EdgeEndCache`, where packing remembers the node of each edge end it had to search for.
@Suite
struct EdgeEndCacheTests {
    @Test("what is remembered is found again, through growth; nothing else is found")
    func remembers() {
        var cache = EdgeEndCache()
        let keys = (1...5000).map { (low: UInt64($0) &* 0x9E37_79B9_7F4A_7C15, high: UInt64($0) << 3 | 0xE000_0000_0000_0000) }
        for (i, key) in keys.enumerated() {
            cache.remember(low: key.low, high: key.high, index: i % 7 == 0 ? -1 : Int32(i))
        }
        for (i, key) in keys.enumerated() {
            #expect(cache.index(low: key.low, high: key.high) == (i % 7 == 0 ? -1 : Int32(i)))
        }
        #expect(cache.index(low: 12345, high: 0xE000_0000_0000_0000) == nil)
        #expect(cache.index(low: keys[0].high, high: keys[0].low) == nil)
    }

    /// Distinct words in no pattern the table's hash might spread evenly.
    static func scrambled(_ n: Int) -> UInt64 {
        var x = UInt64(n) &* 0x2545_F491_4F6C_DD1D
        x ^= x >> 29
        return x | 1
    }

    @Test("strings that share one of their two words are told apart by the other")
    func bothWords() {
        var cache = EdgeEndCache()
        let high: UInt64 = 0xE000_0000_0000_00A8
        for low in 1...3000 { cache.remember(low: UInt64(low), high: high, index: Int32(low)) }
        for low in 1...3000 { cache.remember(low: 7, high: Self.scrambled(low), index: Int32(10000 + low)) }
        for low in 1...3000 where cache.index(low: UInt64(low), high: high) != Int32(low) {
            Issue.record("\(low): \(String(describing: cache.index(low: UInt64(low), high: high)))")
        }
        for low in 1...3000 where cache.index(low: 7, high: Self.scrambled(low)) != Int32(10000 + low) {
            Issue.record("7, \(low): \(String(describing: cache.index(low: 7, high: Self.scrambled(low))))")
        }
    }
}
