/// The kinds of node in the canonical route graph (DESIGN.md, "Nodes").
public enum NodeKind: String, Sendable, CaseIterable, Comparable, Codable {
    case gateway
    case route
    case service
    case domain
    case ipsec
    case tunnel
    case cidr

    /// The label Neo4j imports use for this kind (PascalCase, as DESIGN.md names them).
    public var neo4jLabel: String {
        switch self {
        case .gateway: "Gateway"
        case .route: "GatewayRoute"
        case .service: "Service"
        case .domain: "Domain"
        case .ipsec: "IpsecConnection"
        case .tunnel: "Tunnel"
        case .cidr: "Cidr"
        }
    }

    /// The prefix of every canonical id of this kind, `kind:`.
    public var idPrefix: String { rawValue + ":" }

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
