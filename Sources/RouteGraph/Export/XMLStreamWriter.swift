internal import CLibXML2

/// A libxml2 xmlTextWriter streaming into an `AtomicFile`, so an XML output is written piece by
/// piece, never held whole in memory, and reaches its final path only when complete.
///
/// Every string passes through `XMLText.sanitised` on its way in, and every libxml2 call is
/// checked: a negative result becomes `OutputError.writeFailed` (or the file's own error, when
/// libxml2 failed because writing to the file did).
final class XMLStreamWriter {
    private let path: String
    private let sink: Sink
    private var writer: OpaquePointer?
    private let indent: Bool
    /// The indentation per open element, given to libxml2 and used by `textElement` alike.
    private static let indentString = "  "
    private static let indentUnit = Array(indentString.utf8)

    /// Markup of text elements not yet handed to libxml2: collected here so the end tag of one
    /// element and the start tag of the next reach libxml2 as one piece (see `textElement`).
    private var markup: [UInt8] = []
    /// Bytes of one attribute value being built (see `attribute(_:building:)`), reused.
    private var scratch: [UInt8] = []
    /// Open elements: the indentation libxml2 would write for a child (libxml2 keeps its own count).
    private var depth = 0
    /// The innermost start tag awaits its `>`: libxml2 adds it before whatever comes next, and
    /// when indenting, its own child elements also begin a new line, which `textElement` must do too.
    private var startTagOpen = false
    /// The last bytes libxml2 received were `textElement` markup ending a line. libxml2 indents an
    /// end tag only after its own end tags, so `endElement` writes the indentation itself then.
    private var markupEndedLine = false

    /// Where libxml2's output buffer hands its bytes. A class, because libxml2 holds a pointer to
    /// it as the I/O context for as long as the writer lives.
    private final class Sink {
        let file: AtomicFile
        /// The first error writing to the file: libxml2 only learns that a write failed, not why.
        var failure: OutputError?
        /// Set once the document is abandoned, so the final flush libxml2 makes while being freed
        /// does not write into a file already discarded.
        var discarding = false

        init(file: AtomicFile) { self.file = file }
    }

