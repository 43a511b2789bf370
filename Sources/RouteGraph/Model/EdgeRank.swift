/// An edge's place in the canonical order as integers: the ranks of its ends among the node ids,
/// its kind's rank and its key's rank among the keys. Sorting these compares two words where the
/// identities compared four strings; ties (none in a graph, one edge per identity) go by index.
struct EdgeRank: Sendable {
    private let ends: UInt64
    private let kindAndKey: UInt64
    let index: Int32

    init(source: UInt32, target: UInt32, kind: EdgeKind, key: UInt32, index: Int32) {
        ends = UInt64(source) << 32 | UInt64(target)
        kindAndKey = UInt64(kind.canonicalRank) << 32 | UInt64(key)
        self.index = index
    }

    /// The indices of `ranks` in canonical order.
    static func order(_ ranks: consuming [EdgeRank]) -> [Int32] {
        ranks.sort { a, b in
            if a.ends != b.ends { return a.ends < b.ends }
            if a.kindAndKey != b.kindAndKey { return a.kindAndKey < b.kindAndKey }
            return a.index < b.index
        }
        return ranks.map(\.index)
    }
}
