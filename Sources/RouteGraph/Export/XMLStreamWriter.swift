internal import CLibXML2

/// A libxml2 xmlTextWriter streaming into an `AtomicFile` (or, for a piece of a document, into
/// memory: see `init(memoryFor:buffer:declaration:indent:)`), so an XML output is written piece by
/// piece, never held whole in memory, and reaches its final path only when complete.
///
/// Every string passes through `XMLText` on its way in (forbidden code points become U+FFFD), all
/// text and attribute values are escaped by libxml2, and every libxml2 call is checked: a negative
/// result becomes `OutputError.writeFailed` (or the file's own error, when libxml2 failed because
/// writing to the file did).
///
/// Elements are written through xmlTextWriter's element calls, except text-only elements, the bulk
/// of a GraphML file: `textElement` writes those as prepared markup with the same bytes, and
/// escapes all those of a row (the data of one node or edge) in one libxml2 call.
///
/// A noncopyable struct rather than a class: its buffers change a million times per large file,
/// and a class's stored properties would pay a dynamic exclusivity check on every change.
struct XMLStreamWriter: ~Copyable {
    private let path: String
    private let sink: Sink
    private var writer: OpaquePointer?
    private let indent: Bool
    /// The indentation per open element, the same as libxml2's.
    private static let indentWidth = 2

    /// Text elements not yet handed to libxml2, tags and escaped text: collected here so all the
    /// data of a node reach libxml2 in one xmlTextWriterWriteRawLen call (see `textElement`).
    private var markup = TextBuffer(flushLimit: 0)
    /// The contents of the text elements queued since the markup was last completed, sanitised and
    /// joined by `rowSeparator`, so that one xmlEncodeSpecialChars call escapes them all.
    private var rowTexts = TextBuffer(flushLimit: 0)
    /// The queued text elements, in order, one per text in `rowTexts`.
    private var rowElements: [XMLTextElement] = []
    /// Where each queued text ends in `rowTexts`.
    private var rowEnds: [Int] = []
    /// A queued text holds a byte xmlEncodeSpecialChars rewrites. Most rows hold none (ids, CIDRs,
    /// numbers, names), and for them its output would be its input: they skip the call.
    private var rowNeedsEscaping = false
    /// Separates the queued texts: U+0001, which XML forbids, so sanitised text never holds it, and
    /// which xmlEncodeSpecialChars copies as it is, so the escaped texts split where they joined.
    private static let rowSeparator: UInt8 = 0x01
    /// Sanitised copies of values on their way to libxml2, NUL-terminated there.
    private var scratch = TextBuffer(flushLimit: 0)
    /// Open elements: the indentation libxml2 would give a child (libxml2 keeps its own count).
    private var depth = 0
    /// The innermost start tag awaits its `>`: libxml2 adds it before whatever comes next, and
    /// when indenting, its own child elements also begin a new line, which `textElement` must do too.
    private var startTagOpen = false
    /// The innermost element was opened by `startMarkupElement` and its start tag still lacks its
    /// `>` (or `/>`, if nothing follows).
    private var markupStartTagOpen = false
    /// The last bytes libxml2 received were `textElement` markup ending a line. libxml2 indents an
    /// end tag only after its own end tags, so `endElement` writes the indentation itself then.
    private var markupEndedLine = false

    /// Where libxml2's output buffer hands its bytes. A class, because libxml2 holds a pointer to
    /// it as the I/O context for as long as the writer lives.
    private final class Sink {
        /// The file written, or nil for a writer into `memory`.
        let file: AtomicFile?
        /// Where a writer without a file puts its bytes (see `init(memoryFor:)`).
        var memory: TextBuffer?
        /// The first error writing to the file: libxml2 only learns that a write failed, not why.
        var failure: OutputError?
        /// Set once the document is abandoned, so the final flush libxml2 makes while being freed
        /// does not write into a file already discarded.
        var discarding = false

        init(file: AtomicFile?, memory: consuming TextBuffer?) {
            self.file = file
            self.memory = memory
        }
    }

    /// Opens a writer on `file` and writes the XML declaration (version 1.0, UTF-8).
    /// - Parameter indent: indents nested elements by two spaces, for people reading the file;
    ///   text content is never touched by it.
    init(file: AtomicFile, indent: Bool = true) throws(OutputError) {
        try self.init(path: file.path, sink: Sink(file: file, memory: nil), indent: indent, declaration: true)
    }