    /// Opens a writer on `file` and writes the XML declaration (version 1.0, UTF-8).
    /// - Parameter indent: indents nested elements by two spaces, for people reading the file;
    ///   text content is never touched by it.
    init(file: AtomicFile, indent: Bool = true) throws(OutputError) {
        path = file.path
        sink = Sink(file: file)
        self.indent = indent
        markup.reserveCapacity(4096)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        // Closing is ours to do (AtomicFile.commit or discard), so libxml2 gets no close callback.
        guard let output = xmlOutputBufferCreateIO(xmlStreamWriterWrite, nil, context, nil) else {
            throw .writeFailed(path: path, reason: "libxml2 could not create an output buffer")
        }
        guard let writer = xmlNewTextWriter(output) else {
            // The writer did not take ownership of the buffer.
            xmlOutputBufferClose(output)
            throw .writeFailed(path: path, reason: "libxml2 could not create a text writer")
        }
        self.writer = writer
        if indent {
            try check(xmlTextWriterSetIndent(writer, 1), "set indentation")
            try check(withXMLString(Self.indentString) { xmlTextWriterSetIndentString(writer, $0) }, "set indentation")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    deinit {
        if writer != nil { abandon() }
    }

    /// Opens element `name`; attributes and content follow until `endElement`.
    func startElement(_ name: String) throws(OutputError) {
        let writer = try flushedWriter()
        try check(withXMLString(name) { xmlTextWriterStartElement(writer, $0) }, "start element <\(name)>")
        depth += 1
        startTagOpen = true
        markupEndedLine = false
    }

    /// Writes attribute `name` with `value` (escaped by libxml2) on the element just started.
    func attribute(_ name: String, _ value: String) throws(OutputError) {
        let writer = try flushedWriter()
        let rc = withXMLString(name) { name in
            withXMLString(value) { value in xmlTextWriterWriteAttribute(writer, name, value) }
        }
        try check(rc, "write attribute \(name)")
    }

    /// Writes attribute `name` whose value `build` appends, as UTF-8, to the bytes it is given:
    /// for values assembled piece by piece, which then need no String of their own.
    func attribute(_ name: String, building build: (inout [UInt8]) -> Void) throws(OutputError) {
        scratch.removeAll(keepingCapacity: true)
        build(&scratch)
        let clean = scratch.withUnsafeBufferPointer { XMLText.isAllowed(utf8: $0) }
        guard clean else {
            return try attribute(name, String(decoding: scratch, as: UTF8.self))
        }
        let writer = try flushedWriter()
        scratch.append(0)
        let rc = withXMLString(name) { name in
            scratch.withUnsafeBufferPointer { xmlTextWriterWriteAttribute(writer, name, $0.baseAddress!) }
        }
        try check(rc, "write attribute \(name)")
    }

    /// Writes `text` as element content, escaped by libxml2.
    func text(_ text: String) throws(OutputError) {
        let writer = try flushedWriter()
        try check(withXMLString(text) { xmlTextWriterWriteString(writer, $0) }, "write text")
        startTagOpen = false
        markupEndedLine = false
    }

    /// Writes `element` holding `text` as a child of the innermost element, the text escaped by
    /// libxml2; empty text writes nothing, since an empty element would read back as a present,
    /// empty value. The bytes are those of `startElement`, `text` and `endElement`.
    func textElement(_ element: XMLTextElement, _ text: String) throws(OutputError) {
        guard !text.isEmpty else { return }
        appendStartTag(element)
        let writer = try flushedWriter()
        try check(withXMLString(text) { xmlTextWriterWriteString(writer, $0) }, "write text")
        appendEndTag(element)
    }

    /// Writes `element` holding the decimal digits of `value`. Digits need no escaping, so they
    /// join the markup and cost no libxml2 call of their own.
    func textElement(_ element: XMLTextElement, _ value: Int64) {
        appendStartTag(element)
        if value < 0 { markup.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let first = markup.count
        repeat {
            markup.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        markup[first...].reverse()
        appendEndTag(element)
    }

    /// Writes `element` holding `true` or `false`, which, like digits, need no escaping.
    func textElement(_ element: XMLTextElement, _ value: Bool) {
        appendStartTag(element)
        markup.append(contentsOf: value ? Self.trueText : Self.falseText)
        appendEndTag(element)
    }

    private static let trueText = Array("true".utf8)
    private static let falseText = Array("false".utf8)

    /// Closes the innermost open element.
    func endElement() throws(OutputError) {
        if markupEndedLine { appendIndentation(depth - 1) }
        let writer = try flushedWriter()
        try check(xmlTextWriterEndElement(writer), "end an element")
        depth -= 1
        startTagOpen = false
        markupEndedLine = false
    }

    /// Closes every open element, ends the document and flushes everything into the file. The
    /// file is then complete but not yet committed: that stays the caller's step.
    func finish() throws(OutputError) {
        let writer = try flushedWriter()
        try check(xmlTextWriterEndDocument(writer), "end the document")
        try check(xmlTextWriterFlush(writer), "flush the document")
        self.writer = nil
        xmlFreeTextWriter(writer)
        // Freeing closes the buffer, which flushes whatever libxml2 still held: check that too.
        if let failure = sink.failure { throw failure }
    }

    /// Drops the document without writing anything more to the file.
    func abandon() {
        sink.discarding = true
        if let writer {
            self.writer = nil
            xmlFreeTextWriter(writer)
        }
    }

    /// The start tag of a text element, on a line of its own when indenting, as libxml2 would
    /// place a child element.
    private func appendStartTag(_ element: XMLTextElement) {
        if indent {
            // After an open start tag libxml2 writes only the `>`, the line break is ours.
            if startTagOpen { markup.append(UInt8(ascii: "\n")) }
            appendIndentation(depth)
        }
        markup.append(contentsOf: element.startTag)
        startTagOpen = false
    }

    private func appendEndTag(_ element: XMLTextElement) {
        markup.append(contentsOf: element.endTag)
        if indent { markup.append(UInt8(ascii: "\n")) }
        markupEndedLine = indent
    }

    private func appendIndentation(_ levels: Int) {
        guard indent else { return }
        for _ in 0..<max(0, levels) { markup.append(contentsOf: Self.indentUnit) }
    }

    /// The writer, after handing libxml2 the pending markup, so everything reaches it in order.
    /// Markup goes through xmlTextWriterWriteRawLen, which also closes an open start tag first.
    private func flushedWriter() throws(OutputError) -> OpaquePointer {
        guard let writer else { throw .writeFailed(path: path, reason: "the XML document was already closed") }
        if !markup.isEmpty {
            let rc = markup.withUnsafeBufferPointer { xmlTextWriterWriteRawLen(writer, $0.baseAddress!, Int32($0.count)) }
            markup.removeAll(keepingCapacity: true)
            try check(rc, "write markup")
        }
        return writer
    }

    private func check(_ result: Int32, _ step: @autoclosure () -> String) throws(OutputError) {
        guard result < 0 else { return }
        if let failure = sink.failure { throw failure }
        throw .writeFailed(path: path, reason: "libxml2 could not \(step())")
    }

    /// Hands `body` a NUL-terminated UTF-8 copy of `text`, sanitised, so nothing is cut short.
    /// Clean text, the rule, is handed over in place: a native string's storage is already
    /// NUL-terminated, so `withCString` copies nothing.
    private func withXMLString<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        let count = text.utf8.count
        let inPlace: R? = text.withCString(encodedAs: UTF8.self) { pointer in
            XMLText.isAllowed(utf8: UnsafeBufferPointer(start: pointer, count: count)) ? body(pointer) : nil
        }
        if let inPlace { return inPlace }
        return XMLText.sanitised(text).withCString(encodedAs: UTF8.self, body)
    }

    fileprivate static func write(context: UnsafeMutableRawPointer?, bytes: UnsafePointer<CChar>?, count: Int32)
        -> Int32
    {
        guard let context else { return -1 }
        let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
        if sink.discarding { return count }
        if sink.failure != nil { return -1 }
        guard count > 0, let bytes else { return count }
        do {
            try sink.file.write(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
        } catch {
            sink.failure = error
            return -1
        }
        return count
    }
}

/// libxml2's write callback: a plain C function, so it reaches the sink through its context.
private func xmlStreamWriterWrite(
    _ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<CChar>?, _ count: Int32
) -> Int32 {
    XMLStreamWriter.write(context: context, bytes: bytes, count: count)
}
