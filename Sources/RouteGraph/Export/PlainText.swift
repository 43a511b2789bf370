/// Text that every writer writes exactly as it is: no format escapes, quotes or replaces any of
/// its bytes. The packed graph marks each string it packs that is plain (`ByteSpan.isPlain`), so
/// that the writers copy it without scanning it: each of the four formats scanned every value
/// again for its own special bytes, about an eighth of writing's CPU at 1 GB, for values that
/// almost never have one.
///
/// Plain is printable ASCII (0x20–0x7E) without `"`, `&`, `,`, `<`, `>` and `\`, and neither
/// beginning nor ending with a space. That is the intersection of what each format leaves alone:
/// JSON escapes `"`, `\` and controls; CSV quotes a field with `,`, `"`, CR or LF or a space at
/// either end, and replaces NUL; XML escapes `<`, `>`, `&`, `"` and CR and replaces the other
/// controls and U+FFFE/U+FFFF; DOT escapes `\`, `"`, `&` and line ends and replaces the other
/// controls and DEL. CSV's formula neutralising looks at a field's first bytes only, and is still
/// applied to plain text.
enum PlainText {
    /// Whether every writer writes `bytes` as they are.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, let first = bytes.first else { return true }
        if first == 0x20 || bytes[bytes.count - 1] == 0x20 { return false }
        var i = 0
        while i + 8 <= bytes.count {
            if specialBytes(ByteWords.load(base + i)) != 0 { return false }
            i += 8
        }
        guard i < bytes.count else { return true }
        // The last bytes, in a word filled up with a plain letter.
        var word: UInt64 = 0x6161_6161_6161_6161
        withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[i...])) }
        return specialBytes(UInt64(littleEndian: word)) == 0
    }

    /// The high bit of each byte of `word` that is not plain, the lowest exactly (`ByteWords`):
    /// a control character, DEL, a byte of a multi-byte sequence, or one of the six marks.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        ByteWords.below(word, 0x20) | ByteWords.nonASCII(word) | ByteWords.equal(word, 0x7F)
            | ByteWords.equal(word, UInt8(ascii: "\"")) | ByteWords.equal(word, UInt8(ascii: "&"))
            | ByteWords.equal(word, UInt8(ascii: ",")) | ByteWords.equal(word, UInt8(ascii: "<"))
            | ByteWords.equal(word, UInt8(ascii: ">")) | ByteWords.equal(word, UInt8(ascii: "\\"))
    }
}
