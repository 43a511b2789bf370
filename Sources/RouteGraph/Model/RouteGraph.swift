/// The canonical route graph: nodes sorted by id, edges by (source, target, kind, key), compared
/// byte by byte in UTF-8 so the order is the same on every machine and locale.
public struct RouteGraph: Sendable, Equatable {
    /// Every node, sorted by id as UTF-8 bytes; one per id.
    public private(set) var nodes: [Node]
    /// Every edge, sorted by identity (`EdgeIdentity`); one per identity.
    public private(set) var edges: [Edge]

    /// Makes a graph from nodes and edges in any order; duplicates must already be merged.
    public init(nodes: [Node], edges: [Edge]) {
        // Indices are sorted, not the values: moving an edge costs five retains, an index none.
        // Nodes and edges are sorted at the same time.
        (self.nodes, self.edges) = Parallel.both({
            nodes.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return [] }
                return all.indices.sorted { ByteOrder.precedes((base + $0).pointee.id, (base + $1).pointee.id) }.map { all[$0] }
            }
        }, {
            edges.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return [] }
                return all.indices.sorted { Edge.precedes(base + $0, base + $1) }.map { all[$0] }
            }
        })
    }

    /// A graph from nodes and edges already in canonical order, one per id and identity, as
    /// `GraphAccumulator.build` makes them: nothing to sort again.
    init(sortedNodes: [Node], sortedEdges: [Edge]) {
        assert(zip(sortedNodes, sortedNodes.dropFirst()).allSatisfy { ByteOrder.precedes($0.id, $1.id) })
        assert(zip(sortedEdges, sortedEdges.dropFirst()).allSatisfy { Edge.precedes($0, $1) })
        nodes = sortedNodes
        edges = sortedEdges
    }

    /// Node counts by kind, every kind listed.
    public var nodeCounts: [NodeKind: Int] {
        var counts = Dictionary(uniqueKeysWithValues: NodeKind.allCases.map { ($0, 0) })
        for node in nodes { counts[node.kind, default: 0] += 1 }
        return counts
    }

    /// Edge counts by kind, every kind listed.
    public var edgeCounts: [EdgeKind: Int] {
        var counts = Dictionary(uniqueKeysWithValues: EdgeKind.allCases.map { ($0, 0) })
        for edge in edges { counts[edge.kind, default: 0] += 1 }
        return counts
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
