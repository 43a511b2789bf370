/// The canonical route graph: nodes sorted by id, edges by (source, target, kind, key), compared
/// byte by byte in UTF-8 so the order is the same on every machine and locale.
public struct RouteGraph: Sendable, Equatable {
    /// Every node, sorted by id as UTF-8 bytes; one per id.
    public private(set) var nodes: [Node]
    /// Every edge, sorted by identity (`EdgeIdentity`); one per identity.
    public private(set) var edges: [Edge]

    /// Makes a graph from nodes and edges in any order; duplicates must already be merged.
    public init(nodes: [Node], edges: [Edge]) {
        // Ids are sorted once, as bytes; edges whose ends are all nodes are then sorted by the
        // ranks of their ends, integers, instead of comparing strings for every comparison.
        let ids = nodes.map(\.id)
        let nodeOrder = ByteOrder.sortedIndices(ids)
        let edgeOrder = Self.edgeOrder(edges, nodeIds: ids, nodeOrder: nodeOrder)
        self.nodes = nodeOrder.map { nodes[Int($0)] }
        self.edges = edgeOrder.map { edges[Int($0)] }
    }

    /// Indices of `edges` in canonical order, ties by index.
    private static func edgeOrder(_ edges: [Edge], nodeIds: [String], nodeOrder: [Int32]) -> [Int32] {
        var rank: [String: UInt32] = [:]
        rank.reserveCapacity(nodeOrder.count)
        // A repeated id (callers should merge them) sits in one run: any of its positions orders it.
        for (position, index) in nodeOrder.enumerated() { rank[nodeIds[Int(index)]] = UInt32(position) }
        let keys = Array(Set(edges.map(\.key)))
        var keyRank: [String: UInt32] = [:]
        keyRank.reserveCapacity(keys.count)
        for (position, index) in ByteOrder.sortedIndices(keys).enumerated() { keyRank[keys[Int(index)]] = UInt32(position) }
        // The ranks of each edge's ends and key are looked up on both cores, a half of the edges
        // each: a million edges are two million lookups of ids by their bytes.
        let (ranks, keyRanks) = (rank, keyRank)
        let look: @Sendable (Range<Int>) -> [EdgeRank]? = { range in
            var order: [EdgeRank] = []
            order.reserveCapacity(range.count)
            for i in range {
                let edge = edges[i]
                guard let source = ranks[edge.source], let target = ranks[edge.target], let key = keyRanks[edge.key] else { return nil }
                order.append(EdgeRank(source: source, target: target, kind: edge.kind, key: key, index: Int32(i)))
            }
            return order
        }
        let middle = edges.count / 2
        let halves = edges.count < 1 << 14 ? (look(0..<middle), look(middle..<edges.count))
            : Parallel.both({ look(0..<middle) }, { look(middle..<edges.count) })
        guard let first = halves.0, let second = halves.1 else {
            // An edge to a node the graph lacks: only its id can place it.
            return edges.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return [] }
                return Array(0..<Int32(all.count)).sorted { Edge.precedes(base + Int($0), base + Int($1)) }
            }
        }
        return EdgeRank.order(first + second)
    }

    /// A graph from nodes and edges already in canonical order, one per id and identity, as
    /// `GraphAccumulator.build` makes them: nothing to sort again.
    init(sortedNodes: [Node], sortedEdges: [Edge]) {
        assert(zip(sortedNodes, sortedNodes.dropFirst()).allSatisfy { ByteOrder.precedes($0.id, $1.id) })
        assert(zip(sortedEdges, sortedEdges.dropFirst()).allSatisfy { Edge.precedes($0, $1) })
        nodes = sortedNodes
        edges = sortedEdges
    }

    /// Hands the edges over and keeps the nodes: a merge takes a fragment's edges apart into
    /// lists of its own, and edges it owns alone can be moved there rather than copied.
    mutating func takeEdges() -> [Edge] {
        var taken: [Edge] = []
        swap(&taken, &edges)
        return taken
    }

    /// Calls `body` with the nodes and edges in place, for the packing that takes them apart
    /// (`PackedGraph(releasing:)`); whatever it leaves must still be a graph in canonical order.
    mutating func withMutableContents<R>(
        _ body: (UnsafeMutableBufferPointer<Node>, UnsafeMutableBufferPointer<Edge>) -> R
    ) -> R {
        nodes.withUnsafeMutableBufferPointer { nodes in edges.withUnsafeMutableBufferPointer { edges in body(nodes, edges) } }
    }

    /// Node counts by kind, every kind listed.
    public var nodeCounts: [NodeKind: Int] {
        // Read in place: `for node in nodes` copies each node, a retain and release per string.
        nodes.withUnsafeBufferPointer { all in KindTally.count(all.count) { (all.baseAddress! + $0).pointee.kind } }
    }

    /// Edge counts by kind, every kind listed.
    public var edgeCounts: [EdgeKind: Int] {
        edges.withUnsafeBufferPointer { all in KindTally.count(all.count) { (all.baseAddress! + $0).pointee.kind } }
    }

    /// The same graph without provenance attributes: what "the same facts" means (DESIGN.md).
    public var withoutProvenance: RouteGraph {
        var copy = self
        for i in copy.nodes.indices { copy.nodes[i].attributes = copy.nodes[i].attributes.withoutProvenance }
        for i in copy.edges.indices { copy.edges[i].attributes = copy.edges[i].attributes.withoutProvenance }
        return copy
    }

    /// The node with `id`, by binary search.
    public func node(id: String) -> Node? {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if ByteOrder.precedes(nodes[mid].id, id) { low = mid + 1 } else { high = mid }
        }
        return low < nodes.count && nodes[low].id == id ? nodes[low] : nil
    }
}
