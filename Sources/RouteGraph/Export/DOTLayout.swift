/// Which DOT cluster every node goes into, and the DOT name of every node: decided once, in graph
/// order, so the output is deterministic.
struct DOTLayout {
    /// A gateway's or an IPsec connection's cluster.
    struct Cluster {
        var name: String
        /// The gateway or connection id, without the kind prefix.
        var label: String
        /// The canonical id of the gateway or connection that owns the cluster.
        var ownerId: String
        var kind: NodeKind
        /// The nodes in it, by index in the graph.
        var nodes: [Int] = []
    }

    private(set) var clusters: [Cluster] = []
    /// The nodes outside any cluster, by index in the graph.
    private(set) var unclustered: [Int] = []
    /// Edge ends with no node in the graph, in edge order.
    var danglingIds: [String] { names.danglingIds }
    let names: DOTNodeNames

    init(_ graph: RouteGraph) {
        names = DOTNodeNames(graph)
        let (nodes, edges) = (graph.nodes, graph.edges)

        // A tunnel's connection: the first HAS_TUNNEL edge to it; edges are sorted by source, so that
        // is the connection first in sort order.
        var connectionOfTunnel: [String: String] = [:]
        for i in edges.indices where edges[i].kind == .hasTunnel && connectionOfTunnel[edges[i].target] == nil {
            if edges[i].source.hasPrefix(NodeKind.ipsec.idPrefix) { connectionOfTunnel[edges[i].target] = edges[i].source }
        }

        var byOwner: [String: Cluster] = [:]
        for node in nodes.indices {
            guard let (owner, kind) = DOTLayout.owner(of: nodes[node], connectionOfTunnel: connectionOfTunnel) else {
                unclustered.append(node)
                continue
            }
            byOwner[
                owner,
                default: Cluster(
                    name: "", label: String(owner.dropFirst(kind.idPrefix.count)), ownerId: owner, kind: kind)
            ].nodes.append(node)
        }
        var clusterNames = DOTNames(prefix: "cluster_")
        // Gateways before connections ("gateway:" < "ipsec:"), each by id: the order nodes are in.
        clusters = byOwner.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { owner in
            var cluster = byOwner[owner]!
            cluster.name = clusterNames.name(for: owner)
            return cluster
        }
    }

    /// The canonical id of the gateway or connection whose cluster `node` belongs in, and its kind.
    private static func owner(of node: Node, connectionOfTunnel: [String: String]) -> (String, NodeKind)? {
        switch node.kind {
        case .gateway, .ipsec: return (node.id, node.kind)
        case .route, .service:
            // `route:{GatewayUniqueId}:{Id}`: the route or service id is the part after the last `:`.
            let rest = node.id.dropFirst(node.kind.idPrefix.count)
            guard let colon = rest.lastIndex(of: ":") else { return nil }
            return (NodeKind.gateway.idPrefix + rest[..<colon], .gateway)
        case .tunnel:
            return connectionOfTunnel[node.id].map { ($0, .ipsec) }
        case .domain, .cidr: return nil
        }
    }
}
