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
    /// Per end remembered, the two words of its string, its node index and its hash.
    private var words: [UInt64] = []
    private var indices: [Int32] = []
    private var hashes: [UInt64] = []
    private var slots = HashSlots()

    /// The node index remembered for the string whose words are `low` and `high`, or nil.
    func index(low: UInt64, high: UInt64) -> Int32? {
        slots.find(Self.hash(low, high)) { words[2 * Int($0)] == low && words[2 * Int($0) + 1] == high }.found.map { indices[Int($0)] }
    }

    /// Remembers `index` (-1 for no node) for the string whose words are `low` and `high`, which
    /// `index(low:high:)` has just not found.
    mutating func remember(low: UInt64, high: UInt64, index: Int32) {
        let hash = Self.hash(low, high)
        let slot = slots.find(hash) { _ in false }.slot
        words.append(low)
        words.append(high)
        indices.append(index)
        hashes.append(hash)
        slots.put(at: slot, hashes: hashes)
    }

    /// Mixed so that the low bits, which pick the slot, depend on every bit of both words.
    @inline(__always)
    private static func hash(_ low: UInt64, _ high: UInt64) -> UInt64 {
        ((low ^ high &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9) >> 24
    }
}