    /// Opens a writer that appends to `buffer` rather than a file, for a piece of the document at
    /// `path` (named in errors) rendered on its own. With `declaration` it starts the document as
    /// `init(file:indent:)` does; without, it writes only what it is asked to. `takeBuffer` gives
    /// the buffer back.
    init(memoryFor path: String, buffer: consuming TextBuffer, declaration: Bool, indent: Bool = true)
        throws(OutputError)
    {
        try self.init(path: path, sink: Sink(file: nil, memory: buffer), indent: indent, declaration: declaration)
    }

    private init(path: String, sink: Sink, indent: Bool, declaration: Bool) throws(OutputError) {
        self.path = path
        self.sink = sink
        self.indent = indent
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
            let unit = String(repeating: " ", count: Self.indentWidth)
            try check(Self.withXMLString(unit) { xmlTextWriterSetIndentString(writer, $0) }, "set indentation")
        }
        if declaration { try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document") }
    }

    /// Hands everything written so far to the memory buffer: the markup to libxml2, and libxml2's
    /// output buffer to the sink.
    mutating func flush() throws(OutputError) {
        let writer = try flushedWriter()
        try check(xmlTextWriterFlush(writer), "flush the document")
    }

    /// Ends the document (closing whatever is open) without closing the writer: for a writer into
    /// memory, whose buffer `takeBuffer` then returns.
    mutating func finishDocument() throws(OutputError) {
        let writer = try flushedWriter()
        try check(xmlTextWriterEndDocument(writer), "end the document")
    }

    /// How many bytes a writer into memory has put in its buffer (call `flush` first).
    var memoryCount: Int { sink.memory?.count ?? 0 }

    /// Drops the bytes of a writer into memory after the first `count`.
    mutating func truncateMemory(to count: Int) { sink.memory?.truncate(to: count) }

