/// The kinds of edge in the canonical route graph (DESIGN.md, "Edges").
public enum EdgeKind: String, Sendable, CaseIterable, Comparable, Codable {
    case hasRoute = "HAS_ROUTE"
    case routesTo = "ROUTES_TO"
    case defaultsTo = "DEFAULTS_TO"
    case fallsBackTo = "FALLS_BACK_TO"
    case mirrorsTo = "MIRRORS_TO"
    case serves = "SERVES"
    case hasTunnel = "HAS_TUNNEL"
    case routes = "ROUTES"
    case nextHopFor = "NEXT_HOP_FOR"

    public static func < (lhs: EdgeKind, rhs: EdgeKind) -> Bool { ByteOrder.precedes(lhs.rawValue, rhs.rawValue) }
}

extension EdgeKind {
    /// The place of this kind in the order of `<`, for sorting edges by integers; a test checks
    /// it against `<`.
    var canonicalRank: UInt8 {
        switch self {
        case .defaultsTo: 0
        case .fallsBackTo: 1
        case .hasRoute: 2
        case .hasTunnel: 3
        case .mirrorsTo: 4
        case .nextHopFor: 5
        case .routes: 6
        case .routesTo: 7
        case .serves: 8
        }
    }
}
