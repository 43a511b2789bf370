/// Reads a `DescribeVcoRouteEntries` response body into a `VpnRoutePage`, in any shape.
///
/// One per thread: it keeps the texts of the last entry read, which the next entry mostly repeats
/// (`RepeatedText`).
struct VpnRoutesReader {
    private var connections = RepeatedText()
    private var destinations = RepeatedText()
    private var nextHops = RepeatedText()
    private var states = RepeatedText()
    private var entryTypes = RepeatedText()
    private var sources = RepeatedText()
    private var tunnels = RepeatedStrings()
    private let pageKeys = ObjectKeys<PageKey>()
    private let entryKeys = ObjectKeys<EntryKey>()
    private let countKeys = ObjectKeys<CountKey>()
    /// The last entry type read and its lower case.
    private var lastEntryType: (read: String, lowered: String)?

    /// Reads a page with its entries.
    mutating func read(body: Element, location: InputLocation, warnings: inout [ConversionWarning]) -> VpnRoutePage {
        var entries: [VpnRouteEntry] = []
        let totals = read(body: body, location: location, warnings: &warnings) { entries.append($0) }
        return VpnRoutePage(
            totalCount: totals.totalCount,
            pageNumber: totals.pageNumber,
            pageSize: totals.pageSize,
            entries: entries,
            routeCounts: totals.routeCounts,
            requestId: totals.requestId,
            location: location)
    }

    /// Reads a page, handing each entry to `take` as it is read (an accumulator takes it in
    /// without the page's array), and gives the rest of what the page says.
    mutating func read(body: Element, location: InputLocation, warnings: inout [ConversionWarning],
                       each take: (consuming VpnRouteEntry) -> Void) -> VpnPageTotals {
        let page = body.lookUp(pageKeys)
        let requestId = page[.requestId]?.trimmedText
        var totals = VpnPageTotals(
            totalCount: page[.totalCount]?.int64, pageNumber: page[.pageNumber]?.int64, pageSize: page[.pageSize]?.int64,
            requestId: requestId, location: location)
        let list = page[.vcoRouteEntries]
        if list?.isObject == true { totals.listTraits = .wrappedLists }
        let items = list?.items(wrappedAs: ["VcoRouteEntrie", "VcoRouteEntry"]) ?? []
        for (i, item) in items.enumerated() {
            guard item.isObject else {
                warnings.append(ConversionWarning(location: location, message: "route entry \(i + 1) is not an object; left out"))
                continue
            }
            let fields = item.lookUp(entryKeys)
            guard let connection = connections.trimmedText(of: fields[.vpnConnectionId]) else {
                warnings.append(ConversionWarning(location: location, message: "route entry \(i + 1) has no VpnConnectionId; left out"))
                continue
            }
            guard let dest = destinations.trimmedText(of: fields[.routeDest]) else {
                warnings.append(ConversionWarning(location: location, message: "route entry \(i + 1) of \(connection) has no RouteDest; left out"))
                continue
            }
            let cidr = CIDR(dest)
            if cidr == nil {
                warnings.append(ConversionWarning(location: location, message: "RouteDest \"\(dest)\" of \(connection) is not a CIDR; kept as written"))
            }
            var created: Timestamp?
            if let t = fields[.createTime], !t.isEmptyValue {
                if let ms = t.int64 {
                    created = Timestamp(millisecondsSinceEpoch: ms)
                } else if let text = t.trimmedText {
                    created = Timestamp(parsing: text, defaultOffsetSeconds: 0)
                }
            }
            let entry = VpnRouteEntry(
                connectionId: connection,
                routeDest: dest,
                cidr: cidr,
                nextHop: nextHops.trimmedText(of: fields[.nextHop]),
                weight: fields[.weight]?.int64,
                state: states.trimmedText(of: fields[.state]),
                entryType: entryType(fields[.routeEntryType]),
                createdAt: created,
                asPath: fields[.asPath]?.trimmedText,
                community: fields[.community]?.trimmedText,
                routeSource: sources.trimmedText(of: fields[.source]),
                tunnels: fields[.nextHopTunnelIdList].map { tunnels.uniqueSortedStrings(of: $0, wrappedAs: ["NextHopTunnelId", "TunnelId"]) } ?? [],
                requestId: requestId,
                location: location)
            if totals.entryCount == 0 { totals.first = (entry.connectionId, entry.entryType) }
            totals.entryCount += 1
            take(entry)
        }
        totals.routeCounts = (page[.vpnRouteCounts]?.items(wrappedAs: ["VpnRouteCount"]) ?? []).compactMap { item -> VpnRouteCount? in
            let fields = item.lookUp(countKeys)
            guard let type = fields[.routeEntryType]?.trimmedText?.lowercased(), let count = fields[.routeCount]?.int64 else { return nil }
            return VpnRouteCount(entryType: type, count: count, source: fields[.source]?.trimmedText)
        }
        return totals
    }

    /// `RouteEntryType` in lower case, `custom` when missing (the API's default).
    private mutating func entryType(_ value: Element?) -> String {
        guard let read = entryTypes.trimmedText(of: value) else { return "custom" }
        // Compared as bytes: equal Strings may differ in form, and lower-case to different bytes.
        // A repeated text is the very String read last (`RepeatedText`), told by its two words
        // before any byte is compared.
        if let last = lastEntryType,
           unsafeBitCast(last.read, to: (UInt64, UInt64).self) == unsafeBitCast(read, to: (UInt64, UInt64).self)
            || last.read.utf8.elementsEqual(read.utf8) {
            return last.lowered
        }
        let lowered = read.lowercased()
        lastEntryType = (read, lowered)
        return lowered
    }
}

/// The members of a page read.
private enum PageKey: Int, ObjectKeySet {
    case requestId, vcoRouteEntries, vpnRouteCounts, totalCount, pageNumber, pageSize
}

/// The members of a route entry read.
private enum EntryKey: Int, ObjectKeySet {
    case vpnConnectionId, routeDest, nextHop, weight, state, routeEntryType, createTime, asPath, community, source
    case nextHopTunnelIdList
}

/// The members of a `VpnRouteCounts` item read.
private enum CountKey: Int, ObjectKeySet {
    case routeEntryType, routeCount, source
}
