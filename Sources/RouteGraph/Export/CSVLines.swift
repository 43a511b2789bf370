/// CSV lines rendered straight into one `TextBuffer` per file: fields are appended one by one,
/// quoted where RFC 4180 needs it (`CSVField`), and handed to the sink in large blocks. The same
/// rules as `CSVRow`, without an array per line.
struct CSVLines: ~Copyable {
    private var out = TextBuffer()
    private let excel: Bool
    private let formulaSafe: Bool
    private var atLineStart = true
    /// Where joined fields and labels are put together before they are quoted as one field.
    private var scratch = TextBuffer(flushLimit: 0)

    /// Lines written with `encoding`'s line end and formula safety; the preamble (the byte-order
    /// mark, if any) is the first thing written.
    init(encoding: CSVEncoding) {
        self.init(encoding: encoding, buffer: TextBuffer(), atFileStart: true)
    }

    /// Lines appended to `buffer`; the preamble only `atFileStart`.
    init(encoding: CSVEncoding, buffer: consuming TextBuffer, atFileStart: Bool) {
        out = buffer
        excel = encoding.excel
        formulaSafe = encoding.formulaSafe
        if excel && atFileStart {
            out.append(0xEF)
            out.append(0xBB)
            out.append(0xBF)
        }
    }

    @inline(__always)
    private mutating func separate() {
        if !atLineStart { out.append(UInt8(ascii: ",")) }
        atLineStart = false
    }

    /// One field; nil is a missing value, written as an empty field.
    mutating func field(_ text: String?) {
        separate()
        if let text { CSVField.append(text, formulaSafe: formulaSafe, to: &out) }
    }

    /// One field of text given as its UTF-8 bytes.
    @inline(__always)
    mutating func field(bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        CSVField.append(bytes: bytes, formulaSafe: formulaSafe, to: &out)
    }

    /// One field of `PlainText` bytes, copied without a scan (but for formula safety).
    @inline(__always)
    mutating func field(plain bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        CSVField.append(bytes: bytes, formulaSafe: formulaSafe, isPlain: true, to: &out)
    }

    /// One field of the text of `span` of `graph`, not scanned when it is plain (`PlainText`).
    @inline(__always)
    mutating func field(_ span: ByteSpan, of graph: PackedGraph) {
        separate()
        CSVField.append(bytes: graph.text(span), formulaSafe: formulaSafe, isPlain: span.isPlain, to: &out)
    }

    /// One field already quoted as `field(bytes:)` would (`CSVField`, with this file's formula
    /// safety): a node id made once and written for every edge end.
    @inline(__always)
    mutating func field(rendered: UnsafeBufferPointer<UInt8>) {
        separate()
        out.append(rendered)
    }

    /// One field of a part of an id (`IdText`); `.missing` is an empty field.
    mutating func field(_ cut: IdText.Cut) {
        switch cut {
        case .bytes(let bytes): field(bytes: bytes)
        case .string(let text): field(text)
        case .missing: separate()
        }
    }

    /// One field of an integer, which never needs quoting nor neutralising (a plain number is
    /// data, not a formula).
    @inline(__always)
    mutating func field(integer: Int64) {
        separate()
        out.appendDecimal(integer)
    }

    /// One attribute value: text as `field(_:)` writes it; numbers and booleans, which never need
    /// quoting nor neutralising, as they are.
    mutating func field(_ value: AttributeValue?) {
        switch value {
        case .string(let s)?: field(s)
        case .integer(let i)?: field(integer: i)
        case .boolean(let b)?:
            separate()
            if b { out.append("true" as StaticString) } else { out.append("false" as StaticString) }
        case nil: separate()
        }
    }

    /// One attribute value of `graph`, as `field(_: AttributeValue?)` writes it.
    @inline(__always)
    mutating func field(_ value: PackedAttribute?, of graph: PackedGraph) {
        guard let value else { return separate() }
        switch value.tag {
        case .string: field(value.span, of: graph)
        case .integer: field(integer: value.integer)
        case .boolean:
            separate()
            if value.boolean { out.append("true" as StaticString) } else { out.append("false" as StaticString) }
        }
    }

