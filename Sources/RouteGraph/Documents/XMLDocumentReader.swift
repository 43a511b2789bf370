internal import CLibXML2

/// An XML response read onto a tape: the root element's local name and its content, read inside
/// `withRoot` (or while `storage` is held).
struct XMLDocument {
    let rootName: String
    let storage: TapeStorage

    /// Calls `body` with the content, kept alive until it returns.
    func withRoot<R, E: Error>(_ body: (Element) throws(E) -> R) throws(E) -> R { try storage.withRoot(body) }
}

/// Reads `Format=XML` responses (SHAPES.md, section 3) into the same tape layout the JSON parser
/// produces, so that response readers never know which format a page came in.
///
/// The mapping is the contract with those readers: the tape root is an object holding the root
/// element's content; an element with child elements is an object keyed by child local name in
/// first-appearance order, a name repeated among siblings becoming an array of its values (this
/// makes both list styles, `<List><Item/>…</List>` and `<List/>` repeated, come out as arrays);
/// an element without child elements is its text, "" when empty; `xsi:nil="true"` is null.
/// Attributes and text beside child elements are ignored.
///
/// libxml2's streaming xmlReader is used rather than a DOM parse: it frees nodes it has moved
/// past, so libxml2's own memory stays bounded by the nesting, not the size, of a document, and
/// it hands over node types one at a time, so DOCTYPE and entity nodes can be refused wherever
/// they appear (a DOCTYPE is normally caught earlier, by `XMLProlog`).
///
/// The only option is `XML_PARSE_NONET`: never NOENT (substitutes entities), DTDLOAD, DTDATTR or
/// DTDVALID (read external subsets), XINCLUDE (reads other files) or HUGE (lifts the limits that
/// stop entity expansion and oversized nodes). NONBLANKS is left out because it guesses which
/// white space is insignificant and can drop the text of a leaf element.
final class XMLDocumentReader: Sendable {
    /// The deepest element nesting accepted, the root element counting as one level.
    ///
    /// libxml2 itself stops at 256 levels unless `XML_PARSE_HUGE` is given, which is never done
    /// here; a document stopped by that limit is reported as `.tooDeep` with libxml2's limit when
    /// it is the lower one.
    let maxDepth: Int

    init(maxDepth: Int = 256) {
        self.maxDepth = maxDepth
        XMLDocumentReader.setUpLibXML2
    }

    /// Runs once per process: initialises libxml2 before any thread uses it (its documented
    /// requirement for threaded use), and replaces the external entity loader, which is only
    /// global in this libxml2, with one that loads nothing. The options above already keep
    /// libxml2 from loading external subsets and entities; this makes sure no code path of any
    /// libxml2 version reads a file or URL named by a response. routegraph never wants one.
    private static let setUpLibXML2: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    private static let forbiddenMessage = "document type declarations and entities are not accepted in API responses"

