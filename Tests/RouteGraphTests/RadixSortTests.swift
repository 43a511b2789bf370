import Testing

@testable import RouteGraph

/// Building orders edges with `RadixSort`; these compare it with the standard library's stable
/// sort, on keys of every width it meets (one digit, several, all 64 bits) and with many ties.
@Suite("Radix sort")
struct RadixSortTests {
    private static func expected(_ items: [RadixSort.Item]) -> [UInt32] {
        items.enumerated().sorted { a, b in
            a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
        }.map(\.element.index)
    }

    @Test("Same order as a stable comparison sort", arguments: [0, 3, 11, 12, 40, 55, 64])
    func matchesStableSort(bits: Int) {
        var generator = SystemRandomNumberGenerator()
        let largest: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        for count in [0, 1, 2, 17, 5_000] {
            // Few distinct keys when narrow, so ties are common and must keep their order.
            let items = (0..<count).map { i in
                RadixSort.Item(key: UInt64.random(in: 0...largest, using: &generator), index: UInt32(count - i))
            }
            #expect(RadixSort.sortedIndices(items) == Self.expected(items), "\(count) keys of \(bits) bits")
        }
    }

    @Test("Two halves sorted apart and merged give the stable order of the whole", arguments: [0, 1, 2, 17, 5_000])
    func halvesMerged(count: Int) {
        var generator = SystemRandomNumberGenerator()
        // Few distinct keys, so that many ties fall across the two halves.
        let items = (0..<count).map { i in RadixSort.Item(key: UInt64.random(in: 0...9, using: &generator), index: UInt32(i)) }
        let half = count / 2
        let merged = RadixSort.mergedIndices(RadixSort.sorted(Array(items[..<half])), RadixSort.sorted(Array(items[half...])))
        #expect(merged == Self.expected(items))
    }

    @Test("Keys that share a digit skip its pass and still sort")
    func sharedDigits() {
        // Only the top digit differs: the lower passes find one bucket holding every key.
        let items = (0..<300).map { RadixSort.Item(key: UInt64(299 - $0) << 44 | 0x5_5555, index: UInt32($0)) }
        #expect(RadixSort.sortedIndices(items) == Self.expected(items))
        let same = (0..<50).map { RadixSort.Item(key: 7, index: UInt32($0)) }
        #expect(RadixSort.sortedIndices(same) == Array(0..<50))
    }

    @Test("Bits that hold every value below a count")
    func bitsBelow() {
        #expect(RadixSort.bits(below: 0) == 0)
        #expect(RadixSort.bits(below: 1) == 0)
        #expect(RadixSort.bits(below: 2) == 1)
        #expect(RadixSort.bits(below: 256) == 8)
        #expect(RadixSort.bits(below: 257) == 9)
    }
}