    /// One field per column of `columns`: the value in `run` of `graph`, or an empty field. The run
    /// is in the graph's column order, of which `columns` is a subsequence.
    mutating func attributeFields(_ run: AttributeRun, of graph: PackedGraph, _ columns: AttributeColumns) {
        var next = 0
        for attribute in graph.attributes(run) {
            let column = columns.column(of: attribute.attribute)
            // Not a column here, or a repeat of one already written (the first value is the one
            // a lookup would find).
            guard column >= next else { continue }
            emptyFields(column - next)
            field(attribute, of: graph)
            next = column + 1
        }
        emptyFields(columns.attributes.count - next)
    }

    /// `count` empty fields: their separators at once, as most of a row's attribute columns are
    /// empty (an edge has a few of the twenty-odd).
    @inline(__always)
    private mutating func emptyFields(_ count: Int) {
        guard count > 0 else { return }
        separate()
        out.append(repeating: UInt8(ascii: ","), count: count - 1)
    }

    /// One field of `parts` texts joined by `;`, quoted as one: each part is appended by
    /// `appendPart` to the buffer it is given.
    mutating func joinedField(_ parts: Int, _ appendPart: (Int, inout TextBuffer) -> Void) {
        scratch.removeAll()
        for i in 0..<parts {
            if i > 0 { scratch.append(UInt8(ascii: ";")) }
            appendPart(i, &scratch)
        }
        field(bytes: scratch.bytes)
    }

    /// The field of an edge's label (`EdgeLabel`), written without making the label: it never
    /// needs quoting, and only neutralising (a negative percentage) when formula safety is on.
    mutating func labelField(of edge: PackedEdge, in graph: PackedGraph) {
        separate()
        guard formulaSafe else { return EdgeLabel.append(edge, of: graph, to: &out) }
        scratch.removeAll()
        EdgeLabel.append(edge, of: graph, to: &scratch)
        CSVField.append(bytes: scratch.bytes, formulaSafe: true, to: &out)
    }

    /// The fields of `fragment`, one or more fields made apart (a row's fields repeated on several
    /// rows), appended as the next fields of this line.
    mutating func fields(of fragment: borrowing CSVLines) {
        separate()
        out.append(fragment.out.bytes)
    }

    /// Empty lines with these lines' formula safety, to make fields apart in (`fields(of:)`).
    func fragment() -> CSVLines {
        CSVLines(encoding: CSVEncoding(excel: excel, formulaSafe: formulaSafe), buffer: TextBuffer(flushLimit: 0), atFileStart: false)
    }

    /// An empty field: a missing value.
    @inline(__always)
    mutating func emptyField() { separate() }

    /// Forgets the fields, for the next fragment made in these lines.
    mutating func removeAll() {
        out.removeAll()
        atLineStart = true
    }

    mutating func fields(_ texts: [String]) {
        for text in texts { field(text) }
    }

    /// Ends the line.
    mutating func endLine() {
        if excel { out.append(0x0D) }
        out.append(0x0A)
        atLineStart = true
    }

    /// Runs `body` with lines appended to `buffer`, for a piece of a file (see `RenderPlan`): the
    /// preamble only `atFileStart`.
    static func appending(
        to buffer: inout TextBuffer, encoding: CSVEncoding, atFileStart: Bool, _ body: (inout CSVLines) -> Void
    ) {
        var lines = CSVLines(encoding: encoding, buffer: buffer, atFileStart: atFileStart)
        body(&lines)
        buffer = lines.takeBuffer()
    }

    private consuming func takeBuffer() -> TextBuffer { out }

    mutating func flushIfFull<Sink: TextSink>(into sink: Sink) throws(OutputError) { try out.flushIfFull(into: sink) }

    /// Hands the rest to `sink`.
    mutating func finish<Sink: TextSink>(into sink: Sink) throws(OutputError) { try out.flush(into: sink) }
}
