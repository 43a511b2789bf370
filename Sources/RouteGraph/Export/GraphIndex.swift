/// The edges of a graph by source, for exporters that walk from a node to its neighbours (flat
/// tables, filters). Built once, in one pass; edges keep graph order within each source.
struct GraphIndex {
    private(set) var outgoing: [String: [Edge]] = [:]

    init(_ graph: RouteGraph) {
        for edge in graph.edges { outgoing[edge.source, default: []].append(edge) }
    }

    /// The edges from `id` of `kind`, in graph order.
    func edges(from id: String, _ kind: EdgeKind) -> [Edge] {
        outgoing[id]?.filter { $0.kind == kind } ?? []
    }
}
