/// JSON string literals (RFC 8259), written byte by byte.
enum JSONText {
    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Appends `string` as a quoted JSON string: `"` and `\` escaped, every control character
    /// U+0000–U+001F escaped (the short forms where JSON has one, else `\u00xx`), everything else,
    /// non-ASCII included, as raw UTF-8. Swift strings hold no lone surrogates, so the output is
    /// always valid UTF-8 and valid JSON.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        var buffer = TextBuffer(flushLimit: 0)
        appendString(string, to: &buffer)
        buffer.withBytes { out.append(contentsOf: $0) }
    }

    /// `appendString(_:to:)` into a `TextBuffer`.
    static func appendString(_ string: String, to out: inout TextBuffer) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendString(bytes: $0, to: &out) }
        if done == nil { Array(string.utf8).withUnsafeBufferPointer { appendString(bytes: $0, to: &out) } }
    }

    /// `appendString(_:to:)` for text given as its valid UTF-8 bytes; `isPlain` says they are
    /// `PlainText`, copied without a look.
    static func appendString(bytes: UnsafeBufferPointer<UInt8>, isPlain: Bool = false, to out: inout TextBuffer) {
        out.append(UInt8(ascii: "\""))
        // The common case, nothing to escape, is one copy.
        var plain = true
        if !isPlain, let base = bytes.baseAddress {
            var i = 0
            while i + 8 <= bytes.count {
                let word = ByteWords.load(base + i)
                if ByteWords.below(word, 0x20) | ByteWords.equal(word, 0x22) | ByteWords.equal(word, 0x5C) != 0 {
                    plain = false
                    break
                }
                i += 8
            }
            while plain && i < bytes.count {
                let byte = base[i]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C { plain = false }
                i += 1
            }
        }
        if plain {
            out.append(UnsafeRawBufferPointer(bytes))
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out.append("\\\"")
            case UInt8(ascii: "\\"): out.append("\\\\")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            case 0x08: out.append("\\b")
            case 0x0C: out.append("\\f")
            case 0x00..<0x20:
                out.append("\\u00")
                out.append(hexDigits.utf8Start[Int(byte >> 4)])
                out.append(hexDigits.utf8Start[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
