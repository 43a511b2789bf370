import Testing

@testable import RouteGraph

@Suite("Text buffer as XML markup")
struct TextBufferMarkupTests {
    @Test("keeps every byte, spaces and a C string as it grows past its capacity")
    func growth() {
        var buffer = TextBuffer(flushLimit: 0)
        var expected: [UInt8] = []
        for round in 0..<2000 { // about 25 KB: several times the first block
            let piece = Array("piece \(round);".utf8)
            piece.withUnsafeBufferPointer { buffer.append($0) }
            buffer.append(UInt8(ascii: "|"))
            // Up to sixteen stored as words, more as a run: spaces, and commas (CSV's empty fields).
            let filler = round % 3 == 0 ? UInt8(ascii: ",") : UInt8(ascii: " ")
            if filler == UInt8(ascii: " ") { buffer.appendSpaces(round % 21) } else { buffer.append(repeating: filler, count: round % 21) }
            expected += piece + [UInt8(ascii: "|")] + Array(repeating: filler, count: round % 21)
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
}
