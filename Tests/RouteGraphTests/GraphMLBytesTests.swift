import Foundation
import Testing

@testable import RouteGraph

/// The byte-level pieces the GraphML writer reads a packed graph with: ids, sanitising, text and
/// attributes given as UTF-8, and yEd's label widths, each checked against the String form it
/// replaces (or an independent one) on hostile text.
@Suite("GraphML from bytes")
struct GraphMLBytesTests {
    /// Hostile text: markup, quotes, every C0 control and NUL, U+FFFE/U+FFFF, non-ASCII of every
    /// UTF-8 length, grapheme clusters, and long values.
    static let texts: [String] =
        SampleGraphs.hostileStrings + [
            "", "&", "<>", "\"'", "_", "a_b", "\u{0}", "\u{0}\u{0}x", "\r", "\r\n", "x\r\ny",
            String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }),
            "é", "e\u{301}", "测试", "🚀", "🇩🇪🇫🇷", "\u{FFFD}\u{FFFC}\u{EFBF}", "\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
            "cidr:10.0.0.0/8", "gateway:gw-7ea3****",
            String(repeating: "a&<\u{1}é🚀\u{FFFE}\"", count: 40_000),
            String(repeating: "x", count: 1 << 20),
        ]

    /// The GraphML id worked out scalar by scalar, as the format defines it.
    private func expectedId(_ canonicalId: String) -> String {
        var id = ""
        for scalar in canonicalId.unicodeScalars {
            if scalar.isASCII, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.:-".unicodeScalars.contains(scalar) {
                id.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                id += "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
            }
        }
        return id
    }

    @Test("ids from bytes are the ids of the format, for every hostile text")
    func ids() {
        for text in Self.texts {
            var bytes = TextBuffer(flushLimit: 0)
            var utf8 = text
            utf8.withUTF8 { GraphMLId.append(utf8: $0, to: &bytes) }
            let id = String(decoding: bytes.bytes, as: UTF8.self)
            #expect(id == expectedId(text), "\(text.prefix(40))")
            #expect(id == GraphMLWriter.graphMLId(for: text))
        }
    }

    /// The values of attribute `name` in the start tags of `element`, in file order.
    private func attributeValues(_ name: String, of element: String, in text: String) -> [String] {
        text.components(separatedBy: "<\(element) ").dropFirst().map { tag in
            let afterName = (" " + tag).components(separatedBy: " \(name)=\"").dropFirst().first ?? ""
            return String(afterName.prefix { $0 != "\"" })
        }
    }

    @Test("node ids and edge ends, of nodes or dangling, are written as the format's ids", arguments: GraphMLStyle.allCases)
    func endIds(style: GraphMLStyle) throws {
        // The ids of nodes are escaped once per node and copied for each edge end; ends without a
        // node are escaped where they are written.
        let graph = DOTBytesTests.danglingGraph()
        let sink = MemorySink()
        try GraphMLWriter.plan(graph, style: style).emit(into: sink)
        let text = sink.text
        #expect(attributeValues("id", of: "node", in: text) == graph.nodes.map { expectedId($0.id) })
        #expect(attributeValues("source", of: "edge", in: text) == graph.edges.map { expectedId($0.source) })
        #expect(attributeValues("target", of: "edge", in: text) == graph.edges.map { expectedId($0.target) })
        #expect(graph.edges.contains { graph.node(id: $0.source) == nil } && graph.edges.contains { graph.node(id: $0.target) == nil })
    }

    @Test("sanitising bytes gives the bytes of sanitising the String")
    func sanitising() {
        for text in Self.texts {
            var bytes = TextBuffer(flushLimit: 0)
            var utf8 = text
            utf8.withUTF8 { XMLText.appendSanitised(utf8: $0, to: &bytes) }
            #expect(Array(bytes.bytes) == Array(XMLText.sanitised(text).utf8), "\(text.prefix(40))")
            #expect(!bytes.bytes.contains(0) && !bytes.bytes.contains(1))
        }
        // Appends, keeping what was there.
        var bytes = TextBuffer(flushLimit: 0)
        bytes.append("k=" as StaticString)
        var text = "a\u{0}b\u{FFFF}"
        text.withUTF8 { XMLText.appendSanitised(utf8: $0, to: &bytes) }
        #expect(Array(bytes.bytes) == Array("k=a\u{FFFD}b\u{FFFD}".utf8))
    }

    @Test("text, attributes and a row of text elements from bytes give the bytes of the String calls", arguments: [true, false])
    func writerFromBytes(indent: Bool) throws {
        let fromBytes = try document(indent: indent) { xml, text throws(OutputError) in
            var buffer = TextBuffer(flushLimit: 0)
            buffer.append(string: text)
            let bytes = buffer.bytes
            try xml.startElement("e")
            try xml.attribute("v", utf8: bytes)
            try xml.text(utf8: bytes)
            try xml.endElement()
            // A row: every short text of the list, with numbers between, then this one.
            try xml.startElement("row")
            for (index, other) in Self.texts.enumerated() where other.utf8.count < 5000 {
                var copy = other
                copy.withUTF8 { xml.textElement(XMLTextElement("d", attributes: [("k", "t\(index)")]), utf8: $0) }
                xml.textElement(XMLTextElement("d", attributes: [("k", "i")]), Int64(index) - 3)
            }
            xml.textElement(XMLTextElement("d", attributes: [("k", "own")]), utf8: bytes)
            xml.textElement(XMLTextElement("d", attributes: [("k", "b")]), true)
            try xml.endElement()
            // A row of this text alone, with a number: escaped only if the text needs it.
            try xml.startElement("alone")
            xml.textElement(XMLTextElement("d", attributes: [("k", "n")]), Int64(-1))
            xml.textElement(XMLTextElement("d", attributes: [("k", "own")]), utf8: bytes)
            try xml.endElement()
        }
        let fromStrings = try document(indent: indent) { xml, text throws(OutputError) in
            try xml.startElement("e")
            try xml.attribute("v", text)
            try xml.text(text)
            try xml.endElement()
            try xml.startElement("row")
            for (index, other) in Self.texts.enumerated() where other.utf8.count < 5000 {
                try dataElement(&xml, "t\(index)", other)
                try dataElement(&xml, "i", String(index - 3))
            }
            try dataElement(&xml, "own", text)
            try dataElement(&xml, "b", "true")
            try xml.endElement()
            try xml.startElement("alone")
            try dataElement(&xml, "n", "-1")
            try dataElement(&xml, "own", text)
            try xml.endElement()
        }
        #expect(fromBytes.count > 2 << 20)
        #expect(fromBytes == fromStrings)
    }

    @Test("a text needs escaping exactly when it holds a byte libxml2's escaping rewrites")
    func needsEscaping() {
        let extra = ["a<b", "a>b", "a&b", "a\"b", "a\rb", "a'b\n\t", String(repeating: "y", count: 999) + "&"]
        for text in Self.texts + extra {
            var utf8 = text
            let needs = utf8.withUTF8 { XMLStreamWriter.needsEscaping($0) }
            #expect(needs == text.utf8.contains { [0x3C, 0x3E, 0x26, 0x22, 0x0D].contains($0) }, "\(text.prefix(40))")
        }
        #expect(!Array("plain 10.0.0.0/8 é🚀'\n\t".utf8).withUnsafeBufferPointer(XMLStreamWriter.needsEscaping))
    }

    @Test("markup elements give the bytes of xmlTextWriter's element calls", arguments: [true, false])
    func markupElements(indent: Bool) throws {
        let id = Array("cidr:10.0.0.0_x002F_8".utf8)
        let asMarkup = try document(indent: indent) { xml, text throws(OutputError) in
            var buffer = TextBuffer(flushLimit: 0)
            buffer.append(string: text)
            try id.withUnsafeBufferPointer { (id) throws(OutputError) in
                // Text elements inside, a nested markup element, an empty one, then a libxml2 one.
                try xml.startMarkupElement("node")
                xml.markupAttribute("id", id)
                xml.markupAttribute("source", id)
                xml.textElement(XMLTextElement("d", attributes: [("k", "t")]), utf8: buffer.bytes)
                try xml.startMarkupElement("inner")
                xml.textElement(XMLTextElement("d", attributes: [("k", "i")]), Int64(7))
                try xml.endMarkupElement("inner")
                try xml.startMarkupElement("empty")
                xml.markupAttribute("id", id)
                try xml.endMarkupElement("empty")
                try xml.endMarkupElement("node")
                try xml.startMarkupElement("bare")
                try xml.endMarkupElement("bare")
                try xml.startElement("after")
                try xml.endElement()
            }
        }
        let asCalls = try document(indent: indent) { xml, text throws(OutputError) in
            try xml.startElement("node")
            try xml.attribute("id", "cidr:10.0.0.0_x002F_8")
            try xml.attribute("source", "cidr:10.0.0.0_x002F_8")
            try dataElement(&xml, "t", text)
            try xml.startElement("inner")
            try dataElement(&xml, "i", "7")
            try xml.endElement()
            try xml.startElement("empty")
            try xml.attribute("id", "cidr:10.0.0.0_x002F_8")
            try xml.endElement()
            try xml.endElement()
            try xml.startElement("bare")
            try xml.endElement()
            try xml.startElement("after")
            try xml.endElement()
        }
        #expect(asMarkup.count > 2 << 20)
        let first = (0..<min(asMarkup.count, asCalls.count)).first { asMarkup[$0] != asCalls[$0] } ?? min(asMarkup.count, asCalls.count)
        let around = { (data: Data) in String(decoding: data[max(0, first - 300)..<min(data.count, first + 100)], as: UTF8.self) }
        #expect(around(asMarkup) == around(asCalls))
        #expect(asMarkup == asCalls)
    }

    @Test("the width-setting character count of a yEd label is String.count")
    func labelCharacters() {
        for text in Self.texts {
            var utf8 = text
            let count = utf8.withUTF8 { YEdGraphics.characterCount(utf8: $0) }
            #expect(count == text.count, "\(text.prefix(40))")
        }
    }

    @Test("yEd fills are the DOT fills in upper case")
    func fills() {
        for kind in NodeKind.allCases {
            #expect(YEdGraphics.fill(kind) == DOTStyle.fill(kind).uppercased())
        }
    }

    /// A data element through xmlTextWriter's element calls; empty values left out.
    private func dataElement(_ xml: inout XMLStreamWriter, _ key: String, _ text: String) throws(OutputError) {
        guard !text.isEmpty else { return }
        try xml.startElement("d")
        try xml.attribute("k", key)
        try xml.text(text)
        try xml.endElement()
    }

    /// A document with one child of the root per text, written by `write`.
    private func document(indent: Bool, _ write: (inout XMLStreamWriter, String) throws(OutputError) -> Void) throws -> Data {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("doc.xml").path
        let file = try AtomicFile(path: path)
        var xml = try XMLStreamWriter(file: file, indent: indent)
        try xml.startElement("root")
        for text in Self.texts { try write(&xml, text) }
        try xml.endElement()
        try xml.finish()
        try file.commit()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
