import Foundation
import Testing

@testable import RouteGraph

/// The eight-bytes-at-a-time tests the escapers scan with, and the escapers around them where a
/// byte to escape sits at each position of a word, so no lane and no word boundary is left out.
@Suite("Byte words")
struct ByteWordsTests {
    /// The first byte of `bytes` (as a little-endian word) that `matches`, by looking at each.
    static func firstMatch(_ word: UInt64, _ matches: (UInt8) -> Bool) -> Int? {
        (0..<8).first { matches(UInt8(truncatingIfNeeded: word >> (8 * UInt64($0)))) }
    }

    /// Words built mostly from the edges of each test (the byte itself, its neighbours, 0x00, 0x7F,
    /// 0x80, 0xFF), where borrows and carries go wrong.
    static func words(count: Int) -> [UInt64] {
        var generator = SystemRandomNumberGenerator()
        let edges: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x2C, 0x2D, 0x2E, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF]
        return (0..<count).map { _ in
            (0..<8).reduce(UInt64(0)) { word, lane in
                let byte = Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                return word | UInt64(byte) << (8 * UInt64(lane))
            }
        }
    }

    @Test("the lowest flag is the first byte that matches, for equal, below and non-ASCII")
    func lowestFlagIsExact() {
        for word in Self.words(count: 20_000) {
            for byte: UInt8 in [0x00, 0x22, 0x5C, 0x7F] {
                let flags = ByteWords.equal(word, byte)
                #expect((flags == 0 ? nil : ByteWords.firstFlagged(flags)) == Self.firstMatch(word) { $0 == byte })
            }
            for limit: UInt8 in [0x01, 0x20, 0x2D, 0x80] {
                let flags = ByteWords.below(word, limit)
                #expect((flags == 0 ? nil : ByteWords.firstFlagged(flags)) == Self.firstMatch(word) { $0 < limit })
            }
            var highBytes: UInt64 = 0
            for lane in 0..<8 where word >> (8 * UInt64(lane)) & 0x80 != 0 { highBytes |= 0x80 << (8 * UInt64(lane)) }
            #expect(ByteWords.nonASCII(word) == highBytes)
        }
    }

    @Test("capitals are flagged exactly, every byte of an ASCII word, whatever its neighbours")
    func asciiCapitals() {
        // Every ASCII byte in every lane, beside bytes at the edges of the range (@, A, Z, [).
        let neighbours: [UInt8] = [0x00, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7F]
        for lane in 0..<8 {
            for byte: UInt8 in 0...0x7F {
                for neighbour in neighbours {
                    var word = UInt64(neighbour) &* 0x0101_0101_0101_0101
                    word &= ~(0xFF << (8 * UInt64(lane)))
                    word |= UInt64(byte) << (8 * UInt64(lane))
                    var capitals: UInt64 = 0
                    for l in 0..<8 {
                        let b = UInt8(truncatingIfNeeded: word >> (8 * UInt64(l)))
                        if b >= 0x41 && b <= 0x5A { capitals |= 0x80 << (8 * UInt64(l)) }
                    }
                    #expect(ByteWords.asciiCapitals(word) == capitals, "byte \(byte) in lane \(lane) beside \(neighbour)")
                }
            }
        }
    }

    /// Each of `specials` at every position of a run of `filler`, in runs shorter than a word, one
    /// word, and across one or two word boundaries.
    static func texts(placing specials: [String], in filler: String) -> [(special: String, text: String)] {
        specials.flatMap { special in
            [7, 8, 9, 16, 17, 25].flatMap { length in
                (0..<length).map { position in
                    var scalars = Array(repeating: filler, count: length)
                    scalars[position] = special
                    return (special, scalars.joined())
                }
            }
        }
    }

    @Test("a CSV field with a byte to quote at any position is quoted as the rules say")
    func csvFieldsAtEveryPosition() {
        for (_, text) in Self.texts(placing: [",", "\"", "\n", "\r", "\u{0}", " ", "-", "订"], in: "a") {
            var buffer = TextBuffer(flushLimit: 0)
            var copy = text
            copy.withUTF8 { CSVField.append(bytes: $0, to: &buffer) }
            #expect(String(decoding: buffer.bytes, as: UTF8.self) == CSVPackedTests.expectedField(text, formulaSafe: false),
                    "\(text.debugDescription)")
        }
    }

    @Test("a JSON string with a byte to escape at any position reads back as the text")
    func jsonStringsAtEveryPosition() throws {
        for (special, text) in Self.texts(placing: ["\"", "\\", "\n", "\u{0}", "\u{1F}", " ", "/", "订", "\u{7F}"], in: "b") {
            var buffer = TextBuffer(flushLimit: 0)
            JSONText.appendString(text, to: &buffer)
            let read = try JSONSerialization.jsonObject(with: Data(buffer.bytes), options: .fragmentsAllowed) as? String
            #expect(read == text, "\(text.debugDescription)")
            let plain = !special.unicodeScalars.contains { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }
            #expect(plain == (Array(buffer.bytes) == Array(("\"" + text + "\"").utf8)), "\(text.debugDescription)")
        }
    }
}
