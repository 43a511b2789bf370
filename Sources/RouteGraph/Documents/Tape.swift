/// A parsed document in simdjson's tape layout (simdjson's doc/tape.md): 64-bit words, a type
/// character in the top byte and a payload below, strings in a side buffer as a 32-bit length, the
/// bytes and a NUL.
///
/// This is the seam between parsing and reading: the JSON parser hands simdjson's own tape over
/// without a copy, the XML reader writes the same layout with `TapeWriter`, and the response
/// readers see only `Element`s, whichever produced them. A faster or a different parser only has
/// to produce this layout.
///
/// A tape owns nothing: it is valid while what made it keeps it, a `JSONParser` until its next
/// parse, a `TapeStorage` (XML) while that lives. So a tape, and every `Element` on it, is two
/// pointers, copied without reference counting: with a reference to its storage beside them
/// (nil for simdjson's tapes), every copy of an element retained and released it, 2.7% of the
/// instructions of converting the 10 MB archive.
struct Tape {
    let words: UnsafePointer<UInt64>
    let strings: UnsafePointer<UInt8>

    /// The document's root value.
    var root: Element { Element(tape: self, index: 1) }
}

/// The type characters of the tape layout.
enum TapeType: UInt8 {
    case root = 0x72  // r
    case startObject = 0x7B  // {
    case endObject = 0x7D  // }
    case startArray = 0x5B  // [
    case endArray = 0x5D  // ]
    case string = 0x22  // "
    case int64 = 0x6C  // l
    case uint64 = 0x75  // u
    case double = 0x64  // d
    case `true` = 0x74  // t
    case `false` = 0x66  // f
    case null = 0x6E  // n
}
