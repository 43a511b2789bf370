/// The node indices of edge ends that `NodeFinder` did not find by their strings' bits, by those
/// bits, for one packing block: an end's string is then searched for by its text once per string
/// rather than once per edge.
///
/// Ends miss `NodeFinder` where they are strings of their own rather than their node's id: in a
/// merge, the edges of every fragment but the one whose node was kept name the node with the
/// fragment's own copy of its id, and each copy is the end of many edges (a connection's routes,
/// a CIDR's next hops). The bits of a string name it while it is alive, and every end is alive
/// from before packing begins, so two ends with the same bits are the same string.
struct EdgeEndCache {
    /// Per slot, the two words of a string (both 0 for a free slot: no string has those bits).
    private var words: [UInt64]
    private var indices: [Int32]
    private var count = 0

    init() {
        words = [UInt64](repeating: 0, count: 2 * Self.initialSlots)
        indices = [Int32](repeating: -1, count: Self.initialSlots)
    }

    private static var initialSlots: Int { 1 << 10 }

    /// The node index remembered for the string whose words are `low` and `high`, or nil.
    func index(low: UInt64, high: UInt64) -> Int32? {
        let mask = indices.count - 1
        var slot = Self.slot(low, high, mask)
        while words[2 * slot] != 0 || words[2 * slot + 1] != 0 {
            if words[2 * slot] == low && words[2 * slot + 1] == high { return indices[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Remembers `index` (-1 for no node) for the string whose words are `low` and `high`.
    mutating func remember(low: UInt64, high: UInt64, index: Int32) {
        if 2 * (count + 1) > indices.count { grow() }
        insert(low: low, high: high, index: index)
        count += 1
    }

    private mutating func insert(low: UInt64, high: UInt64, index: Int32) {
        let mask = indices.count - 1
        var slot = Self.slot(low, high, mask)
        while words[2 * slot] != 0 || words[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
        words[2 * slot] = low
        words[2 * slot + 1] = high
        indices[slot] = index
    }

    private mutating func grow() {
        let (oldWords, oldIndices) = (words, indices)
        words = [UInt64](repeating: 0, count: 2 * oldWords.count)
        indices = [Int32](repeating: -1, count: 2 * oldIndices.count)
        for slot in oldIndices.indices where oldWords[2 * slot] != 0 || oldWords[2 * slot + 1] != 0 {
            insert(low: oldWords[2 * slot], high: oldWords[2 * slot + 1], index: oldIndices[slot])
        }
    }

    @inline(__always)
    private static func slot(_ low: UInt64, _ high: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((low ^ high &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9) >> 24) & mask
    }
}
