/// `DOTString`'s quoting and shortening on UTF-8 bytes, for the packed graph's text: the same bytes
/// out as the `String` forms give for the same text, without making a `String` per value.
///
/// The bytes must be valid UTF-8, as every packed graph's are (they were Swift strings).
extension DOTString {
    /// Whether `appendQuoted(bytes)` writes `bytes` unchanged between the quotes.
    @inline(__always)
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where !isPlainByte(byte) { return false }
        return true
    }

    @inline(__always)
    private static func isPlainByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != 0x5C && byte != 0x22 && byte != 0x26
    }

    /// Appends `quoted(text)` for the text whose UTF-8 is `bytes` (`PlainText` when `isPlain`).
    @inline(__always)
    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, isPlain: Bool = false, to out: inout TextBuffer) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(bytes, isPlain: isPlain, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends what `quoted` puts between the quotes. Quoting is the same for a text cut in pieces
    /// at plain bytes: a line feed is dropped only right after a carriage return, and a piece that
    /// begins with one follows no carriage return of its own. `PlainText` (`isPlain`) has nothing
    /// to escape, and is copied without a look.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, isPlain: Bool = false, to out: inout TextBuffer) {
        guard let base = bytes.baseAddress else { return }
        if isPlain { return out.append(bytes) }
        let count = bytes.count
        var i = 0
        // The plain run not yet written, copied in one piece: almost always the whole text.
        var runStart = 0
        while i < count {
            if count - i >= 8 {
                // Eight bytes at a time: skipped whole when all are plain, else on to the first
                // that is not (the lowest flagged byte is exact; flags above it may be false).
                let special = specialBytes(ByteWords.load(base + i))
                if special == 0 {
                    i += 8
                    continue
                }
                i += ByteWords.firstFlagged(special)
            }
            let byte = base[i]
            if isPlainByte(byte) {
                i += 1
                continue
            }
            if byte >= 0x80 {
                let (scalar, length) = decode(base + i, byte)
                if !isReplaced(scalar) {
                    i += length
                    continue
                }
                out.append(UnsafeBufferPointer(start: base + runStart, count: i - runStart))
                out.append(replacement)
                i += length
                runStart = i
                continue
            }
            out.append(UnsafeBufferPointer(start: base + runStart, count: i - runStart))
            switch byte {
            case UInt8(ascii: "\\"): out.append(#"\\"# as StaticString)
            case UInt8(ascii: "\""): out.append(#"\""# as StaticString)
            case UInt8(ascii: "&"): out.append("&amp;" as StaticString)
            case 0x0D: out.append(#"\n"# as StaticString)
            case 0x0A: if i == 0 || base[i - 1] != 0x0D { out.append(#"\n"# as StaticString) }
            default: out.append(replacement)  // Every other C0 control and DEL.
            }
            i += 1
            runStart = i
        }
        out.append(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
    }

    /// The high bit of each byte of `word` that is not plain (`isPlainByte`): a control character,
    /// DEL, a byte of a multi-byte sequence, `\\`, `"` or `&` (exact for the lowest, see `ByteWords`).
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        ByteWords.below(word, 0x20) | ByteWords.nonASCII(word) | ByteWords.equal(word, 0x7F) | ByteWords.equal(word, 0x5C)
            | ByteWords.equal(word, 0x22) | ByteWords.equal(word, 0x26)
    }

    /// U+FFFD's UTF-8.
    private static let replacement: StaticString = "\u{FFFD}"

    /// The scalar value of the multi-byte sequence starting at `p` with lead byte `lead`, and its
    /// length.
    @inline(__always)
    private static func decode(_ p: UnsafePointer<UInt8>, _ lead: UInt8) -> (UInt32, Int) {
        if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(p[1] & 0x3F), 2) }
        if lead < 0xF0 { return (UInt32(lead & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F), 3) }
        return (
            UInt32(lead & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6 | UInt32(p[3] & 0x3F), 4
        )
    }

    /// Appends `quoted(shortened(text, limit:))` for the text whose UTF-8 is `bytes`.
    ///
    /// `shortened` counts characters (grapheme clusters). In ASCII without a CR LF pair (one
    /// character of two bytes) every byte is a character, and the bytes are cut here; any other
    /// text longer than `limit` bytes goes through `String`, which is rare (cluster labels, and
    /// the few node labels that are long ids).
    static func appendShortenedQuoted(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 32, to out: inout TextBuffer) {
        // A text of at most `limit` bytes has at most `limit` characters: never shortened.
        guard bytes.count > limit else { return appendQuoted(bytes, to: &out) }
        var simple = true
        for i in bytes.indices where bytes[i] >= 0x80 || (bytes[i] == 0x0A && i > 0 && bytes[i - 1] == 0x0D) {
            simple = false
            break
        }
        guard simple else {
            return appendQuoted(shortened(String(decoding: bytes, as: UTF8.self), limit: limit), to: &out)
        }
        let tail = limit / 2 - 1
        let head = limit - tail - 1
        out.append(UInt8(ascii: "\""))
        appendEscaped(UnsafeBufferPointer(rebasing: bytes[..<head]), to: &out)
        out.append("…" as StaticString)
        appendEscaped(UnsafeBufferPointer(rebasing: bytes[(bytes.count - tail)...]), to: &out)
        out.append(UInt8(ascii: "\""))
    }
}
