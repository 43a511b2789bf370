import Synchronization

/// An element that holds only text, such as GraphML's `<data key="n_kind">…</data>`, with its start
/// and end tags serialised once, for `XMLStreamWriter.textElement`.
///
/// A GraphML file is mostly such elements, a million of them for a large graph. Written through
/// xmlTextWriter's element calls, each costs a dozen libxml2 calls (a heap-allocated stack entry, the
/// name copied, every piece of markup appended separately); as prepared bytes its tags cost one copy.
/// Only fixed markup is prepared: the text inside is still escaped by libxml2.
///
/// The tags live as long as the process, interned by content, so an element is a plain value:
/// passed a million times, an element holding arrays would cost a retain and a release each time.
struct XMLTextElement: @unchecked Sendable {
    /// `<name a="v" …>`.
    let startTag: UnsafeBufferPointer<UInt8>
    /// `</name>`.
    let endTag: UnsafeBufferPointer<UInt8>
    /// `</name>` and a line break, for an indented document: one copy where there were two.
    let endLine: UnsafeBufferPointer<UInt8>

    /// The element `name` with `attributes`, in order. Names and values are written as they are,
    /// so they must be plain names that need no escaping (`[A-Za-z0-9_.:-]`); anything else is a
    /// programming error.
    init(_ name: String, attributes: [(name: String, value: String)]) {
        precondition(Self.isPlainName(name), "element name \(name) needs escaping")
        var start = "<\(name)"
        for attribute in attributes {
            precondition(Self.isPlainName(attribute.name) && Self.isPlainName(attribute.value),
                         "attribute \(attribute.name)=\(attribute.value) needs escaping")
            start += " \(attribute.name)=\"\(attribute.value)\""
        }
        startTag = Self.intern(start + ">")
        endTag = Self.intern("</\(name)>")
        endLine = Self.intern("</\(name)>\n")
    }

    /// Every tag made so far, by its text, in `PermanentBytes`: there are a few dozen (one per
    /// GraphML key), however many files are written.
    private static let tags = Mutex<[String: UnsafeBufferPointer<UInt8>]>([:])

    private static func intern(_ text: String) -> UnsafeBufferPointer<UInt8> {
        tags.withLock { tags in
            if let tag = tags[text] { return tag }
            let tag = PermanentBytes.copy(text.utf8)
            tags[text] = tag
            return tag
        }
    }

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
