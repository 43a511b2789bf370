/// The records of one graph file as they are read, combined as `GraphUnion` combines them.
///
/// A file `convert` or `merge` wrote holds its nodes and then its edges in canonical order, one
/// line each: while lines keep to that order they are only appended, and the graph is made without
/// hashing a record or sorting it again (at 1.2 million edges, that was most of the time of reading
/// a fragment). The first line out of order or given twice hands everything to a `GraphUnion`.
struct GraphRecordCollector {
    private var nodes: [Node] = []
    private var edges: [Edge] = []
    private var union: GraphUnion?

    mutating func add(_ node: Node) {
        if union == nil, edges.isEmpty, nodes.last.map({ ByteOrder.precedes($0.id, node.id) }) ?? true {
            nodes.append(node)
        } else {
            spill()
            union!.add(node)
        }
    }

    mutating func add(_ edge: Edge) {
        if union == nil, edges.last.map({ Edge.precedes($0, edge) }) ?? true {
            edges.append(edge)
        } else {
            spill()
            union!.add(edge)
        }
    }

    /// Whether every record so far came in canonical order, once each.
    var isCanonical: Bool { union == nil }

    /// The graph of every record added.
    var graph: RouteGraph { union?.graph ?? RouteGraph(sortedNodes: nodes, sortedEdges: edges) }

    private mutating func spill() {
        guard union == nil else { return }
        var all = GraphUnion()
        for node in nodes { all.add(node) }
        for edge in edges { all.add(edge) }
        (nodes, edges, union) = ([], [], all)
    }
}
