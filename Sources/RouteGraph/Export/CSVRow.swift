/// One CSV line being built: fields are appended one by one, quoted where RFC 4180 needs it
/// (`CSVField`), and `finish()` hands back the bytes of the line, terminated by `lineEnd` (LF unless
/// asked otherwise), ready for the next row.
struct CSVRow: ~Copyable {
    private var bytes = TextBuffer(flushLimit: 0)
    private var isEmpty = true
    private let lineEnd: [UInt8]
    private let formulaSafe: Bool

    init(lineEnd: [UInt8] = [0x0A], formulaSafe: Bool = false) {
        self.lineEnd = lineEnd
        self.formulaSafe = formulaSafe
    }

    /// A row written with `encoding`'s line end and formula safety.
    init(encoding: CSVEncoding) {
        self.init(lineEnd: encoding.lineEnd, formulaSafe: encoding.formulaSafe)
    }

    /// Appends one field; nil is a missing value, written as an empty field.
    mutating func append(_ field: String?) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        guard let field else { return }
        CSVField.append(field, formulaSafe: formulaSafe, to: &bytes)
    }

    /// Appends several fields.
    mutating func append(contentsOf fields: [String]) {
        for field in fields { append(field) }
    }

    /// The finished line; the row is empty again afterwards.
    mutating func finish() -> [UInt8] {
        lineEnd.withUnsafeBufferPointer { bytes.append($0) }
        defer {
            bytes.removeAll()
            isEmpty = true
        }
        return Array(bytes.bytes)
    }
}
