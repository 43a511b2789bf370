import Testing

@testable import RouteGraph

@Suite("XML byte buffer")
struct XMLByteBufferTests {
    @Test("keeps every byte as it grows past its capacity")
    func growth() {
        var buffer = XMLByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        for round in 0..<200 {
            let piece = Array("piece \(round);".utf8)
            piece.withUnsafeBufferPointer { buffer.append($0) }
            buffer.append(UInt8(ascii: "|"))
            buffer.appendSpaces(round % 5)
            expected += piece + [UInt8(ascii: "|")] + Array(repeating: UInt8(ascii: " "), count: round % 5)
        }
        #expect(Array(buffer.bytes) == expected)
        let terminated = buffer.withCString { String(cString: $0) }
        #expect(terminated == String(decoding: expected, as: UTF8.self))
        buffer.truncate(to: 5)
        #expect(Array(buffer.bytes) == Array(expected.prefix(5)))
        buffer.removeAll()
        let empty = buffer.isEmpty
        #expect(empty)
    }

    @Test("writes integers as Swift does", arguments: [0, 7, -7, 10, 99, 100, -100, 1_234_567_890, Int64.max, Int64.min])
    func decimal(_ value: Int64) {
        var buffer = XMLByteBuffer(capacity: 1)
        buffer.append(UInt8(ascii: "x"))
        buffer.appendDecimal(value)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "x\(value)")
    }
}
