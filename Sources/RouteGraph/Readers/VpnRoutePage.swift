/// One `DescribeVcoRouteEntries` response: a page of route entries and the totals it declares.
public struct VpnRoutePage: Sendable {
    public var totalCount: Int64?
    public var pageNumber: Int64?
    public var pageSize: Int64?
    public var entries: [VpnRouteEntry]
    public var routeCounts: [VpnRouteCount]
    public var requestId: String?
    public var location: InputLocation
}

/// One route entry of an IPsec-VPN connection.
public struct VpnRouteEntry: Sendable {
    public var connectionId: String
    /// `RouteDest` as written.
    public var routeDest: String
    /// `RouteDest` normalised, or nil when it is not a CIDR (then kept as written, with a warning).
    public var cidr: CIDR?
    public var nextHop: String?
    public var weight: Int64?
    public var state: String?
    public var entryType: String
    public var createdAt: Timestamp?
    public var asPath: String?
    public var community: String?
    public var routeSource: String?
    public var tunnels: [String]
    public var requestId: String?
    public var location: InputLocation

    /// The canonical id of the destination node.
    var cidrNodeId: String { "cidr:" + (cidr?.text ?? routeDest) }

    /// The edge key of DESIGN.md: entry type and next hop.
    var edgeKey: String { entryType + "|" + (nextHop ?? "") }
}

/// `VpnRouteCounts`: how many entries of a type a dual-tunnel connection has.
public struct VpnRouteCount: Sendable {
    public var entryType: String
    public var count: Int64
    public var source: String?
}
