/// An element that holds only text, such as GraphML's `<data key="n_kind">…</data>`, with its start
/// and end tags serialised once, for `XMLStreamWriter.textElement`.
///
/// A GraphML file is mostly such elements, a million of them for a large graph. Written through
/// xmlTextWriter's element calls, each costs a dozen libxml2 calls (a heap-allocated stack entry, the
/// name copied, every piece of markup appended separately); as prepared bytes its tags cost one copy.
/// Only fixed markup is prepared: the text inside is still escaped by libxml2.
struct XMLTextElement: Sendable {
    /// `<name a="v" …>`.
    let startTag: [UInt8]
    /// `</name>`.
    let endTag: [UInt8]

    /// The element `name` with `attributes`, in order. Names and values are written as they are,
    /// so they must be plain names that need no escaping (`[A-Za-z0-9_.:-]`); anything else is a
    /// programming error.
    init(_ name: String, attributes: [(name: String, value: String)]) {
        precondition(Self.isPlainName(name), "element name \(name) needs escaping")
        var start = Array("<\(name)".utf8)
        for attribute in attributes {
            precondition(Self.isPlainName(attribute.name) && Self.isPlainName(attribute.value),
                         "attribute \(attribute.name)=\(attribute.value) needs escaping")
            start += Array(" \(attribute.name)=\"\(attribute.value)\"".utf8)
        }
        startTag = start + Array(">".utf8)
        endTag = Array("</\(name)>".utf8)
    }

    /// The two boolean values, as text.
    static let trueText = Array("true".utf8)
    static let falseText = Array("false".utf8)

    private static func isPlainName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"),
                UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }
}
