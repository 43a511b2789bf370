/// Node ids as GraphML wants them: the XSD types them as XML name tokens, which canonical ids are
/// not (`/` in CIDRs, `*` in masked ids), so every character outside `[A-Za-z0-9.:-]` is written
/// `_xHHHH_`, its code point in upper-case hex of at least four digits. `_` is escaped too, so two
/// canonical ids never share a GraphML id.
///
/// Built as bytes straight into the writer's buffer: every node and two ids per edge are written,
/// and most ids (every CIDR) need an escape, which as a String would cost several allocations.
enum GraphMLId {
    /// Appends the GraphML id of `canonicalId` to `bytes`.
    static func append(_ canonicalId: String, to bytes: inout TextBuffer) {
        if canonicalId.utf8.withContiguousStorageIfAvailable({ append(utf8: $0, to: &bytes) }) != nil { return }
        var copy = canonicalId
        copy.withUTF8 { append(utf8: $0, to: &bytes) }
    }

    /// Appends the GraphML id of the canonical id whose valid UTF-8 is `utf8` to `bytes`.
    static func append(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout TextBuffer) {
        // Runs of name characters are copied whole: a CIDR id has one escape in 18 bytes.
        var run = 0
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if isNameCharacter(byte) {
                i += 1
                continue
            }
            bytes.append(UnsafeBufferPointer(rebasing: utf8[run..<i]))
            let (codePoint, length) = byte < 0x80 ? (UInt32(byte), 1) : decode(utf8, at: i)
            appendEscape(codePoint, to: &bytes)
            i += length
            run = i
        }
        bytes.append(UnsafeBufferPointer(rebasing: utf8[run...]))
    }

    /// The code point of the multi-byte UTF-8 sequence at `i` and its length. The bytes come from
    /// Swift strings, so the sequence is valid; a truncated one (which cannot happen) ends the text.
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let lead = utf8[i]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var codePoint = UInt32(lead) & (0x7F >> UInt32(length))
        for j in i + 1..<min(i + length, utf8.count) {
            codePoint = codePoint << 6 | UInt32(utf8[j] & 0x3F)
        }
        return (codePoint, length)
    }

    /// `[A-Za-z0-9.:-]`: what an id keeps as it is. A bit test per byte, since every byte of
    /// every id is checked: bit `b` of the mask for bytes 0 to 63, bit `b - 64` of the other.
    @inline(__always)
    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        let low: UInt64 = 1 << 0x2D | 1 << 0x2E | 0x7FF << 0x30  // - . 0-9 :
        let high: UInt64 = 0x3FF_FFFF << (0x41 - 64) | 0x3FF_FFFF << (0x61 - 64)  // A-Z a-z
        switch byte {
        case ..<64: return low >> byte & 1 == 1
        case ..<128: return high >> (byte - 64) & 1 == 1
        default: return false
        }
    }

    /// `_xHHHH_`, with more digits where the code point needs them (up to six).
    private static func appendEscape(_ codePoint: UInt32, to bytes: inout TextBuffer) {
        bytes.append(UInt8(ascii: "_"))
        bytes.append(UInt8(ascii: "x"))
        var digits = 4
        while digits < 8 && codePoint >> (4 * UInt32(digits)) != 0 { digits += 1 }
        for shift in stride(from: 4 * (digits - 1), through: 0, by: -4) {
            let digit = UInt8((codePoint >> UInt32(shift)) & 0xF)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10)
        }
        bytes.append(UInt8(ascii: "_"))
    }
}
