extension RouteGraph {
    /// The graph of `graph`'s nodes and edges and of `nodes` and `edges`, which are in canonical
    /// order too: the two are interleaved, not sorted again. Where both hold one id or identity
    /// (only fragments edited by hand do), all are sorted together as `init(nodes:edges:)` does.
    init(joining graph: RouteGraph, _ nodes: [Node], _ edges: [Edge]) {
        let joinedNodes = Self.interleave(graph.nodes, nodes) { ByteOrder.compare($0.id, $1.id) }
        let joinedEdges = Self.interleave(graph.edges, edges) { a, b in
            Edge.precedes(a, b) ? -1 : Edge.precedes(b, a) ? 1 : 0
        }
        guard let joinedNodes, let joinedEdges else {
            self.init(nodes: graph.nodes + nodes, edges: graph.edges + edges)
            return
        }
        self.init(sortedNodes: joinedNodes, sortedEdges: joinedEdges)
    }

    /// `a` and `b` in one order, or nil if an item of one equals an item of the other.
    private static func interleave<T>(_ a: [T], _ b: [T], _ compare: (T, T) -> Int) -> [T]? {
        var joined: [T] = []
        joined.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            let order = compare(a[i], b[j])
            if order == 0 { return nil }
            if order < 0 {
                joined.append(a[i])
                i += 1
            } else {
                joined.append(b[j])
                j += 1
            }
        }
        joined += a[i...]
        joined += b[j...]
        return joined
    }
}
