import Synchronization

/// Collects records as they are read and builds the canonical graph from them.
///
/// It keeps only what the final graph can need: the winning snapshot of each route and one copy
/// of each VPN route entry, so memory grows with the graph, not with the archive. Every choice it
/// makes depends on the records' content and locations, never on the order they arrive in, so
/// accumulators filled on separate threads can be merged in any order with the same result.
public struct GraphAccumulator: Sendable {
    /// The winning snapshot of each route so far, built or not yet (`PendingRoute`).
    private var heldRoutes: [RouteKey: HeldRoute] = [:]
    var entries = VpnEntryTable()
    private(set) var pageGroups: [PageGroupKey: PageGroup] = [:]
    private(set) var routeCounts: [String: LatestCounts] = [:]
    /// Route snapshots that lost to a newer snapshot of the same route.
    public private(set) var supersededSnapshots = 0
    /// Route records and VPN entries taken in.
    public private(set) var gatewayRouteRecords = 0
    public private(set) var vpnEntryRecords = 0

    public init() {}

    /// Routes and entries held: merging copies the routes and looks up the entries of the side
    /// with fewer.
    var recordsHeld: Int { heldRoutes.count + entries.count }

    /// The winning snapshot of each route, built (those still pending, because
    /// `buildPendingRoutes` was not called, on parsers of this call's own), handed over by
    /// reference; this accumulator is left with none, and no snapshot is copied.
    mutating func takeBuiltRoutes() -> [BuiltRoute] {
        let depths = Set(heldRoutes.values.compactMap { if case .pending(let p) = $0 { p.maxDepth } else { nil } })
        for depth in depths.sorted() {
            buildPendingRoutes(parser: JSONParser(maxDepth: depth), reader: GatewayRouteReader(nestedParser: JSONParser(maxDepth: depth)))
        }
        var routes: [BuiltRoute] = []
        routes.reserveCapacity(heldRoutes.count)
        for case .built(let built) in heldRoutes.values { routes.append(built) }
        heldRoutes = [:]
        return routes
    }

    /// Moves the route snapshots into an accumulator of their own, leaving none here: the route
    /// half of building takes them to its own thread.
    mutating func takeRoutes() -> GraphAccumulator {
        var taken = GraphAccumulator()
        swap(&taken.heldRoutes, &heldRoutes)
        return taken
    }

    /// Builds the snapshots held as documents that were read by parsers as deep as `parser`
    /// (and the reader's nested parser); the readers' parsers are reused.
    mutating func buildPendingRoutes(parser: JSONParser, reader: GatewayRouteReader) {
        var reader = reader
        var index = heldRoutes.values.startIndex
        while index != heldRoutes.values.endIndex {
            if case .pending(let pending) = heldRoutes.values[index], pending.maxDepth == parser.maxDepth,
                let route = pending.build(parser: parser, reader: &reader)
            {
                heldRoutes.values[index] = .built(BuiltRoute(route, inputRank: pending.inputRank))
            }
            heldRoutes.values.formIndex(after: &index)
        }
    }

    struct PageGroupKey: Hashable, Sendable {
        var connectionId: String
        var entryType: String
    }

    /// What the pages of one connection and entry type declared.
    struct PageGroup: Sendable {
        var totalCount: Int64?
        var totalLocation: InputLocation?
        var pageSize: Int64 = 0
        var pageNumbers = PageNumbers()
        /// False once a page holds more entries than its page size says (aliyun --pager output),
        /// where page numbers no longer tell which pages are missing.
        var regularPages = true

        mutating func merge(_ other: PageGroup) {
            if let t = other.totalCount, let loc = other.totalLocation, totalLocation.map({ $0 < loc }) ?? true {
                totalCount = t
                totalLocation = loc
            }
            pageSize = max(pageSize, other.pageSize)
            pageNumbers.formUnion(other.pageNumbers)
            regularPages = regularPages && other.regularPages
        }
    }

    struct LatestCounts: Sendable {
        var counts: [VpnRouteCount]
        var location: InputLocation
    }

    /// Takes in one route snapshot; it replaces the one held only if it is newer (DESIGN.md).
    public mutating func add(_ route: consuming GatewayRoute) {
        add(route, inputRank: nil)
    }

    /// `add(_:)` with the rank of the route's input among the conversion's inputs (`InputOrder`),
    /// given for every route or for none. Consuming, so the route is moved into its box: lent,
    /// it was copied there (every string and array retained), and the reader's copy released.
    mutating func add(_ route: consuming GatewayRoute, inputRank: Int32?) {
        gatewayRouteRecords += 1
        let key = route.key
        keep(.built(BuiltRoute(route, inputRank: inputRank)), as: key)
    }

    /// Counts a route snapshot that lost to a newer one of the same route before reaching the
    /// accumulator (`SnapshotRun`), as `offer` would have counted it.
    mutating func countSupersededSnapshot() {
        gatewayRouteRecords += 1
        supersededSnapshots += 1
    }

