/// The slots of an open-addressing table whose entries, and their hashes, are kept in arrays of
/// the table's own in the order they were added: each slot holds an entry's index, -1 where empty,
/// and the slots double once half are taken. The tables that find values by their bytes (a merge's
/// ids, redaction's distinct values) keep their own entries and their own test of a match.
struct HashSlots: Sendable {
    /// A power of two long.
    private var slots = [Int32](repeating: -1, count: 1024)

    /// The entry along `hash`'s probe sequence that `matches`, or nil and the empty slot where an
    /// entry with this hash goes.
    @inline(__always)
    func find(_ hash: UInt64, _ matches: (Int32) -> Bool) -> (found: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while case let index = slots[slot], index >= 0 {
            if matches(index) { return (index, slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    /// Puts the entry `hashes.count - 1`, just added, in `slot` (the one `find` gave); `hashes` are
    /// every entry's, by index.
    mutating func put(at slot: Int, hashes: [UInt64]) {
        slots[slot] = Int32(hashes.count - 1)
        if 2 * hashes.count > slots.count { grow(hashes) }
    }

    private mutating func grow(_ hashes: [UInt64]) {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
