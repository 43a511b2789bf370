/// The edges from each node of a packed graph, for exporters that walk from a node to its
/// neighbours (the flat tables): `GraphIndex` for a `PackedGraph`, by node index instead of by id.
///
/// Edges are sorted by source first (`RouteGraph`), so the edges from one node are one run; the
/// run of every node is found in one pass over the edges. An id no node has (a dangling edge end)
/// is looked up by binary search of the bytes.
struct PackedGraphIndex: @unchecked Sendable {
    let graph: PackedGraph
    /// Where the run of edges from each node starts and ends, by node index; an empty run for a
    /// node no edge leaves.
    private let starts: [Int32]
    private let ends: [Int32]

    init(_ graph: PackedGraph) {
        self.graph = graph
        var starts = [Int32](repeating: 0, count: graph.nodes.count)
        var ends = [Int32](repeating: 0, count: graph.nodes.count)
        var e = 0
        let edges = graph.edges
        while e < edges.count {
            let source = edges[e].sourceNode
            var end = e + 1
            while end < edges.count && edges[end].sourceNode == source { end += 1 }
            if source >= 0 {
                starts[Int(source)] = Int32(e)
                ends[Int(source)] = Int32(end)
            }
            e = end
        }
        self.starts = starts
        self.ends = ends
    }

    /// The indices of the edges from node `node`, in graph order.
    @inline(__always)
    func edgeRange(fromNode node: Int) -> Range<Int> { Int(starts[node])..<Int(ends[node]) }

    /// The indices of the edges from the node with id `id`, in graph order, whether the graph has
    /// that node (`node` its index) or not (`node` -1, the edges found by their bytes).
    func edgeRange(from id: UnsafeBufferPointer<UInt8>, node: Int32) -> Range<Int> {
        if node >= 0 { return edgeRange(fromNode: Int(node)) }
        let edges = graph.edges
        var low = 0, high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if ByteOrder.compare(graph.text(edges[mid].source), id) < 0 { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < edges.count && ByteOrder.compare(graph.text(edges[end].source), id) == 0 { end += 1 }
        return low..<end
    }

    /// The index of the node with id `id`, by binary search of the nodes' ids.
    func node(id: String) -> Int? {
        var id = id
        let index = id.withUTF8 { graph.nodeIndex(id: $0) }
        return index >= 0 ? Int(index) : nil
    }

    /// Whether two spans of the graph hold the same bytes.
    @inline(__always)
    func sameText(_ a: ByteSpan, _ b: ByteSpan) -> Bool {
        a == b || ByteOrder.compare(graph.text(a), graph.text(b)) == 0
    }
}
