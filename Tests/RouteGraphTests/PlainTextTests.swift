import Testing

@testable import RouteGraph

/// Text marked plain is copied by every writer without a look, so the mark must never be on text
/// that some format would change: each writer's fast path must give the bytes of its scan.
@Suite("Plain text")
struct PlainTextTests {
    /// Bytes at the edges of the rule: each mark, the neighbours of the printable range, space,
    /// the controls the formats treat differently, and characters that are not ASCII.
    static let pieces: [String] = [
        "a", "Z", "0", " ", "\"", "&", ",", "<", ">", "\\", "'", "=", "+", "-", "@", "/", ":", ";", "~", "\u{7F}",
        "\u{1F}", "\u{0}", "\t", "\n", "\r", "é", "\u{FFFE}", "\u{FFFD}", "中",
    ]

    /// Texts of 0 to 19 pieces, most of them plain letters so that plain texts of every length
    /// across word boundaries come up, with a fixed seed.
    static func texts(count: Int) -> [String] {
        var generator = DOTBytesTests.SplitMix(state: 0x5eed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0..<20, using: &generator)
            return (0..<length).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : "x"
            }.joined()
        }
    }

    /// The rule, byte by byte.
    static func isPlainByRule(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if bytes.first == 0x20 || bytes.last == 0x20 { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && !Array("\"&,<>\\".utf8).contains($0) }
    }

    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = text
        return copy.withUTF8(body)
    }

    @Test("plain is exactly printable ASCII without the six marks, and no space at either end")
    func rule() {
        for text in Self.texts(count: 20_000) + ByteWordsTests.texts(placing: Self.pieces, in: "q").map(\.text) {
            #expect(Self.withBytes(text) { PlainText.isPlain($0) } == Self.isPlainByRule(text), "\(text.debugDescription)")
        }
        #expect(Self.withBytes("") { PlainText.isPlain($0) })
        #expect(!Self.withBytes(String(repeating: "y", count: 64) + " ") { PlainText.isPlain($0) })
    }

    @Test("kind names are the bytes of their raw values, and plain")
    func kindNames() {
        for kind in NodeKind.allCases {
            let name = KindNames.shared.name(kind)
            #expect(Array(name) == Array(kind.rawValue.utf8))
            #expect(PlainText.isPlain(name))
        }
        for kind in EdgeKind.allCases {
            let name = KindNames.shared.name(kind)
            #expect(Array(name) == Array(kind.rawValue.utf8))
            #expect(PlainText.isPlain(name))
        }
    }

    @Test("CSV, JSON and DOT write plain text as their scans do, and XML finds nothing in it to change")
    func escapersAgree() {
        for text in Self.texts(count: 20_000) where Self.isPlainByRule(text) {
            Self.withBytes(text) { bytes in
                for formulaSafe in [false, true] {
                    var scanned = TextBuffer(flushLimit: 0), copied = TextBuffer(flushLimit: 0)
                    CSVField.append(bytes: bytes, formulaSafe: formulaSafe, to: &scanned)
                    CSVField.append(bytes: bytes, formulaSafe: formulaSafe, isPlain: true, to: &copied)
                    #expect(copied.string == scanned.string, "CSV \(text.debugDescription)")
                }
                var json = TextBuffer(flushLimit: 0), jsonCopied = TextBuffer(flushLimit: 0)
                JSONText.appendString(bytes: bytes, to: &json)
                JSONText.appendString(bytes: bytes, isPlain: true, to: &jsonCopied)
                #expect(jsonCopied.string == json.string && json.string == "\"\(text)\"", "JSON \(text.debugDescription)")
                var dot = TextBuffer(flushLimit: 0), dotCopied = TextBuffer(flushLimit: 0)
                DOTString.appendQuoted(bytes, to: &dot)
                DOTString.appendQuoted(bytes, isPlain: true, to: &dotCopied)
                #expect(dotCopied.string == dot.string && dot.string == "\"\(text)\"", "DOT \(text.debugDescription)")
                #expect(XMLText.isAllowed(utf8: bytes) && !XMLStreamWriter.needsEscaping(bytes), "XML \(text.debugDescription)")
            }
        }
    }

    @Test("a row of text elements marked plain is written as the same row scanned", arguments: [true, false])
    func xmlRows(indent: Bool) throws {
        let texts = Self.texts(count: 400).filter(Self.isPlainByRule)
        // Rows of plain texts alone, and rows where a text to escape queues the ones after it.
        func document(markPlain: Bool) throws -> String {
            var xml = try XMLStreamWriter(memoryFor: "plain.xml", buffer: TextBuffer(flushLimit: 0), declaration: true, indent: indent)
            try xml.startElement("root")
            for (index, text) in texts.enumerated() {
                try xml.startElement("row")
                if index % 3 == 0 { xml.textElement(XMLTextElement("d", attributes: [("k", "e")]), "a<b") }
                Self.withBytes(text) { xml.textElement(XMLTextElement("d", attributes: [("k", "p")]), utf8: $0, isPlain: markPlain) }
                xml.textElement(XMLTextElement("d", attributes: [("k", "n")]), Int64(index))
                Self.withBytes(text) { xml.textElement(XMLTextElement("d", attributes: [("k", "q")]), utf8: $0, isPlain: markPlain) }
                try xml.endElement()
            }
            try xml.endElement()
            try xml.finishDocument()
            return try xml.takeBuffer().string
        }
        let copied = try document(markPlain: true)
        #expect(copied == (try document(markPlain: false)))
        #expect(copied.contains("a&lt;b"))
    }
}
