/// One CSV line being built: fields are appended one by one, quoted where RFC 4180 needs it, and
/// `finish()` hands back the bytes of the line, terminated by `lineEnd` (LF unless asked otherwise),
/// ready for the next row.
struct CSVRow {
    private var bytes: [UInt8] = []
    private var isEmpty = true
    private let lineEnd: [UInt8]
    private let formulaSafe: Bool

    init(lineEnd: [UInt8] = [0x0A], formulaSafe: Bool = false) {
        self.lineEnd = lineEnd
        self.formulaSafe = formulaSafe
        bytes.reserveCapacity(512)
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
        CSVField.append(formulaSafe ? CSVField.neutralisingFormula(field) : field, to: &bytes)
    }

    /// Appends several fields.
    mutating func append(contentsOf fields: [String]) {
        for field in fields { append(field) }
    }

    /// The finished line; the row is empty again afterwards.
    mutating func finish() -> [UInt8] {
        bytes.append(contentsOf: lineEnd)
        defer {
            bytes.removeAll(keepingCapacity: true)
            isEmpty = true
        }
        return bytes
    }
}

/// The quoting of one CSV field (RFC 4180).
enum CSVField {
    /// The field with a leading `'` when a spreadsheet would otherwise run it as a formula: it
    /// begins with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP, "CSV Injection"). The quote
    /// makes Excel, LibreOffice and Google Sheets show the text instead. Plain numbers (`-5`,
    /// `+3.5`) are left alone: they are data, not formulas, and a quote would turn them into text.
    static func neutralisingFormula(_ field: String) -> String {
        guard let first = field.utf8.first else { return field }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            return "'" + field
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return isPlainNumber(field.utf8.dropFirst()) ? field : "'" + field
        default:
            return field
        }
    }

    private static func isPlainNumber(_ digits: Substring.UTF8View) -> Bool {
        var sawDigit = false, sawPoint = false
        for byte in digits {
            if byte >= 0x30 && byte <= 0x39 {
                sawDigit = true
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return false
            }
        }
        return sawDigit
    }

    /// U+FFFD REPLACEMENT CHARACTER, what NUL becomes: many CSV readers (Python's among them before
    /// 3.11, and C-based spreadsheet importers) stop at or reject NUL.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Appends `field`, in double quotes with quotes doubled when it contains `,`, `"`, CR or LF, or
    /// begins or ends with a space or tab (which some readers would otherwise trim); as it is
    /// otherwise. NUL is replaced by U+FFFD; every other character is kept as written, so text
    /// round-trips exactly.
    static func append(_ field: String, to out: inout [UInt8]) {
        var buffer = TextBuffer(flushLimit: 0)
        append(field, to: &buffer)
        buffer.withBytes { out.append(contentsOf: $0) }
    }

    /// `append(_:to:)` into a `TextBuffer`, the field neutralised first when `formulaSafe`.
    static func append(_ field: String, formulaSafe: Bool = false, to out: inout TextBuffer) {
        let field = formulaSafe ? neutralisingFormula(field) : field
        let done: Void? = field.utf8.withContiguousStorageIfAvailable { append(bytes: $0, to: &out) }
        if done == nil { Array(field.utf8).withUnsafeBufferPointer { append(bytes: $0, to: &out) } }
    }

    /// `append(_:to:)` for a field given as its valid UTF-8 bytes, never neutralised.
    static func append(bytes: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        var needsQuotes = false
        var hasNUL = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D: needsQuotes = true
            case 0x00: hasNUL = true
            default: break
            }
        }
        if let first = bytes.first, first == 0x20 || first == 0x09 { needsQuotes = true }
        if let last = bytes.last, last == 0x20 || last == 0x09 { needsQuotes = true }
        if !needsQuotes && !hasNUL {
            out.append(UnsafeRawBufferPointer(bytes))
            return
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""):
                out.append(UInt8(ascii: "\""))
                out.append(UInt8(ascii: "\""))
            case 0x00: replacement.withUnsafeBytes { out.append($0) }
            default: out.append(byte)
            }
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
    }
}
