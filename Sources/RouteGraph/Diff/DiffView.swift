/// The part of a diff a picture shows: everything, or (`context`) the changed nodes and edges and
/// the nodes within `context` hops of them, with the edges between those.
///
/// Hops follow edges either way, since what matters about a changed service is also the route that
/// sends traffic to it. The ends of a changed edge count as changed parts themselves, so an edge is
/// never drawn without its ends.
struct DiffView {
    /// The nodes and edges to draw, each with what happened to it.
    var graph: RouteGraph
    var nodeDeltas: [String: GraphDiff.NodeDelta] = [:]
    var edgeDeltas: [EdgeIdentity: GraphDiff.EdgeDelta] = [:]

    init(_ diff: GraphDiff, context: Int? = nil) {
        var keep: Set<String>? = nil
        if let context {
            var reached = Set(diff.nodes.filter { $0.change != .unchanged }.map(\.node.id))
            for delta in diff.edges where delta.change != .unchanged {
                reached.insert(delta.edge.source)
                reached.insert(delta.edge.target)
            }
            var neighbours: [String: [String]] = [:]
            for delta in diff.edges {
                neighbours[delta.edge.source, default: []].append(delta.edge.target)
                neighbours[delta.edge.target, default: []].append(delta.edge.source)
            }
            var frontier = Array(reached)
            for _ in 0..<max(0, context) where !frontier.isEmpty {
                var next: [String] = []
                for id in frontier {
                    for other in neighbours[id] ?? [] where reached.insert(other).inserted { next.append(other) }
                }
                frontier = next
            }
            keep = reached
        }
        var nodes: [Node] = []
        var edges: [Edge] = []
        for delta in diff.nodes where keep?.contains(delta.node.id) ?? true {
            nodes.append(delta.node)
            nodeDeltas[delta.node.id] = delta
        }
        for delta in diff.edges {
            let edge = delta.edge
            guard keep.map({ $0.contains(edge.source) && $0.contains(edge.target) }) ?? true else { continue }
            edges.append(edge)
            edgeDeltas[edge.identity] = delta
        }
        graph = RouteGraph(nodes: nodes, edges: edges)
    }
}
