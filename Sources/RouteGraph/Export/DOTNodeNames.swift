/// The DOT names of every node of a graph and of every edge end the graph has no node for, made
/// once and written many times: a node's name is written once for its statement and once for
/// each of its edges, a million times on a large graph.
///
/// The names are `DOTNames`' (`n` and the FNV-1a-64 hash of the id in 16 hex digits; a `_2`, `_3`
/// suffix for the second, third id of one hash, in naming order: nodes in graph order, then the
/// edge ends without a node in edge order), kept as the hash and the suffix rather than as
/// strings, and found through the edge ends' ordinals rather than by id.
struct DOTNodeNames {
    /// The ordinal of every named id: nodes first, in graph order, then edge ends without a node.
    private var ordinals: [String: Int32] = [:]
    private var hashes: [UInt64] = []
    /// 0 for none, else the suffix number.
    private var suffixes: [Int32] = []
    /// The ordinal of each node, by index in the graph.
    private(set) var nodeOrdinals: [Int32] = []
    /// The ordinals of each edge's source and target, two per edge in edge order.
    private(set) var edgeEnds: [Int32] = []
    /// Edge ends with no node in the graph, in edge order.
    private(set) var danglingIds: [String] = []

    init(_ graph: RouteGraph) {
        graph.nodes.withUnsafeBufferPointer { nodes in
            graph.edges.withUnsafeBufferPointer { edges in name(nodes, edges) }
        }
        assignSuffixes()
    }

    private mutating func name(_ nodes: UnsafeBufferPointer<Node>, _ edges: UnsafeBufferPointer<Edge>) {
        ordinals.reserveCapacity(nodes.count)
        hashes.reserveCapacity(nodes.count)
        nodeOrdinals.reserveCapacity(nodes.count)
        for i in nodes.indices { nodeOrdinals.append(ordinal(nodes[i].id, dangling: false)) }
        edgeEnds.reserveCapacity(2 * edges.count)
        for i in edges.indices {
            // Edges are sorted by source: most share the previous edge's, compared without hashing.
            if i > 0 && ByteOrder.compare(edges[i].source, edges[i - 1].source) == 0 {
                edgeEnds.append(edgeEnds[edgeEnds.count - 2])
            } else {
                edgeEnds.append(ordinal(edges[i].source, dangling: true))
            }
            edgeEnds.append(ordinal(edges[i].target, dangling: true))
        }
    }

    /// The ordinal of `id`, a new one if it has none yet.
    private mutating func ordinal(_ id: String, dangling: Bool) -> Int32 {
        if let known = ordinals[id] { return known }
        let new = Int32(hashes.count)
        ordinals[id] = new
        hashes.append(DOTNames.fnv1a64(id))
        if dangling { danglingIds.append(id) }
        return new
    }

    /// Suffixes for ids whose hash an earlier id has, found by sorting the hashes: almost always
    /// there are none.
    private mutating func assignSuffixes() {
        suffixes = Array(repeating: 0, count: hashes.count)
        let sorted = hashes.sorted()
        var shared = Set<UInt64>()
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] { shared.insert(sorted[i]) }
        guard !shared.isEmpty else { return }
        var seen: [UInt64: Int32] = [:]
        for i in hashes.indices where shared.contains(hashes[i]) {
            let count = seen[hashes[i], default: 0] + 1
            seen[hashes[i]] = count
            if count > 1 { suffixes[i] = count }
        }
    }

    /// The ordinal of a named id (a node, or an edge end).
    func ordinal(of id: String) -> Int32? { ordinals[id] }

    /// Appends the quoted name of `ordinal`.
    func appendQuotedName(_ ordinal: Int32, to out: inout TextBuffer) {
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: "n"))
        let hash = hashes[Int(ordinal)]
        for shift in stride(from: 60, through: 0, by: -4) {
            let digit = UInt8(truncatingIfNeeded: (hash >> UInt64(shift)) & 0xF)
            out.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
        let suffix = suffixes[Int(ordinal)]
        if suffix != 0 {
            out.append(UInt8(ascii: "_"))
            out.appendDecimal(Int64(suffix))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The quoted name of `ordinal`, as text.
    func quotedName(_ ordinal: Int32) -> String {
        var out = TextBuffer(flushLimit: 0)
        appendQuotedName(ordinal, to: &out)
        return out.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
