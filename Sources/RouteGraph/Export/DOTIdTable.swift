/// Ids numbered in the order first given, found by their bytes and their FNV-1a-64 hash (the hash
/// DOT names are made of, so it is computed once for both): the edge ends without a node, and the
/// owners of clusters. Ids are equal when their bytes are, which for the UTF-8 of Swift strings
/// differs from `String` equality only for canonically equivalent texts of different bytes
/// (`é` precomposed or as `e` and a combining accent), which the DOT writer now keeps apart.
///
/// The ids are copied into one block of bytes, so a key can be made in a scratch buffer.
struct DOTIdTable {
    /// Each id's hash, by number.
    private(set) var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var counts: [Int] = []
    private var bytes: [UInt8] = []
    /// Open addressing on the hash: each slot an id's number, or -1.
    private var slots = [Int32](repeating: -1, count: 16)

    var count: Int { hashes.count }

    /// The number of the id `key` (whose hash is `hash`), given the next number if it is new.
    mutating func number(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (number: Int32, isNew: Bool) {
        let mask = slots.count - 1
        var slot = Self.slot(hash) & mask
        while slots[slot] >= 0 {
            let known = Int(slots[slot])
            if hashes[known] == hash && withId(known, { ByteOrder.same($0, key) }) { return (Int32(known), false) }
            slot = (slot + 1) & mask
        }
        let number = Int32(hashes.count)
        hashes.append(hash)
        starts.append(bytes.count)
        counts.append(key.count)
        bytes.append(contentsOf: key)
        slots[slot] = number
        if 2 * hashes.count > slots.count { rehash() }
        return (number, true)
    }

    /// Runs `body` on the bytes of id `number`.
    func withId<R>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[starts[number]..<starts[number] + counts[number]]))
        }
    }

    /// The hash's high bits stirred down: FNV-1a's low bits depend only on the low bits of the bytes.
    @inline(__always)
    private static func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) }

    private mutating func rehash() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for number in hashes.indices {
            var slot = Self.slot(hashes[number]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }
}
