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
