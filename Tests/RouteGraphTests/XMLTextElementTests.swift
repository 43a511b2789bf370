import Foundation
import Testing

@testable import RouteGraph

/// `XMLStreamWriter.textElement` writes prepared markup with libxml2-escaped text instead of
/// xmlTextWriter's element calls; the bytes must be exactly those the element calls give, in every
/// position a GraphML file puts one (after an open start tag, after another text element, before a
/// libxml2 element, before an end tag), indented or not.
@Suite("XML text elements")
struct XMLTextElementTests {
    /// One child of a text element: its value as the writer takes it.
    enum Value {
        case text(String)
        case integer(Int64)
        case boolean(Bool)

        var string: String {
            switch self {
            case .text(let text): text
            case .integer(let value): String(value)
            case .boolean(let value): value ? "true" : "false"
            }
        }
    }

    static let values: [Value] = [
        .text("plain"), .text("a<b>&c\"d'e"), .text("cr\r\nlf\ttab"), .text("ctrl:\u{1}\u{0}\u{1F}end"),
        .text("\u{FFFE}\u{FFFF}\u{FFFD}"), .text("訂閱🚀"), .text("]]> &amp; &#13;"), .text(""),
        .integer(0), .integer(-5), .integer(Int64.max), .integer(Int64.min), .boolean(true), .boolean(false),
    ]

    @Test("text elements give the bytes of xmlTextWriter's element calls", arguments: [true, false])
    func sameBytesAsElementCalls(indent: Bool) throws {
        let prepared = try document(indent: indent, Self.writeTextElement)
        let called = try document(indent: indent, Self.writeByElementCalls)
        #expect(prepared.count > 1000)
        #expect(String(decoding: prepared, as: UTF8.self) == String(decoding: called, as: UTF8.self))
        #expect(prepared == called)
    }

    /// Text with nothing to escape goes into the markup at once unless texts are queued before it
    /// (`textElement`): rows that mix the two, in every order, must still give the element calls'
    /// bytes.
    @Test("rows mixing text to escape with text that needs none give the element calls' bytes", arguments: [true, false])
    func mixedRows(indent: Bool) throws {
        let picks: [Value] = [.text("plain"), .text("a<b>&c\"d"), .text("cr\r"), .text(""), .integer(7), .boolean(false)]
        var rows: [[Value]] = []
        for a in picks {
            for b in picks {
                for c in picks { rows.append([a, b, c, .text("tail")]) }
            }
        }
        let prepared = try document(indent: indent, rows: rows, Self.writeTextElement)
        let called = try document(indent: indent, rows: rows, Self.writeByElementCalls)
        #expect(prepared.count > 10_000)
        #expect(String(decoding: prepared, as: UTF8.self) == String(decoding: called, as: UTF8.self))
        #expect(prepared == called)
    }

    @Test("tags are serialised once, as written")
    func tags() {
        let element = XMLTextElement("data", attributes: [("key", "n_kind")])
        #expect(Array(element.startTag) == Array("<data key=\"n_kind\">".utf8))
        #expect(Array(element.endTag) == Array("</data>".utf8))
    }

    /// `value` as a text element under `key`: the way under test.
    private static func writeTextElement(_ xml: inout XMLStreamWriter, _ key: String, _ value: Value) throws(OutputError) {
        let element = XMLTextElement("data", attributes: [("key", key)])
        switch value {
        case .text(let text): xml.textElement(element, text)
        case .integer(let integer): xml.textElement(element, integer)
        case .boolean(let boolean): xml.textElement(element, boolean)
        }
    }

    /// `value` through xmlTextWriter's element calls, as GraphMLWriter made them before: the
    /// reference, empty values left out.
    private static func writeByElementCalls(_ xml: inout XMLStreamWriter, _ key: String, _ value: Value) throws(OutputError) {
        guard !value.string.isEmpty else { return }
        try xml.startElement("data")
        try xml.attribute("key", key)
        try xml.text(value.string)
        try xml.endElement()
    }

    /// A document of one `node` per row, holding the row's values in order, then a libxml2
    /// element, then the row's first value again.
    private func document(
        indent: Bool, rows: [[Value]], _ write: (inout XMLStreamWriter, String, Value) throws(OutputError) -> Void
    ) throws -> Data {
        try written(indent: indent) { xml throws(OutputError) in
            for (r, row) in rows.enumerated() {
                try xml.startElement("node")
                try xml.attribute("id", "n\(r)")
                for (index, value) in row.enumerated() { try write(&xml, "k\(index)", value) }
                try xml.startElement("inner")
                try xml.endElement()
                try write(&xml, "again", row[0])
                try xml.endElement()
            }
        }
    }

    /// A document exercising every position, each value written by `write` as key `k<index>`.
    private func document(
        indent: Bool, _ write: (inout XMLStreamWriter, String, Value) throws(OutputError) -> Void
    ) throws -> Data {
        try written(indent: indent) { xml throws(OutputError) in
            try xml.attribute("id", "r")
            for (index, value) in Self.values.enumerated() {
                // Right after an open start tag, then after another text element.
                try xml.startElement("node")
                try xml.attribute("id", "n\(index)")
                try write(&xml, "k\(index)", value)
                try write(&xml, "k\(index)b", value)
                // A libxml2 element after text elements, then text elements after it.
                try xml.startElement("inner")
                try xml.attribute("kind", "x")
                try xml.text(value.string)
                try xml.endElement()
                try write(&xml, "k\(index)c", value)
                try xml.endElement()
                // An element whose only content is a text element, ending the parent right after it.
                try xml.startElement("leaf")
                try write(&xml, "k\(index)d", value)
                try xml.endElement()
            }
        }
    }

    /// The bytes of a file whose `root` element `body` fills.
    private func written(indent: Bool, _ body: (inout XMLStreamWriter) throws(OutputError) -> Void) throws -> Data {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("doc.xml").path
        let file = try AtomicFile(path: path)
        var xml = try XMLStreamWriter(file: file, indent: indent)
        try xml.startElement("root")
        try body(&xml)
        try xml.endElement()
        try xml.finish()
        try file.commit()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
