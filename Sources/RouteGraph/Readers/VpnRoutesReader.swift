/// Reads a `DescribeVcoRouteEntries` response body into a `VpnRoutePage`, in any shape.
struct VpnRoutesReader {
    func read(body: Element, location: InputLocation, warnings: inout [ConversionWarning]) -> VpnRoutePage {
        let requestId = body["RequestId"]?.trimmedText
        var entries: [VpnRouteEntry] = []
        let items = body["VcoRouteEntries"]?.items(wrappedAs: ["VcoRouteEntrie", "VcoRouteEntry"]) ?? []
        for (i, item) in items.enumerated() {
            guard item.isObject else {
                warnings.append(ConversionWarning(location: location, message: "route entry \(i + 1) is not an object; left out"))
                continue
            }
            guard let connection = item["VpnConnectionId"]?.trimmedText else {
                warnings.append(ConversionWarning(location: location, message: "route entry \(i + 1) has no VpnConnectionId; left out"))
                continue
            }
            guard let dest = item["RouteDest"]?.trimmedText else {
                warnings.append(ConversionWarning(location: location, message: "route entry \(i + 1) of \(connection) has no RouteDest; left out"))
                continue
            }
            let cidr = CIDR(dest)
            if cidr == nil {
                warnings.append(ConversionWarning(location: location, message: "RouteDest \"\(dest)\" of \(connection) is not a CIDR; kept as written"))
            }
            var created: Timestamp?
            if let t = item["CreateTime"], !t.isEmptyValue {
                if let ms = t.int64 {
                    created = Timestamp(millisecondsSinceEpoch: ms)
                } else if let text = t.trimmedText {
                    created = Timestamp(parsing: text, defaultOffsetSeconds: 0)
                }
            }
            entries.append(VpnRouteEntry(
                connectionId: connection,
                routeDest: dest,
                cidr: cidr,
                nextHop: item["NextHop"]?.trimmedText,
                weight: item["Weight"]?.int64,
                state: item["State"]?.trimmedText,
                entryType: item["RouteEntryType"]?.trimmedText?.lowercased() ?? "custom",
                createdAt: created?.iso8601,
                asPath: item["AsPath"]?.trimmedText,
                community: item["Community"]?.trimmedText,
                routeSource: item["Source"]?.trimmedText,
                tunnels: item["NextHopTunnelIdList"]?.uniqueSortedStrings(wrappedAs: ["NextHopTunnelId", "TunnelId"]) ?? [],
                requestId: requestId,
                location: location))
        }
        let counts = (body["VpnRouteCounts"]?.items(wrappedAs: ["VpnRouteCount"]) ?? []).compactMap { item -> VpnRouteCount? in
            guard let type = item["RouteEntryType"]?.trimmedText?.lowercased(), let count = item["RouteCount"]?.int64 else { return nil }
            return VpnRouteCount(entryType: type, count: count, source: item["Source"]?.trimmedText)
        }
        return VpnRoutePage(
            totalCount: body["TotalCount"]?.int64,
            pageNumber: body["PageNumber"]?.int64,
            pageSize: body["PageSize"]?.int64,
            entries: entries,
            routeCounts: counts,
            requestId: requestId,
            location: location)
    }
}
