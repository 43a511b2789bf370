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
        let start = bytes.count
        let ascii = canonicalId.utf8.withContiguousStorageIfAvailable { utf8 in
            // Runs of name characters are copied whole: a CIDR id has one escape in 18 bytes.
            var run = 0
            for (i, byte) in utf8.enumerated() where !isNameCharacter(byte) {
                guard byte < 0x80 else { return false }
                bytes.append(UnsafeBufferPointer(rebasing: utf8[run..<i]))
                appendEscape(UInt32(byte), to: &bytes)
                run = i + 1
            }
            bytes.append(UnsafeBufferPointer(rebasing: utf8[run...]))
            return true
        }
        guard ascii != true else { return }
        // Other text (non-ASCII, or not stored contiguously) is rare: decode it scalar by scalar.
        bytes.truncate(to: start)
        for scalar in canonicalId.unicodeScalars {
            if scalar.isASCII, isNameCharacter(UInt8(scalar.value)) {
                bytes.append(UInt8(scalar.value))
            } else {
                appendEscape(scalar.value, to: &bytes)
            }
        }
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
