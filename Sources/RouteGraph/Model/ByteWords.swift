/// Eight bytes of text tested at once (SWAR: "SIMD within a register"), for the escapers' scans
/// and the readers' case folding: every field of every row is scanned for bytes that need
/// escaping, and almost none has any, so skipping eight plain bytes per step is most of their work.
///
/// Each test returns the high bit of every byte of the word that matches. The lowest flag is
/// exact; a borrow may also flag bytes above it that do not match. So a scan may trust the
/// lowest flag (`firstFlagged`) and must test the bytes after it again.
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `p`, first byte lowest, whatever the alignment.
    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian
    }

    /// Bytes equal to `byte`.
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let v = word ^ (UInt64(byte) &* ones)
        return (v &- ones) & ~v & high
    }

    /// Bytes below `limit`, which must be at most 0x80 (bytes of 0x80 and above never match).
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- UInt64(limit) &* ones) & ~word & high
    }

    /// Bytes of 0x80 and above: the bytes of multi-byte UTF-8 sequences. Exact for every byte.
    @inline(__always)
    static func nonASCII(_ word: UInt64) -> UInt64 { word & high }

    /// Capital letters A–Z, in a word of ASCII bytes only (test `nonASCII` first): exact for every
    /// byte, as no byte below 0x80 carries into the next when 0x3F or 0x25 is added to it.
    @inline(__always)
    static func asciiCapitals(_ word: UInt64) -> UInt64 {
        (word &+ 0x3F &* ones) & ~(word &+ 0x25 &* ones) & high
    }

    /// The offset in the word of its lowest flagged byte; `flags` must not be zero.
    @inline(__always)
    static func firstFlagged(_ flags: UInt64) -> Int { flags.trailingZeroBitCount >> 3 }
}
