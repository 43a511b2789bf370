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
}