    /// Takes in one route snapshot not built yet, as `add(_: GatewayRoute)` takes a built one:
    /// `pending` makes it only when it wins over the snapshot held, and the route is looked up once.
    mutating func offer(_ key: RouteKey, modifiedAt: Timestamp?, location: InputLocation, pending: () -> PendingRoute) {
        gatewayRouteRecords += 1
        guard let index = heldRoutes.index(forKey: key) else {
            heldRoutes[key] = .pending(pending())
            return
        }
        supersededSnapshots += 1
        let held = heldRoutes.values[index]
        if GatewayRoute.isNewer(modifiedAt, location, than: held.modifiedAt, held.location) {
            heldRoutes.values[index] = .pending(pending())
        }
    }

    /// The snapshot rule in one place: of two snapshots of a route, the newer stays. One lookup
    /// either way: the route goes in as the default where the key is new.
    private mutating func keep(_ route: HeldRoute, as key: RouteKey) {
        Self.keep(route, as: key, in: &heldRoutes, superseded: &supersededSnapshots)
    }

    private static func keep(_ route: HeldRoute, as key: RouteKey, in held: inout [RouteKey: HeldRoute], superseded: inout Int) {
        // Set when the default is made, as the access to the key's value begins; read only
        // inside that access, through the closure.
        var isNew = false
        keepNewer(route, in: &held[key, default: { isNew = true; return route }()], superseded: &superseded) { isNew }
    }

    /// Replaces `held` by `route` if that is newer, counting the one of the two that goes; nothing
    /// where `held` is `route` itself, just put in as the key's default (`isNew`).
    private static func keepNewer(_ route: HeldRoute, in held: inout HeldRoute, superseded: inout Int, isNew: () -> Bool) {
        guard !isNew() else { return }
        superseded += 1
        if route.isNewer(than: held) { held = route }
    }

    /// The counts of a connection read at the greatest location stay.
    private mutating func keep(_ latest: LatestCounts, for connection: String) {
        if let held = routeCounts[connection], !(held.location < latest.location) { return }
        routeCounts[connection] = latest
    }

    /// Takes in one page of VPN route entries: a union over all pages and files.
    public mutating func add(_ page: VpnRoutePage) {
        for entry in page.entries { offer(entry) }
        add(page.totals)
    }

    /// Takes in one VPN route entry of a page, straight from its reader; the page's totals follow
    /// once all its entries are in (`add(_: VpnPageTotals)`).
    mutating func offer(_ entry: consuming VpnRouteEntry) {
        vpnEntryRecords += 1
        entries.keep(entry)
    }

    /// Takes in what a page whose entries were offered says besides them.
    mutating func add(_ page: VpnPageTotals) {
        guard let first = page.first else { return }
        var group = PageGroup()
        group.totalCount = page.totalCount
        group.totalLocation = page.totalCount == nil ? nil : page.location
        group.pageSize = page.pageSize ?? 0
        if let n = page.pageNumber { group.pageNumbers.insert(n) }
        group.regularPages = page.pageSize.map { Int64(page.entryCount) <= $0 } ?? false
        let key = PageGroupKey(connectionId: first.connectionId, entryType: first.entryType)
        pageGroups[key, default: PageGroup()].merge(group)
        if !page.routeCounts.isEmpty {
            keep(LatestCounts(counts: page.routeCounts, location: page.location), for: first.connectionId)
        }
    }

    /// Takes in everything another accumulator collected, as if its records had come here.
    ///
    /// The routes and the VPN entries are merged side by side, on two threads: the conversion
    /// merges its readers' accumulators while every other thread waits.
    public mutating func merge(_ other: consuming GraphAccumulator) {
        gatewayRouteRecords += other.gatewayRouteRecords
        vpnEntryRecords += other.vpnEntryRecords
        supersededSnapshots += other.supersededSnapshots
        // Handed over, not captured, and the fields emptied: a second reference to a table would
        // make its first write copy it whole.
        let routes = Mutex<(mine: [RouteKey: HeldRoute], theirs: [RouteKey: HeldRoute])?>((heldRoutes, other.heldRoutes))
        let tables = Mutex<(mine: VpnEntryTable, theirs: VpnEntryTable)?>((entries, other.entries))
        (heldRoutes, other.heldRoutes, entries, other.entries) = ([:], [:], VpnEntryTable(), VpnEntryTable())
        let ((merged, superseded), table) = Parallel.both({
            var (mine, theirs) = routes.withLock { $0.take()! }
            // Not reserved for the sum: snapshots of the same routes read by both threads are
            // mostly the same keys, and reserving rehashed the whole table for nothing (a third of
            // this merge at 1 GB).
            var superseded = 0
            for (key, route) in theirs { Self.keep(route, as: key, in: &mine, superseded: &superseded) }
            theirs = [:]
            return (mine, superseded)
        }, {
            var (mine, theirs) = tables.withLock { $0.take()! }
            // Consumed: the table takes the other's entry arrays over as they are.
            mine.merge(consume theirs)
            return mine
        })
        heldRoutes = merged
        supersededSnapshots += superseded
        entries = table
        for (key, group) in other.pageGroups { pageGroups[key, default: PageGroup()].merge(group) }
        for (connection, latest) in other.routeCounts { keep(latest, for: connection) }
    }
}
