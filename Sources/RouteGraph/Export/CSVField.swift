/// The quoting of one CSV field (RFC 4180), done on the field's UTF-8 bytes: every CSV writer
/// (`CSVLines`, `CSVRow`, the flat tables) escapes through `append(bytes:formulaSafe:to:)`, so a
/// field read as bytes from a packed graph and one given as a `String` come out the same.
enum CSVField {
    /// The field with a leading `'` when a spreadsheet would otherwise run it as a formula: it
    /// begins with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP, "CSV Injection"). The quote
    /// makes Excel, LibreOffice and Google Sheets show the text instead. Plain numbers (`-5`,
    /// `+3.5`) are left alone: they are data, not formulas, and a quote would turn them into text.
    static func neutralisingFormula(_ field: String) -> String {
        var field = field
        return field.withUTF8 { needsNeutralising($0) } ? "'" + field : field
    }

    /// Whether `neutralisingFormula` puts a quote before the field of these bytes.
    @inline(__always)
    static func needsNeutralising(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(UnsafeBufferPointer(rebasing: bytes.dropFirst()))
        default: return false
        }
    }

    private static func isPlainNumber(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
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
    static let replacement: StaticString = "\u{FFFD}"

    /// Appends `field`, never neutralised, to an array (see `append(bytes:formulaSafe:to:)`).
    static func append(_ field: String, to out: inout [UInt8]) {
        var buffer = TextBuffer(flushLimit: 0)
        append(field, to: &buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// `append(bytes:formulaSafe:to:)` for a field given as a `String`.
    static func append(_ field: String, formulaSafe: Bool = false, to out: inout TextBuffer) {
        var field = field
        field.withUTF8 { append(bytes: $0, formulaSafe: formulaSafe, to: &out) }
    }

    /// Appends the field of `bytes` (valid UTF-8): with a leading `'` first when `formulaSafe` and
    /// `neutralisingFormula` would add one; in double quotes with quotes doubled when the field (its
    /// `'` included) contains `,`, `"`, CR or LF, or begins or ends with a space or tab (which some
    /// readers would otherwise trim); as it is otherwise. NUL is replaced by U+FFFD; every other
    /// byte is kept as written, so text round-trips exactly. `isPlain` says the bytes are
    /// `PlainText`, which has none of those bytes: they are not scanned.
    static func append(bytes: UnsafeBufferPointer<UInt8>, formulaSafe: Bool = false, isPlain: Bool = false, to out: inout TextBuffer) {
        let quote = formulaSafe && needsNeutralising(bytes)
        var needsQuotes = false
        var hasNUL = false
        if !isPlain, let base = bytes.baseAddress {
            var i = 0
            while i < bytes.count {
                if bytes.count - i >= 8 {
                    // Every byte that matters here (NUL, LF, CR, `"`, `,`) is below `-`.
                    let flags = ByteWords.below(ByteWords.load(base + i), UInt8(ascii: "-"))
                    if flags == 0 {
                        i += 8
                        continue
                    }
                    i += ByteWords.firstFlagged(flags)
                }
                switch base[i] {
                case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D: needsQuotes = true
                case 0x00: hasNUL = true
                default: break
                }
                i += 1
            }
        }
        // The `'` is the field's first byte when there is one, and it is neither space nor tab.
        if !quote, let first = bytes.first, first == 0x20 || first == 0x09 { needsQuotes = true }
        if let last = bytes.last, last == 0x20 || last == 0x09 { needsQuotes = true }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
        if quote { out.append(UInt8(ascii: "'")) }
        if !needsQuotes && !hasNUL {
            out.append(bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""):
                out.append(UInt8(ascii: "\""))
                out.append(UInt8(ascii: "\""))
            case 0x00: out.append(replacement)
            default: out.append(byte)
            }
        }
        if needsQuotes { out.append(UInt8(ascii: "\"")) }
    }
}