    /// The bytes of a writer into memory so far, to look at (call `flush` first).
    func withMemoryBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch sink.memory {
        case .some(let memory): memory.withBytes(body)
        case .none: body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    /// Flushes a writer into memory and returns its buffer; the writer is closed, leaving whatever
    /// elements are open unclosed (a piece of a document ends where the next one begins).
    mutating func takeBuffer() throws(OutputError) -> TextBuffer {
        try flush()
        if let writer {
            sink.discarding = true
            self.writer = nil
            xmlFreeTextWriter(writer)
        }
        if let failure = sink.failure { throw failure }
        return sink.memory.take() ?? TextBuffer()
    }

    deinit {
        if let writer {
            // Abandoned part way (an error was thrown): nothing more may reach the file.
            sink.discarding = true
            xmlFreeTextWriter(writer)
        }
    }

    /// Opens element `name`; attributes and content follow until `endElement`.
    mutating func startElement(_ name: String) throws(OutputError) {
        let writer = try flushedWriter()
        try check(Self.withXMLString(name) { xmlTextWriterStartElement(writer, $0) }, "start element <\(name)>")
        depth += 1
        startTagOpen = true
        markupEndedLine = false
    }

    /// Writes attribute `name` with `value` (escaped by libxml2) on the element just started.
    mutating func attribute(_ name: String, _ value: String) throws(OutputError) {
        let writer = try flushedWriter()
        let rc = Self.withXMLString(name) { name in
            Self.withXMLString(value) { value in xmlTextWriterWriteAttribute(writer, name, value) }
        }
        try check(rc, "write attribute \(name)")
    }

    /// Writes attribute `name` with the UTF-8 `value` (escaped by libxml2): for values assembled
    /// as bytes, which then need no String of their own. `value` is only borrowed, for its NUL.
    mutating func attribute(_ name: String, utf8 value: inout TextBuffer) throws(OutputError) {
        guard XMLText.isAllowed(utf8: value.bytes) else {
            return try attribute(name, String(decoding: value.bytes, as: UTF8.self))
        }
        let writer = try flushedWriter()
        let rc = Self.withXMLString(name) { name in
            value.withCString { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        try check(rc, "write attribute \(name)")
    }

    /// Writes attribute `name` with the valid UTF-8 `value`, sanitised and escaped by libxml2.
    mutating func attribute(_ name: String, utf8 value: UnsafeBufferPointer<UInt8>) throws(OutputError) {
        let writer = try flushedWriter()
        scratch.removeAll()
        XMLText.appendSanitised(utf8: value, to: &scratch)
        let rc = Self.withXMLString(name) { name in
            scratch.withCString { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        try check(rc, "write attribute \(name)")
    }

    /// Writes attribute `name` with the value `value.0`, as yEd's geometry wants its numbers.
    mutating func attribute(_ name: String, pointZero value: Int) throws(OutputError) {
        let writer = try flushedWriter()
        scratch.removeAll()
        scratch.appendDecimal(Int64(value))
        scratch.append(".0" as StaticString)
        let rc = Self.withXMLString(name) { name in
            scratch.withCString { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        try check(rc, "write attribute \(name)")
    }

    /// Writes `text` as element content, escaped by libxml2.
    mutating func text(_ text: String) throws(OutputError) {
        let writer = try flushedWriter()
        try check(Self.withXMLString(text) { xmlTextWriterWriteString(writer, $0) }, "write text")
        startTagOpen = false
        markupEndedLine = false
    }

    /// Writes the valid UTF-8 `text` as element content, sanitised and escaped by libxml2.
    mutating func text(utf8 text: UnsafeBufferPointer<UInt8>) throws(OutputError) {
        let writer = try flushedWriter()
        scratch.removeAll()
        XMLText.appendSanitised(utf8: text, to: &scratch)
        try check(scratch.withCString { xmlTextWriterWriteString(writer, $0) }, "write text")
        startTagOpen = false
        markupEndedLine = false
    }

    /// Writes `element` holding `text` as a child of the innermost element; empty text writes
    /// nothing, since an empty element would read back as a present, empty value. The bytes are
    /// those `startElement`, `attribute`, `text` and `endElement` give.
    ///
    /// The text is escaped by xmlEncodeSpecialChars, the libxml2 function xmlTextWriterWriteString
    /// itself applies to element content, but into the pending markup, and not at once: it is
    /// queued with the row's other texts until the next element call (see `completeRow`), so a
    /// node's data cost at most one escaping call and reach libxml2 as one piece. Text with
    /// nothing to escape (almost all of it), and nothing queued before it, is not queued: the call
    /// would give it back unchanged, so it goes into the markup at once.
    mutating func textElement(_ element: borrowing XMLTextElement, _ text: String) {
        guard !text.isEmpty else { return }
        let element = copy element  // A borrowed parameter cannot be captured.
        if text.utf8.withContiguousStorageIfAvailable({ textElement(element, utf8: $0) }) != nil { return }
        var copy = text
        copy.withUTF8 { textElement(element, utf8: $0) }
    }

    /// `textElement(_:_:)` for text given as valid UTF-8 bytes; `isPlain` says they are
    /// `PlainText`, which neither escaping nor sanitising changes: they are copied without a look.
    mutating func textElement(_ element: borrowing XMLTextElement, utf8 text: UnsafeBufferPointer<UInt8>, isPlain: Bool = false) {
        guard !text.isEmpty else { return }
        if isPlain {
            if rowElements.isEmpty {
                appendStartTag(element)
                markup.append(text)
                appendEndTag(element)
            } else {
                startQueuedText(element)
                rowTexts.append(text)
                rowEnds.append(rowTexts.count)
            }
            return
        }
        // Sanitising only brings in U+FFFD, which is not escaped: the bytes given tell.
        if rowElements.isEmpty {
            guard Self.needsEscaping(text) else {
                // xmlEncodeSpecialChars would give the text back as it is, and nothing queued
                // comes before it: it goes into the markup now, without the queue's copy.
                appendStartTag(element)
                XMLText.appendSanitised(utf8: text, to: &markup)
                appendEndTag(element)
                return
            }
            rowNeedsEscaping = true
        } else if !rowNeedsEscaping {
            rowNeedsEscaping = Self.needsEscaping(text)
        }
        startQueuedText(element)
        XMLText.appendSanitised(utf8: text, to: &rowTexts)
        rowEnds.append(rowTexts.count)
    }

    /// Queues `element`, whose text the caller then appends to `rowTexts`, recording its end.
    private mutating func startQueuedText(_ element: borrowing XMLTextElement) {
        if !rowElements.isEmpty { rowTexts.append(Self.rowSeparator) }
        rowElements.append(copy element)
    }

    /// True when `text` holds a byte that xmlEncodeSpecialChars rewrites: `<`, `>`, `&`, `"` or CR.
    /// Without an early exit, so the compiler vectorises it: the answer is almost always no.
    static func needsEscaping(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var found: UInt8 = 0
        for byte in text {
            found |= (byte == 0x3C ? 1 : 0) | (byte == 0x3E ? 1 : 0) | (byte == 0x26 ? 1 : 0) | (byte == 0x22 ? 1 : 0)
                | (byte == 0x0D ? 1 : 0)
        }
        return found != 0
    }

    /// Escapes the queued texts in one xmlEncodeSpecialChars call (none when no text needs it) and
    /// appends their elements to the pending markup, in order.
    private mutating func completeRow() throws(OutputError) {
        guard !rowElements.isEmpty else { return }
        defer {
            rowTexts.removeAll()
            rowElements.removeAll(keepingCapacity: true)
            rowEnds.removeAll(keepingCapacity: true)
            rowNeedsEscaping = false
        }
        guard rowNeedsEscaping else {
            let texts = rowTexts.bytes
            var start = 0
            for index in rowElements.indices {
                let end = rowEnds[index]
                appendStartTag(rowElements[index])
                markup.append(UnsafeBufferPointer(rebasing: texts[start..<end]))
                appendEndTag(rowElements[index])
                start = end + 1
            }
            return
        }
        guard let encoded = rowTexts.withCString({ xmlEncodeSpecialChars(nil, $0) }) else { throw escapeFailed }
        defer { Self.free(encoded) }
        let escaped = UnsafeBufferPointer(start: encoded, count: Int(xmlStrlen(encoded)))
        var start = 0
        for index in rowElements.indices {
            var end = start
            while end < escaped.count && escaped[end] != Self.rowSeparator { end += 1 }
            appendStartTag(rowElements[index])
            markup.append(UnsafeBufferPointer(rebasing: escaped[start..<end]))
            appendEndTag(rowElements[index])
            start = end + 1
        }
    }

    private var escapeFailed: OutputError { .writeFailed(path: path, reason: "libxml2 could not escape text (out of memory)") }

    /// libxml2's deallocator, for what xmlEncodeSpecialChars returns: read once through
    /// xmlMemGet, since Swift 6 refuses the mutable C global `xmlFree` itself.
    private static let free: xmlFreeFunc = {
        var free: xmlFreeFunc?
        xmlMemGet(&free, nil, nil, nil)
        return free!
    }()

    /// Writes `element` holding the decimal digits of `value`: straight into the markup, like text
    /// that needs no escaping, unless texts are queued before it, whose order it then keeps.
    mutating func textElement(_ element: borrowing XMLTextElement, _ value: Int64) {
        if rowElements.isEmpty {
            appendStartTag(element)
            markup.appendDecimal(value)
            appendEndTag(element)
            return
        }
        startQueuedText(element)
        rowTexts.appendDecimal(value)
        rowEnds.append(rowTexts.count)
    }

    /// Writes `element` holding `true` or `false`, as digits are written.
    mutating func textElement(_ element: borrowing XMLTextElement, _ value: Bool) {
        let text: StaticString = value ? "true" : "false"
        if rowElements.isEmpty {
            appendStartTag(element)
            markup.append(text)
            appendEndTag(element)
            return
        }
        startQueuedText(element)
        rowTexts.append(text)
        rowEnds.append(rowTexts.count)
    }

    /// Opens element `name` as markup, with the bytes `startElement` gives, but unknown to libxml2:
    /// for elements whose whole content is markup (text elements and other markup elements), which
    /// then cost no libxml2 element call. Attributes follow with `markupAttribute`; the element
    /// ends with `endMarkupElement`, and no libxml2 element may start or end inside it, since
    /// libxml2 would not count it in its indentation.
    mutating func startMarkupElement(_ name: StaticString) throws(OutputError) {
        try completeRow()  // Queued text elements come first.
        appendIndentation()
        markup.append(UInt8(ascii: "<"))
        markup.append(name)
        depth += 1
        markupStartTagOpen = true
        startTagOpen = true
        markupEndedLine = false
    }

    /// Writes attribute `name` with `value` on the markup element just started. The value is
    /// written as it is: it must need no escaping (a GraphML id, a number).
    mutating func markupAttribute(_ name: StaticString, _ value: UnsafeBufferPointer<UInt8>) {
        assert(markupStartTagOpen && rowElements.isEmpty)
        assert(!Self.needsEscaping(value) && !value.contains { $0 < 0x20 || $0 >= 0x80 || $0 == UInt8(ascii: "'") })
        markup.append(UInt8(ascii: " "))
        markup.append(name)
        markup.append("=\"" as StaticString)
        markup.append(value)
        markup.append(UInt8(ascii: "\""))
    }

    /// Closes the innermost element, opened by `startMarkupElement`, as `endElement` would.
    mutating func endMarkupElement(_ name: StaticString) throws(OutputError) {
        try completeRow()
        if markupStartTagOpen {
            markup.append("/>" as StaticString)
            markupStartTagOpen = false
        } else {
            if markupEndedLine { markup.appendSpaces(Self.indentWidth * (depth - 1)) }
            markup.append("</" as StaticString)
            markup.append(name)
            markup.append(UInt8(ascii: ">"))
        }
        if indent { markup.append(UInt8(ascii: "\n")) }
        depth -= 1
        startTagOpen = false
        markupEndedLine = indent
        // Handed on every few rows, not once per piece: a buffer this small stays in the cache and
        // never grows (a piece's megabyte was copied over and over as the buffer doubled).
        if markup.count >= Self.markupFlushBytes { _ = try flushedWriter() }
    }

    /// How much markup gathers before it is handed to libxml2.
    private static let markupFlushBytes = 1 << 15

    /// Closes the innermost open element.
    mutating func endElement() throws(OutputError) {
        try completeRow()
        if markupEndedLine { markup.appendSpaces(Self.indentWidth * (depth - 1)) }
        let writer = try flushedWriter()
        try check(xmlTextWriterEndElement(writer), "end an element")
        depth -= 1
        startTagOpen = false
        markupEndedLine = false
    }

    /// Closes every open element, ends the document and flushes everything into the file. The
    /// file is then complete but not yet committed: that stays the caller's step.
    mutating func finish() throws(OutputError) {
        let writer = try flushedWriter()
        try check(xmlTextWriterEndDocument(writer), "end the document")
        try check(xmlTextWriterFlush(writer), "flush the document")
        self.writer = nil
        xmlFreeTextWriter(writer)
        // Freeing closes the buffer, which flushes whatever libxml2 still held: check that too.
        if let failure = sink.failure { throw failure }
    }

    /// The start tag of a text element, on a line of its own when indenting, where libxml2 would
    /// place a child element.
    private mutating func appendStartTag(_ element: borrowing XMLTextElement) {
        appendIndentation()
        markup.append(element.startTag)
        startTagOpen = false
    }

    /// What goes before a child's start tag: the end of an open markup start tag, and when
    /// indenting a line break after an open start tag (libxml2 writes only the `>` of its own) and
    /// the child's indentation.
    private mutating func appendIndentation() {
        if markupStartTagOpen {
            markup.append(UInt8(ascii: ">"))
            markupStartTagOpen = false
        }
        if indent {
            if startTagOpen { markup.append(UInt8(ascii: "\n")) }
            markup.appendSpaces(Self.indentWidth * depth)
        }
    }

    private mutating func appendEndTag(_ element: borrowing XMLTextElement) {
        markup.append(indent ? element.endLine : element.endTag)
        markupEndedLine = indent
    }

    /// The writer, after handing libxml2 the pending markup, so everything reaches it in order.
    /// Markup goes through xmlTextWriterWriteRawLen, which also closes an open start tag first.
    private mutating func flushedWriter() throws(OutputError) -> OpaquePointer {
        guard let writer else { throw .writeFailed(path: path, reason: "the XML document was already closed") }
        try completeRow()
        if !markup.isEmpty {
            let pending = markup.bytes
            let rc = xmlTextWriterWriteRawLen(writer, pending.baseAddress!, Int32(pending.count))
            markup.removeAll()
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
    private static func withXMLString<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
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
        guard let file = sink.file else {
            sink.memory?.append(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
            return count
        }
        do {
            try file.write(UnsafeRawBufferPointer(start: bytes, count: Int(count)))
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
