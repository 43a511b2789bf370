/// One `DescribeVcoRouteEntries` response: a page of route entries and the totals it declares.
public struct VpnRoutePage: Sendable {
    /// `TotalCount`: entries across all pages of the query (one connection and entry type); checked
    /// against those collected.
    public var totalCount: Int64?
    /// `PageNumber`, from 1.
    public var pageNumber: Int64?
    /// `PageSize`: with `totalCount`, tells which pages are missing.
    public var pageSize: Int64?
    /// `VcoRouteEntries`, in any wrapping; entries without `VpnConnectionId` or `RouteDest` are
    /// left out with a warning.
    public var entries: [VpnRouteEntry]
    /// `VpnRouteCounts`; items without `RouteEntryType` or `RouteCount` are left out.
    public var routeCounts: [VpnRouteCount]
    /// `RequestId`, for provenance; each entry carries it too.
    public var requestId: String?
    /// Where the response was read; for one connection, the totals and counts read from the
    /// greatest location win.
    public var location: InputLocation
}

/// What a page says besides its entries, for an accumulator that took the entries one by one
/// (`VpnRoutesReader.read(body:location:warnings:each:)`).
struct VpnPageTotals {
    var totalCount: Int64?
    var pageNumber: Int64?
    var pageSize: Int64?
    var routeCounts: [VpnRouteCount] = []
    var requestId: String?
    var location: InputLocation
    /// The entries read.
    var entryCount = 0
    /// `wrappedLists` when `VcoRouteEntries` is an object around the list (`{"VcoRouteEntry": […]}`).
    var listTraits: ShapeTraits = []
    /// The connection and entry type of the first entry: those of the page's query.
    var first: (connectionId: String, entryType: String)?

    init(totalCount: Int64?, pageNumber: Int64?, pageSize: Int64?, requestId: String?, location: InputLocation) {
        self.totalCount = totalCount
        self.pageNumber = pageNumber
        self.pageSize = pageSize
        self.requestId = requestId
        self.location = location
    }
}

extension VpnRoutePage {
    /// What the page says besides its entries.
    var totals: VpnPageTotals {
        var totals = VpnPageTotals(
            totalCount: totalCount, pageNumber: pageNumber, pageSize: pageSize, requestId: requestId, location: location)
        totals.routeCounts = routeCounts
        totals.entryCount = entries.count
        totals.first = entries.first.map { ($0.connectionId, $0.entryType) }
        return totals
    }
}

/// One route entry of an IPsec-VPN connection.
public struct VpnRouteEntry: Sendable {
    /// `VpnConnectionId`; entries without one are left out.
    public var connectionId: String
    /// `RouteDest` as written.
    public var routeDest: String
    /// `RouteDest` normalised, or nil when it is not a CIDR (then kept as written, with a warning).
    public var cidr: CIDR?
    /// `NextHop`: with `entryType`, tells apart parallel routes to one CIDR.
    public var nextHop: String?
    /// `Weight`.
    public var weight: Int64?
    /// `State`, as written.
    public var state: String?
    /// `RouteEntryType`, lower-cased; `custom` when missing (the API's default).
    public var entryType: String
    /// `CreateTime` (Unix ms, or text read as UTC when it has no offset); nil when unreadable. The
    /// graph writes it as ISO 8601 text, made for the copy of an entry that is kept only: an
    /// archive of daily snapshots reads each entry many times, and a text for each copy was an
    /// allocation, a rendering and a release of its own.
    public var createdAt: Timestamp?
    /// `AsPath`, BGP routes only.
    public var asPath: String?
    /// `Community`, BGP routes only.
    public var community: String?
    /// `Source` (`CLOUD`, `VPN_BGP`); named `routeSource` because `source` is the edge tail in
    /// every format.
    public var routeSource: String?
    /// `NextHopTunnelIdList` (dual-tunnel connections), deduplicated and sorted.
    public var tunnels: [String]
    /// The `RequestId` of the page the entry came from, for provenance.
    public var requestId: String?
    /// Where the page was read; of entries with one edge key, the one from the greatest location is
    /// kept.
    public var location: InputLocation

    /// The canonical id of the destination node.
    var cidrNodeId: String { "cidr:" + (cidr?.text ?? routeDest) }

    /// The edge key of DESIGN.md: entry type and next hop.
    var edgeKey: String { entryType + "|" + (nextHop ?? "") }
}

/// `VpnRouteCounts`: how many entries of a type a dual-tunnel connection has.
public struct VpnRouteCount: Sendable {
    /// `RouteEntryType`, lower-cased to match `VpnRouteEntry.entryType`.
    public var entryType: String
    /// `RouteCount`: entries of this type the connection has.
    public var count: Int64
    /// `Source`.
    public var source: String?
}
