/// How each kind of node and edge looks in DOT, and what the legend says about it. One shape and one
/// fill colour per node kind, so a diagram reads without hovering.
enum DOTStyle {
    static func shape(_ kind: NodeKind) -> String {
        switch kind {
        case .gateway: "box3d"
        case .route: "box"
        case .service: "component"
        case .domain: "note"
        case .ipsec: "hexagon"
        case .tunnel: "cds"
        case .cidr: "folder"
        }
    }

    static func fill(_ kind: NodeKind) -> String {
        switch kind {
        case .gateway: "#9fc5e8"
        case .route: "#fff2cc"
        case .service: "#d9ead3"
        case .domain: "#fce5cd"
        case .ipsec: "#d9d2e9"
        case .tunnel: "#ead1dc"
        case .cidr: "#eeeeee"
        }
    }

    /// The cluster outline colour for a kind that owns a cluster.
    static func clusterColor(_ kind: NodeKind) -> String { kind == .gateway ? "#3d85c6" : "#674ea7" }

    /// What the legend says a kind is.
    static func explanation(_ kind: NodeKind) -> String {
        switch kind {
        case .gateway: "MSE cloud-native gateway"
        case .route: "gateway route"
        case .service: "backend service of a gateway"
        case .domain: "domain (shared by gateways)"
        case .ipsec: "IPsec VPN connection"
        case .tunnel: "IPsec tunnel"
        case .cidr: "destination CIDR (shared)"
        }
    }

    /// Extra edge attributes by kind: fallbacks dashed and mirrors dotted, as the brief for architects
    /// asks; defaults bold; containment edges grey so traffic edges stand out. Edges to the shared
    /// nodes (domains, CIDRs) run long between clusters and cross each other: a colour per family,
    /// label included, tells which line a label belongs to.
    static func edgeAttributes(_ kind: EdgeKind) -> [(String, String)] {
        switch kind {
        case .fallsBackTo: [("style", "dashed")]
        case .mirrorsTo: [("style", "dotted")]
        case .defaultsTo: [("style", "bold")]
        case .hasRoute, .hasTunnel: [("color", "#888888"), ("fontcolor", "#666666")]
        case .serves: [("color", "#b45f06"), ("fontcolor", "#b45f06")]
        case .routes, .nextHopFor: [("color", "#674ea7"), ("fontcolor", "#674ea7")]
        case .routesTo: []
        }
    }

    /// The legend's sample edge of each kind, between the legend nodes of the kinds it joins: the
    /// legend draws the model itself.
    static let legendEdges: [(EdgeKind, from: NodeKind, to: NodeKind, label: String)] = [
        (.hasRoute, .gateway, .route, "HAS_ROUTE"),
        (.routesTo, .route, .service, "ROUTES_TO: 80%"),
        (.defaultsTo, .route, .service, "DEFAULTS_TO"),
        (.fallsBackTo, .route, .service, "FALLS_BACK_TO: 80%"),
        (.mirrorsTo, .route, .service, "MIRRORS_TO: mirror 90%"),
        (.serves, .route, .domain, "SERVES"),
        (.hasTunnel, .ipsec, .tunnel, "HAS_TUNNEL"),
        (.routes, .ipsec, .cidr, "ROUTES: weight 100"),
        (.nextHopFor, .tunnel, .cidr, "NEXT_HOP_FOR"),
    ]
}
