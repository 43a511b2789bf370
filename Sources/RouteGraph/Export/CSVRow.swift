/// One CSV line being built: fields are appended one by one, quoted where RFC 4180 needs it, and
/// `finish()` hands back the bytes of the line, terminated by `lineEnd` (LF unless asked otherwise),
/// ready for the next row.
struct CSVRow {
    private var bytes: [UInt8] = []
    private var isEmpty = true
    private let lineEnd: [UInt8]

    init(lineEnd: [UInt8] = [0x0A]) {
        self.lineEnd = lineEnd
        bytes.reserveCapacity(512)
    }

    /// Appends one field; nil is a missing value, written as an empty field.
    mutating func append(_ field: String?) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        if let field { CSVField.append(field, to: &bytes) }
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
    /// U+FFFD REPLACEMENT CHARACTER, what NUL becomes: many CSV readers (Python's among them before
    /// 3.11, and C-based spreadsheet importers) stop at or reject NUL.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Appends `field`, in double quotes with quotes doubled when it contains `,`, `"`, CR or LF, or
    /// begins or ends with a space or tab (which some readers would otherwise trim); as it is
    /// otherwise. NUL is replaced by U+FFFD; every other character is kept as written, so text
    /// round-trips exactly.
    static func append(_ field: String, to out: inout [UInt8]) {
        let utf8 = field.utf8
        var needsQuotes = false
        var hasNUL = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D: needsQuotes = true
            case 0x00: hasNUL = true
            default: break
            }
        }
        if let first = utf8.first, first == 0x20 || first == 0x09 { needsQuotes = true }
        if let last = utf8.last, last == 0x20 || last == 0x09 { needsQuotes = true }
        if !needsQuotes && !hasNUL {
            out.append(contentsOf: utf8)
            return
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
            case 0x00: out.append(contentsOf: replacement)
            default: out.append(byte)
            }
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
    }
}
