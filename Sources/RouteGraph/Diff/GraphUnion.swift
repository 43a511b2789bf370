/// Combines graphs into one: the union of their nodes (by id) and edges (by identity), where a
/// node or edge given later takes its kind and every attribute it has from the later one, keeping
/// earlier attributes the later one lacks (`Attributes.overlay`).
///
/// This is how graph files are combined, not how responses are: responses go through
/// `Conversion.run`, whose snapshot rules (newest record wins) need the records themselves. A
/// union is the right combination for canonical graphs of disjoint shards, and a predictable one
/// (last given wins) where they overlap.
public struct GraphUnion: Sendable {
    private var nodes: [String: Node] = [:]
    private var edges: [EdgeIdentity: Edge] = [:]

    /// An empty union.
    public init() {}

    /// The union of `graphs`, later ones overriding earlier ones.
    public static func of(_ graphs: [RouteGraph]) -> RouteGraph {
        var union = GraphUnion()
        for graph in graphs { union.add(graph) }
        return union.graph
    }

    /// Adds every node and edge of `graph`, overriding what was added before.
    public mutating func add(_ graph: RouteGraph) {
        for node in graph.nodes { add(node) }
        for edge in graph.edges { add(edge) }
    }

    /// Adds a node, or lays it over the node with its id.
    public mutating func add(_ node: Node) {
        if var existing = nodes[node.id] {
            existing.kind = node.kind
            existing.attributes.overlay(node.attributes)
            nodes[node.id] = existing
        } else {
            nodes[node.id] = node
        }
    }

    /// Adds an edge, or lays it over the edge with its identity.
    public mutating func add(_ edge: Edge) {
        let identity = edge.identity
        if var existing = edges[identity] {
            existing.attributes.overlay(edge.attributes)
            edges[identity] = existing
        } else {
            edges[identity] = edge
        }
    }

    /// The graph so far, in canonical order.
    public var graph: RouteGraph { RouteGraph(nodes: Array(nodes.values), edges: Array(edges.values)) }
}
