/// How many nodes and edges a graph has, in all and by kind: what reports say of a graph, kept
/// apart from it so the graph can be let go (written and freed) before the report is made.
public struct GraphCounts: Sendable, Equatable {
    /// Nodes by kind, every kind listed.
    public let nodes: [NodeKind: Int]
    /// Edges by kind, every kind listed.
    public let edges: [EdgeKind: Int]

    /// The counts of `graph`.
    public init(_ graph: RouteGraph) {
        nodes = graph.nodeCounts
        edges = graph.edgeCounts
    }

    init(nodes: [NodeKind: Int], edges: [EdgeKind: Int]) {
        self.nodes = nodes
        self.edges = edges
    }

    /// All nodes.
    public var nodeTotal: Int { nodes.values.reduce(0, +) }
    /// All edges.
    public var edgeTotal: Int { edges.values.reduce(0, +) }
}
