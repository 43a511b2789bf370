/// The ids a graph file's records name, each made a `String` once: an edge's source, target and
/// key are the strings of the node ids and keys read before them, not copies.
///
/// A fragment of a million edges named its ends with two million strings of their own; shared,
/// they take no memory of their own, and the packing that follows finds each end's node by its
/// string's identity (`NodeFinder`) rather than by searching for its text.
struct GraphIdTable {
    private var strings: [String] = []
    private var hashes: [UInt64] = []
    private var slots = HashSlots()

    /// The last edge source given, for the next: edges come by source.
    private var lastSource = ""

    /// `string(_:)` for an edge's source, which is mostly the last edge's.
    mutating func source(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !ByteOrder.sameUTF8(lastSource, bytes) { lastSource = string(bytes) }
        return lastSource
    }

    /// The string with these UTF-8 bytes, made now if not seen before.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(bytes)
        let (found, slot) = slots.find(hash) { hashes[Int($0)] == hash && ByteOrder.sameUTF8(strings[Int($0)], bytes) }
        if let found { return strings[Int(found)] }
        let made = String(decoding: bytes, as: UTF8.self)
        strings.append(made)
        hashes.append(hash)
        slots.put(at: slot, hashes: hashes)
        return made
    }

    /// A word at a time, multiplied and folded: ids share long prefixes, so every byte counts.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        for i in offset..<bytes.count { tail |= UInt64(bytes[i]) << (8 * UInt64(i - offset)) }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 32)
    }
}
