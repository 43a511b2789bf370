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
        guard needsSanitising(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : replacement)
        }
        return String(scalars)
    }

    /// A byte scan of the UTF-8, cheaper than decoding scalars: a forbidden code point is either a
    /// single byte below 0x20 or the three bytes EF BF BE / EF BF BF.
    private static func needsSanitising(_ text: String) -> Bool {
        // Plain text (no byte below 0x20, none that could start U+FFFE/U+FFFF) is the rule.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0xEF }) { return false }
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x20 {
                if byte != 0x9 && byte != 0xA && byte != 0xD { return true }
            } else if byte == 0xEF {
                // Checked by value, not by advancing: EF may start U+FFxx or any other BMP scalar.
                var lookahead = utf8
                if lookahead.next() == 0xBF, let third = lookahead.next(), third == 0xBE || third == 0xBF {
                    return true
                }
            }
        }
        return false
    }
}
