internal import CGNUExtras

/// The DOT names of every node of a packed graph and of every edge end the graph has no node for,
/// made once and written many times: a node's name is written once for its statement and once for
/// each of its edges, a million times on a large graph.
///
/// The names are `DOTNames`' (`n` and the FNV-1a-64 hash of the id in 16 hex digits; a `_2`, `_3`
/// suffix for the second, third id of one hash, in naming order: nodes in graph order, then the
/// edge ends without a node in edge order), kept as the hash and the suffix rather than as
/// strings. A name is found by ordinal: a node's is its index in the graph, a dangling end's comes
/// after the nodes'. Ids are told apart by their bytes (see `DOTIdTable`).
struct DOTNodeNames {
    /// The hash of every ordinal's id.
    private var hashes: [UInt64]
    /// 0 for none, else the suffix number.
    private var suffixes: [Int32] = []
    /// The ordinals of each edge's source and target, two per edge in edge order.
    private(set) var edgeEnds: [Int32] = []
    /// Edge ends with no node in the graph, in edge order; the ordinal of the `i`th is
    /// `danglingBase + i`.
    private(set) var dangling = DOTIdTable()
    let danglingBase: Int32

    init(_ graph: PackedGraph) {
        let nodes = graph.nodes, edges = graph.edges
        danglingBase = Int32(nodes.count)
        hashes = []
        hashes.reserveCapacity(nodes.count)
        for i in nodes.indices { hashes.append(DOTNames.fnv1a64(graph.text(nodes[i].id))) }
        edgeEnds.reserveCapacity(2 * edges.count)
        for i in edges.indices {
            edgeEnds.append(ordinal(of: edges[i].source, node: edges[i].sourceNode, in: graph))
            edgeEnds.append(ordinal(of: edges[i].target, node: edges[i].targetNode, in: graph))
        }
        suffixes = Self.suffixes(hashes)
    }

    /// The ordinal of an edge end: its node's index, else its dangling ordinal, a new one if new.
    private mutating func ordinal(of end: ByteSpan, node: Int32, in graph: PackedGraph) -> Int32 {
        if node >= 0 { return node }
        let id = graph.text(end)
        let hash = DOTNames.fnv1a64(id)
        let (number, isNew) = dangling.number(of: id, hash: hash)
        if isNew { hashes.append(hash) }
        return danglingBase + number
    }

    /// The suffix of every hash, in naming order (0 for the first of its hash, else 2, 3, …),
    /// found by sorting the hashes: almost always there are none.
    static func suffixes(_ hashes: [UInt64]) -> [Int32] {
        var suffixes = [Int32](repeating: 0, count: hashes.count)
        let sorted = hashes.sorted()
        var shared = Set<UInt64>()
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] { shared.insert(sorted[i]) }
        guard !shared.isEmpty else { return suffixes }
        var seen: [UInt64: Int32] = [:]
        for i in hashes.indices where shared.contains(hashes[i]) {
            let count = seen[hashes[i], default: 0] + 1
            seen[hashes[i]] = count
            if count > 1 { suffixes[i] = count }
        }
        return suffixes
    }

    /// Appends the quoted name of `ordinal`.
    @inline(__always)
    func appendQuotedName(_ ordinal: Int32, to out: inout TextBuffer) {
        Self.appendQuotedName("n", hashes[Int(ordinal)], suffixes[Int(ordinal)], to: &out)
    }

    /// Starts loading the name of `ordinal`, ahead of `appendQuotedName`: an edge's target is
    /// anywhere in the tables. A dangling end's ordinal may lie past them (a graph made by hand
    /// may have no nodes at all, and empty tables no address).
    @inline(__always)
    func prefetchName(_ ordinal: Int32) {
        guard Int(ordinal) < hashes.count else { return }
        hashes.withUnsafeBufferPointer { rg_prefetch($0.baseAddress! + Int(ordinal)) }
        suffixes.withUnsafeBufferPointer { rg_prefetch($0.baseAddress! + Int(ordinal)) }
    }

    /// Appends `"` `prefix`, `hash` in 16 hex digits, `_suffix` unless 0, and `"`: `DOTNames`' name.
    @inline(__always)
    static func appendQuotedName(_ prefix: StaticString, _ hash: UInt64, _ suffix: Int32, to out: inout TextBuffer) {
        out.append(UInt8(ascii: "\""))
        out.append(prefix)
        withUnsafeBytes(of: (hexDigits(UInt32(truncatingIfNeeded: hash >> 32)), hexDigits(UInt32(truncatingIfNeeded: hash)))) {
            out.append($0)
        }
        if suffix != 0 {
            out.append(UInt8(ascii: "_"))
            out.appendDecimal(Int64(suffix))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The 8 lowercase hex digits of `value`, as they lie in memory from the first: each nibble
    /// spread to a byte, the bytes turned into ASCII together.
    @inline(__always)
    static func hexDigits(_ value: UInt32) -> UInt64 {
        var x = UInt64(value)
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
        // Now the most significant nibble is in the highest byte; 10...15 become a...f.
        let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return (x &+ 0x3030_3030_3030_3030 &+ letters &* 0x27).bigEndian
    }
}
