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

    /// The prefix of every canonical id of this kind, `kind:`. Spelled out rather than made from
    /// `rawValue`: every node id made and every id cut in the writers' rows asks for it, and the
    /// concatenation cost more than the rest of making a short id (a test checks the spellings).
    public var idPrefix: String {
        switch self {
        case .gateway: "gateway:"
        case .route: "route:"
        case .service: "service:"
        case .domain: "domain:"
        case .ipsec: "ipsec:"
        case .tunnel: "tunnel:"
        case .cidr: "cidr:"
        }
    }

    /// The first byte of `idPrefix`, which no two kinds share: ids of different kinds sort (as
    /// bytes) as their kinds' first bytes do, whatever follows, so merging nodes of several kinds
    /// compares them without reading their ids.
    var idFirstByte: UInt8 {
        switch self {
        case .gateway: UInt8(ascii: "g")
        case .route: UInt8(ascii: "r")
        case .service: UInt8(ascii: "s")
        case .domain: UInt8(ascii: "d")
        case .ipsec: UInt8(ascii: "i")
        case .tunnel: UInt8(ascii: "t")
        case .cidr: UInt8(ascii: "c")
        }
    }

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
