/// CSV lines rendered straight into one `TextBuffer` per file: fields are appended one by one,
/// quoted where RFC 4180 needs it (`CSVField`), and handed to the sink in large blocks. The same
/// rules as `CSVRow`, without an array per line.
struct CSVLines: ~Copyable {
    private var out = TextBuffer()
    private let excel: Bool
    private let formulaSafe: Bool
    private var atLineStart = true

    /// Lines written with `encoding`'s line end and formula safety; the preamble (the byte-order
    /// mark, if any) is the first thing written.
    init(encoding: CSVEncoding) {
        self.init(encoding: encoding, buffer: TextBuffer(), atFileStart: true)
    }

    /// Lines appended to `buffer`; the preamble only `atFileStart`.
    private init(encoding: CSVEncoding, buffer: consuming TextBuffer, atFileStart: Bool) {
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

    /// One attribute value: text as `field(_:)` writes it; numbers and booleans, which never need
    /// quoting nor neutralising (a plain number is data, not a formula), as they are.
    mutating func field(_ value: AttributeValue?) {
        switch value {
        case .string(let s)?: field(s)
        case .integer(let i)?:
            separate()
            out.appendDecimal(i)
        case .boolean(let b)?:
            separate()
            if b { out.append("true" as StaticString) } else { out.append("false" as StaticString) }
        case nil: separate()
        }
    }

    /// One value, present.
    @inline(__always)
    mutating func field(value: AttributeValue) {
        switch value {
        case .string(let s): field(s)
        case .integer(let i):
            separate()
            out.appendDecimal(i)
        case .boolean(let b):
            separate()
            if b { out.append("true" as StaticString) } else { out.append("false" as StaticString) }
        }
    }

    /// One field per column of `columns`: the value of `attributes`, or an empty field.
    mutating func attributeFields(_ attributes: Attributes, _ columns: AttributeColumns) {
        var next = 0
        columns.forEachPresent(in: attributes) { column, value in
            while next < column {
                separate()
                next += 1
            }
            field(value: value)
            next = column + 1
        }
        while next < columns.attributes.count {
            separate()
            next += 1
        }
    }

    /// The field of `node.pointee.label`, written without making the label where formula safety
    /// (which may change it) is off.
    mutating func labelField(of node: UnsafePointer<Node>) {
        if formulaSafe {
            field(node.pointee.label)
        } else {
            separate()
            NodeLabel.withUTF8(node) { CSVField.append(bytes: $0, to: &out) }
        }
    }

    /// The field of `edge.pointee.label`, written without making the label: it never needs
    /// quoting, and only neutralising (a negative percentage) when formula safety is on.
    mutating func labelField(of edge: UnsafePointer<Edge>) {
        if formulaSafe {
            field(edge.pointee.label)
        } else {
            separate()
            EdgeLabel.append(edge, to: &out)
        }
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
