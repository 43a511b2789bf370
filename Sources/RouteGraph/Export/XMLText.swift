/// Text made safe for XML 1.0 before it reaches libxml2.
///
/// xmlTextWriter escapes markup (`<`, `&`, quotes) but copies characters XML 1.0 forbids straight
/// into the file, which no parser will then read; and it takes C strings, so a NUL would silently
/// cut a value short. Both are avoided by replacing every forbidden code point before writing.
enum XMLText {
    /// What a forbidden code point becomes: U+FFFD REPLACEMENT CHARACTER.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True when XML 1.0 (production `Char`) allows `scalar` in a document. Swift strings hold no
    /// lone surrogates, so only the C0 controls and U+FFFE/U+FFFF remain to exclude.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case ..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// `text` with every code point XML 1.0 forbids replaced by U+FFFD. Almost every value is
    /// clean, so the common case returns the string itself without copying.
    static func sanitised(_ text: String) -> String {
        let clean =
            text.utf8.withContiguousStorageIfAvailable { isAllowed(utf8: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { isAllowed(utf8: $0) }
        guard !clean else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : replacement)
        }
        return String(scalars)
    }

    /// True when the valid UTF-8 `utf8` holds no code point XML 1.0 forbids. A byte scan, cheaper
    /// than decoding scalars: a forbidden code point is either a single byte below 0x20 or the
    /// three bytes EF BF BE / EF BF BF.
    static func isAllowed(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        // A first pass without an early exit, which the compiler vectorises: plain text (no byte
        // below 0x20, none that could start U+FFFE/U+FFFF) is the rule, and is settled here.
        var suspect: UInt8 = 0
        for byte in utf8 { suspect |= (byte < 0x20 ? 1 : 0) | (byte == 0xEF ? 1 : 0) }
        if suspect == 0 { return true }
        return !containsForbidden(utf8)
    }

    /// The exact check behind `isAllowed(utf8:)`, for text the first pass could not clear.
    private static func containsForbidden(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in utf8.indices {
            let byte = utf8[i]
            if byte < 0x20 {
                if byte != 0x9 && byte != 0xA && byte != 0xD { return true }
            } else if byte == 0xEF, i + 2 < utf8.count, utf8[i + 1] == 0xBF, utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF {
                // EF starts U+FFxx here (in UTF-8 it is never a continuation byte), U+FFFE or U+FFFF.
                return true
            }
        }
        return false
    }

    /// Appends the valid UTF-8 `utf8` to `out` with every code point XML 1.0 forbids written as
    /// U+FFFD: the byte form of `sanitised(_:)`, giving the same bytes.
    static func appendSanitised(utf8: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        guard !isAllowed(utf8: utf8) else { return out.append(utf8) }
        var run = 0
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            let forbiddenLength: Int
            if byte < 0x20 {
                forbiddenLength = byte == 0x9 || byte == 0xA || byte == 0xD ? 0 : 1
            } else if byte == 0xEF, i + 2 < utf8.count, utf8[i + 1] == 0xBF, utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF {
                forbiddenLength = 3
            } else {
                forbiddenLength = 0
            }
            guard forbiddenLength > 0 else {
                i += 1
                continue
            }
            out.append(UnsafeBufferPointer(rebasing: utf8[run..<i]))
            out.append(0xEF)
            out.append(0xBF)
            out.append(0xBD)
            i += forbiddenLength
            run = i
        }
        out.append(UnsafeBufferPointer(rebasing: utf8[run...]))
    }
}
