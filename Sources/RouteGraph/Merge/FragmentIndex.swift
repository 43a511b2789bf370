/// One fragment's graph, indexed for the merge: nodes by id, the edges each route owns, and the
/// VPN edges by connection.
struct FragmentIndex {
    var nodes: [String: Node] = [:]
    /// Per route node id: its outgoing route edges and the `HAS_ROUTE` edge into it.
    var routeEdges: [String: [Edge]] = [:]
    /// `ROUTES` edges, per connection node id.
    var vpnRoutes: [String: [Edge]] = [:]
    /// `HAS_TUNNEL` and `NEXT_HOP_FOR` edges, and any edge not tied to a route.
    var otherEdges: [Edge] = []

    init(_ graph: RouteGraph) {
        for node in graph.nodes { nodes[node.id] = node }
        for edge in graph.edges {
            if let route = FragmentIndex.owningRoute(of: edge) {
                routeEdges[route, default: []].append(edge)
            } else if edge.kind == .routes {
                vpnRoutes[edge.source, default: []].append(edge)
            } else {
                otherEdges.append(edge)
            }
        }
    }

    /// The route an edge belongs to: every edge out of a route, and `HAS_ROUTE` into one. These
    /// edges come from the route's snapshot alone, so they are taken whole from the winning one.
    static func owningRoute(of edge: Edge) -> String? {
        switch edge.kind {
        case .hasRoute: edge.target.hasPrefix(NodeKind.route.idPrefix) ? edge.target : nil
        case .routesTo, .defaultsTo, .fallsBackTo, .mirrorsTo, .serves:
            edge.source.hasPrefix(NodeKind.route.idPrefix) ? edge.source : nil
        case .hasTunnel, .routes, .nextHopFor: nil
        }
    }

    /// The node at the other end of a route-owned edge from its route.
    static func neighbour(of edge: Edge) -> String { edge.kind == .hasRoute ? edge.source : edge.target }

    /// `DEFAULTS_TO` and `MIRRORS_TO` name their service by id and name only
    /// (`DefaultServiceName`, `TargetServiceName`); every other route edge gives its node whole.
    static func carriesNameOnly(_ kind: EdgeKind) -> Bool { kind == .defaultsTo || kind == .mirrorsTo }

    /// The attributes a name-only edge gives.
    static func givesNameOnly(_ attribute: Attribute) -> Bool { attribute == .serviceId || attribute == .name }
}
