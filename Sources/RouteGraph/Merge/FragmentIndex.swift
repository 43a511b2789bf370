/// One fragment's graph, arranged for the merge: the edges each route owns, by route, and the VPN
/// side's nodes and edges in canonical order.
struct FragmentIndex: Sendable {
    /// The fragment, whose nodes are found by id (`node(_:)`).
    let graph: RouteGraph
    /// Per route node id: its outgoing route edges and the `HAS_ROUTE` edge into it.
    private(set) var routeEdges: [String: [Edge]] = [:]
    /// Every edge no route owns (`ROUTES`, `HAS_TUNNEL`, `NEXT_HOP_FOR`, and any other), in
    /// canonical order, until the merge takes them (`takeVPNEdges`).
    private(set) var vpnEdges: [Edge] = []
    /// For each of `vpnEdges`, where it was read when it is a `ROUTES` edge (`input`, parsed).
    private(set) var vpnLocations: [InputLocation?] = []
    /// IPsec connections, tunnels and CIDRs, in canonical order.
    let vpnNodes: [Node]
    /// Per connection id, where this fragment read its latest `ROUTES` edges.
    private(set) var latestReadings: [String: LatestReadings] = [:]

    /// Takes `graph` apart: given a graph held nowhere else, its edges are moved into the lists,
    /// not copied (a copy retains an edge's three strings and its attributes, and the graph's
    /// copies are released later: together about a seventh of a merge's time at 1 GB).
    init(_ graph: consuming RouteGraph) {
        var edges = graph.takeEdges()
        self.graph = graph
        vpnNodes = self.graph.nodes.filter { $0.kind == .ipsec || $0.kind == .tunnel || $0.kind == .cidr }
        var locations = ProvenanceLocations()
        // A connection's edges come together (edges are in order by source): its readings are
        // gathered here and put in the table once, not looked up there for every edge.
        var connection = (id: "", readings: LatestReadings())
        func keepReadings() {
            if connection.readings.any != nil { latestReadings[connection.id, default: LatestReadings()].add(connection.readings) }
        }
        for i in edges.indices {
            let edge = Edge.take(&edges[i])
            if let route = FragmentIndex.owningRoute(of: edge) {
                routeEdges[route, default: []].append(edge)
            } else {
                let location = edge.kind == .routes ? locations.location(edge.attributes[.input]) : nil
                if let location {
                    if !ByteOrder.sameUTF8(connection.id, edge.source) {
                        keepReadings()
                        connection = (edge.source, LatestReadings())
                    }
                    connection.readings.add(location, type: FragmentMerge.entryType(of: edge))
                }
                vpnLocations.append(location)
                vpnEdges.append(edge)
            }
        }
        keepReadings()
    }

    /// Hands `vpnEdges` over, leaving the list empty: the merge moves them on into the merged graph.
    mutating func takeVPNEdges() -> [Edge] {
        var taken: [Edge] = []
        swap(&taken, &vpnEdges)
        return taken
    }

    /// Takes in the readings of the fragment's packed `ROUTES` edges (`PackedFragmentEdges`).
    mutating func addReadings(_ readings: [String: LatestReadings]) {
        for (connection, reading) in readings { latestReadings[connection, default: LatestReadings()].add(reading) }
    }

    /// The node with `id`, if the fragment has one.
    func node(_ id: String) -> Node? { graph.node(id: id) }

    /// The route nodes.
    var routes: [Node] { graph.nodes.filter { $0.kind == .route } }

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
