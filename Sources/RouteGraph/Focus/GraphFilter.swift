/// Cuts a graph down to what one picture should show: the parts around some gateways and IPsec
/// connections, and only some kinds of node. Edges are kept where both ends are kept, so the result
/// is the subgraph the kept nodes induce.
public struct GraphFilter: Sendable, Hashable {
    /// Gateway ids (`gw-…`, with or without the `gateway:` prefix). A gateway brings its routes and
    /// their services (routed to, default, fallback, mirror) and domains.
    public var gateways: [String]
    /// IPsec connection ids (`vco-…`, with or without the `ipsec:` prefix). A connection brings its
    /// tunnels and the CIDRs it routes.
    public var connections: [String]
    /// The node kinds to keep; nil keeps every kind.
    public var kinds: Set<NodeKind>?

    public init(gateways: [String] = [], connections: [String] = [], kinds: Set<NodeKind>? = nil) {
        self.gateways = gateways
        self.connections = connections
        self.kinds = kinds
    }

    /// True when the filter keeps the whole graph.
    public var keepsEverything: Bool { gateways.isEmpty && connections.isEmpty && kinds == nil }

    /// The part of `graph` this filter keeps.
    /// - Throws: `FocusError.notFound` when a gateway or connection asked for is not in the graph,
    ///   so a mistyped id is not mistaken for an empty picture.
    public func apply(to graph: RouteGraph) throws(FocusError) -> RouteGraph {
        if keepsEverything { return graph }
        var kept: Set<String>
        if gateways.isEmpty && connections.isEmpty {
            kept = Set(graph.nodes.map(\.id))
        } else {
            let index = GraphIndex(graph)
            kept = []
            for id in gateways {
                let gateway = try Self.canonical(id, .gateway, in: graph)
                kept.insert(gateway)
                for route in index.edges(from: gateway, .hasRoute).map(\.target) {
                    kept.insert(route)
                    for kind in Self.fromRoutes {
                        for edge in index.edges(from: route, kind) { kept.insert(edge.target) }
                    }
                }
            }
            for id in connections {
                let connection = try Self.canonical(id, .ipsec, in: graph)
                kept.insert(connection)
                for kind in Self.fromConnections {
                    for edge in index.edges(from: connection, kind) { kept.insert(edge.target) }
                }
            }
        }
        let nodes = graph.nodes.filter { kept.contains($0.id) && (kinds?.contains($0.kind) ?? true) }
        let ids = Set(nodes.map(\.id))
        let edges = graph.edges.filter { ids.contains($0.source) && ids.contains($0.target) }
        return RouteGraph(nodes: nodes, edges: edges)
    }

    /// The edges whose targets a gateway's routes bring, and a connection brings.
    static let fromRoutes: [EdgeKind] = [.routesTo, .defaultsTo, .fallsBackTo, .mirrorsTo, .serves]
    static let fromConnections: [EdgeKind] = [.hasTunnel, .routes]

    /// The canonical id of the node `id` names, which must be in `graph`.
    private static func canonical(_ id: String, _ kind: NodeKind, in graph: RouteGraph) throws(FocusError) -> String {
        let canonical = id.hasPrefix(kind.idPrefix) ? id : kind.idPrefix + id
        guard graph.node(id: canonical) != nil else {
            let known = graph.nodes.lazy.filter { $0.kind == kind }.prefix(5).map {
                String($0.id.dropFirst(kind.idPrefix.count))
            }
            throw .notFound(kind: kind, id: id, known: Array(known))
        }
        return canonical
    }
}

/// Why a focus could not be applied.
public enum FocusError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A gateway or connection asked for is not in the graph; `known` holds a few that are.
    case notFound(kind: NodeKind, id: String, known: [String])

    public var description: String {
        switch self {
        case .notFound(let kind, let id, let known):
            let what = kind == .gateway ? "gateway" : "IPsec connection"
            let option = kind == .gateway ? "--gateway" : "--connection"
            let hint = known.isEmpty ? "the graph has none" : "it has, for example: " + known.joined(separator: ", ")
            return "no \(what) '\(id)' in the graph (\(option)); \(hint)"
        }
    }
}
