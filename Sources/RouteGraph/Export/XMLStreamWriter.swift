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
            try check(withXMLString("  ") { xmlTextWriterSetIndentString(writer, $0) }, "set indentation")
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    deinit {
        if writer != nil { abandon() }
    }

    /// Opens element `name`; attributes and content follow until `endElement`.
    func startElement(_ name: String) throws(OutputError) {
        let writer = try open()
        try check(withXMLString(name) { xmlTextWriterStartElement(writer, $0) }, "start element <\(name)>")
    }

    /// Writes attribute `name` with `value` (escaped by libxml2) on the element just started.
    func attribute(_ name: String, _ value: String) throws(OutputError) {
        let writer = try open()
        let rc = withXMLString(name) { name in
            withXMLString(value) { value in xmlTextWriterWriteAttribute(writer, name, value) }
        }
        try check(rc, "write attribute \(name)")
    }

    /// Writes `text` as element content, escaped by libxml2.
    func text(_ text: String) throws(OutputError) {
        let writer = try open()
        try check(withXMLString(text) { xmlTextWriterWriteString(writer, $0) }, "write text")
    }

    /// Closes the innermost open element.
    func endElement() throws(OutputError) {
        let writer = try open()
        try check(xmlTextWriterEndElement(writer), "end an element")
    }

    /// Closes every open element, ends the document and flushes everything into the file. The
    /// file is then complete but not yet committed: that stays the caller's step.
    func finish() throws(OutputError) {
        let writer = try open()
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

    private func open() throws(OutputError) -> OpaquePointer {
        guard let writer else { throw .writeFailed(path: path, reason: "the XML document was already closed") }
        return writer
    }

    private func check(_ result: Int32, _ step: @autoclosure () -> String) throws(OutputError) {
        guard result < 0 else { return }
        if let failure = sink.failure { throw failure }
        throw .writeFailed(path: path, reason: "libxml2 could not \(step())")
    }

    /// Hands `body` a NUL-terminated UTF-8 copy of `text`, sanitised, so nothing is cut short.
    private func withXMLString<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        XMLText.sanitised(text).withCString(encodedAs: UTF8.self, body)
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
