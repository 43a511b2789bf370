import Testing

@testable import RouteGraph

/// Packing's blocks append into `GrowingBuffer`s and the packed graph then reads them by address.
@Suite("Growing buffer")
struct GrowingBufferTests {
    @Test("appends one by one and in runs keep every element in order across growth")
    func appendsInOrder() {
        var buffer = GrowingBuffer<UInt32>()
        var expected: [UInt32] = []
        for i in 0..<1000 {
            buffer.append(UInt32(i))
            expected.append(UInt32(i))
            if i % 97 == 0 {
                let run = (0..<UInt32(i % 50)).map { $0 &* 7 }
                run.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
                expected += run
            }
        }
        #expect(buffer.count == expected.count)
        #expect(buffer.withElements(0..<buffer.count) { Array($0) } == expected)
        #expect(buffer[0] == 0 && buffer[buffer.count - 1] == expected.last)
    }

    @Test("an empty run appends nothing; reserving keeps the elements and their place")
    func reserveAndEmptyRuns() {
        var buffer = GrowingBuffer<UInt8>(capacity: 4)
        buffer.append(contentsOf: UnsafeBufferPointer(start: nil, count: 0))
        #expect(buffer.count == 0)
        for byte in "abc".utf8 { buffer.append(byte) }
        buffer.reserveCapacity(1 << 12)
        let base = buffer.base
        for _ in 0..<(1 << 12) - 3 { buffer.append(0x2E) }
        #expect(buffer.base == base, "grew although the capacity was reserved")
        #expect(buffer.withElements(0..<3) { String(decoding: $0, as: UTF8.self) } == "abc")
    }

    @Test("a suffix changed in place stays changed, the elements before it untouched")
    func suffixInPlace() {
        var buffer = GrowingBuffer<Int>()
        for n in [9, 8, 5, 3, 7, 1] { buffer.append(n) }
        buffer.withSuffix(from: 2) { $0.sort() }
        #expect(buffer.withElements(0..<6) { Array($0) } == [9, 8, 1, 3, 5, 7])
    }

    @Test("a copy keeps the memory alive after the original is gone")
    func copiesShareMemory() {
        var copy: GrowingBuffer<UInt16>?
        do {
            var buffer = GrowingBuffer<UInt16>()
            for n in 0..<300 { buffer.append(UInt16(n)) }
            copy = buffer
        }
        #expect(copy?.withElements(295..<300) { Array($0) } == [295, 296, 297, 298, 299])
    }
}