    func parse(_ bytes: UnsafeRawBufferPointer) throws(DocumentError) -> XMLDocument {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw .invalidXML("line 1: the document is empty")
        }
        guard bytes.count <= Int(Int32.max) else {
            throw .invalidXML("line 1: the document is larger than libxml2 reads from memory (2 GiB)")
        }
        if XMLProlog.declaresDocumentType(bytes) { throw .forbiddenXML(Self.forbiddenMessage) }
        // Encoding and I/O errors bypass the reader's handler and go to libxml2's global one, which
        // prints to stderr; the global handler is per thread, so each parse sets it to keep quiet.
        // The reader's own handler still reports the error that fails the document.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        let options = Int32(XML_PARSE_NONET.rawValue)
        guard let reader = xmlReaderForMemory(
            base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil, options)
        else {
            throw .invalidXML("line 1: libxml2 could not start reading the document")
        }
        let errors = ErrorCollector()
        // libxml2 holds an unretained pointer to the collector until the reader is freed.
        defer {
            xmlFreeTextReader(reader)
            withExtendedLifetime(errors) {}
        }
        // A C callback cannot capture, so the collector travels as the callback's context pointer;
        // with a handler set, libxml2 reports to it instead of printing to stderr.
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
            },
            Unmanaged.passUnretained(errors).toOpaque())

        let tree = try read(reader, errors: errors)
        return XMLDocument(rootName: tree.nodes[0].name, storage: tree.writeTape())
    }

    private func read(_ reader: xmlTextReaderPtr, errors: ErrorCollector) throws(DocumentError) -> ElementTree {
        var tree = ElementTree()
        // Indices of the elements whose end tag has not been read yet.
        var open: [Int] = []
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 { throw errors.failure(maxDepth: maxDepth) }

            switch UInt32(bitPattern: xmlTextReaderNodeType(reader)) {
            case XML_READER_TYPE_ELEMENT.rawValue:
                guard open.count < maxDepth else { throw .tooDeep(limit: maxDepth) }
                let name = Self.string(xmlTextReaderConstLocalName(reader))
                let index = tree.append(name: name, parent: open.last)
                if xmlTextReaderHasAttributes(reader) == 1, Self.isNil(reader) {
                    tree.markNil(index)
                }
                if xmlTextReaderIsEmptyElement(reader) != 1 { open.append(index) }

            case XML_READER_TYPE_END_ELEMENT.rawValue:
                open.removeLast()

            case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue,
                XML_READER_TYPE_WHITESPACE.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue:
                if let parent = open.last, tree[parent].firstChild < 0 {
                    tree.appendText(Self.string(xmlTextReaderConstValue(reader)), to: parent)
                }

            case XML_READER_TYPE_DOCUMENT_TYPE.rawValue, XML_READER_TYPE_ENTITY_REFERENCE.rawValue,
                XML_READER_TYPE_ENTITY.rawValue, XML_READER_TYPE_END_ENTITY.rawValue,
                XML_READER_TYPE_NOTATION.rawValue:
                throw .forbiddenXML(Self.forbiddenMessage)

            default:
                // Comments, processing instructions and the XML declaration carry no data.
                break
            }
        }
        guard !tree.nodes.isEmpty else {
            throw errors.failure(maxDepth: maxDepth, fallback: "the document has no root element")
        }
        return tree
    }

    private static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// Whether the current element carries `xsi:nil="true"`. Attributes are walked with the
    /// reader's borrowed strings, so nothing needs freeing; the prefix is accepted without a
    /// namespace declaration as well, since a careless writer may leave it out.
    private static func isNil(_ reader: xmlTextReaderPtr) -> Bool {
        defer { xmlTextReaderMoveToElement(reader) }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            guard string(xmlTextReaderConstLocalName(reader)) == "nil" else { continue }
            let namespace = xmlTextReaderConstNamespaceUri(reader).map { string($0) }
            let prefix = xmlTextReaderConstPrefix(reader).map { string($0) }
            guard namespace == schemaInstanceNamespace || prefix == "xsi" else { continue }
            let value = string(xmlTextReaderConstValue(reader)).trimmingASCIIWhitespace()
            return value == "true" || value == "1"
        }
        return false
    }

    /// Copies one of the reader's NUL-terminated UTF-8 strings, which it owns and reuses.
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        var length = 0
        while pointer[length] != 0 { length += 1 }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}

/// Keeps what libxml2 reported about a document, to explain a failure with its line.
private final class ErrorCollector {
    private var fatal: (line: Int, message: String)?
    private var other: (line: Int, message: String)?
    /// libxml2's own nesting limit, once it has stopped a document for it.
    private var libxml2DepthLimit: Int?

    func record(_ error: xmlError) {
        // Warnings and recoverable errors (an undeclared namespace prefix, say) do not stop the
        // reader; they only matter as the explanation when nothing fatal was reported.
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = XMLDocumentReader.string(
            error.message.map { UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self) }
        ).trimmingASCIIWhitespace()
        // libxml2's own nesting limit has no error code of its own across versions; its message
        // is the one stable mark.
        if message.hasPrefix("Excessive depth in document") { libxml2DepthLimit = Int(error.int1) }
        let entry = (line: Int(error.line), message: message)
        if error.level == XML_ERR_FATAL {
            if fatal == nil { fatal = entry }
        } else if other == nil {
            other = entry
        }
    }

    func failure(maxDepth: Int, fallback: String = "libxml2 stopped without saying why") -> DocumentError {
        if let limit = libxml2DepthLimit { return .tooDeep(limit: limit > 0 ? min(limit, maxDepth) : maxDepth) }
        guard let entry = fatal ?? other else { return .invalidXML("line 1: \(fallback)") }
        return .invalidXML("line \(max(entry.line, 1)): \(entry.message)")
    }
}
