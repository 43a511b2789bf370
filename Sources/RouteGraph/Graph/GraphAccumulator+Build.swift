extension GraphAccumulator {
    /// Builds the canonical graph, with warnings about what the records leave open (pages
    /// missing, values kept as written), sorted so they too are deterministic.
    ///
    /// Consuming: the records are let go as they become nodes and edges, so they and the graph are
    /// not all held at the peak. Route and VPN records make disjoint sets of nodes and edges, so
    /// the two halves are assembled at the same time.
    public consuming func build() -> (graph: RouteGraph, warnings: [ConversionWarning]) {
        let collected = collectedByGroup()
        let routes = self.routes
        self.routes = [:]
        let entries = self.entries
        self.entries = [:]
        let completeness = self
        let (routeHalf, vpnHalf) = Parallel.both({
            var builder = GraphAssembly()
            // Oldest first: a node mentioned by several routes takes each attribute from the latest.
            for route in routes.values.sorted(by: { $1.isNewer(than: $0) }) { builder.add(route) }
            return builder
        }, {
            var builder = GraphAssembly()
            var sorted = entries.values.sorted { $0.location < $1.location }
            for entry in sorted { builder.add(entry) }
            sorted = []
            let warnings = completeness.addCompleteness(to: &builder, collected: collected)
            return (builder, warnings)
        })
        var (vpn, warnings) = vpnHalf
        var route = routeHalf
        let nodes = Array(route.nodes.values) + Array(vpn.nodes.values)
        route.nodes = [:]
        vpn.nodes = [:]
        let edges = Array(route.edges.values) + Array(vpn.edges.values)
        route.edges = [:]
        vpn.edges = [:]
        warnings.sort()
        return (RouteGraph(nodes: nodes, edges: edges), warnings)
    }

    /// Entries collected for each connection and entry type.
    private func collectedByGroup() -> [PageGroupKey: Int64] {
        var collected: [PageGroupKey: Int64] = [:]
        for (key, entry) in entries {
            collected[PageGroupKey(connectionId: key.connectionId, entryType: entry.entryType), default: 0] += 1
        }
        return collected
    }

    private func addCompleteness(to builder: inout GraphAssembly, collected collectedByGroup: [PageGroupKey: Int64]) -> [ConversionWarning] {
        var warnings: [ConversionWarning] = []
        var perConnection: [String: (declared: Int64?, collected: Int64, complete: Bool?, byType: [String: Int64])] = [:]
        for (key, group) in pageGroups.sorted(by: { ($0.key.connectionId, $0.key.entryType) < ($1.key.connectionId, $1.key.entryType) }) {
            let collected = collectedByGroup[key] ?? 0
            var summary = perConnection[key.connectionId] ?? (nil, 0, nil, [:])
            summary.collected += collected
            if let declared = group.totalCount {
                summary.declared = (summary.declared ?? 0) + declared
                summary.byType[key.entryType] = declared
                let complete = collected >= declared
                summary.complete = (summary.complete ?? true) && complete
                if !complete {
                    var message = "connection \(key.connectionId), \(key.entryType) entries: \(collected) of \(declared) collected (TotalCount \(declared))"
                    if group.regularPages, group.pageSize > 0 {
                        let pages = (declared + group.pageSize - 1) / group.pageSize
                        let missing = (1...max(pages, 1)).filter { !group.pageNumbers.contains($0) }
                        if !missing.isEmpty {
                            message += "; missing page\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(pages) (PageSize \(group.pageSize))"
                        }
                    }
                    warnings.append(ConversionWarning(location: group.totalLocation, message: message))
                }
            }
            perConnection[key.connectionId] = summary
        }
        for (connection, summary) in perConnection {
            var attributes = Attributes()
            attributes.set(.declaredTotal, summary.declared)
            // Per type as well, because pages of one type may be read in different shards and
            // only the latest page's TotalCount counts: `routegraph merge` needs them apart.
            attributes.set(.customTotal, summary.byType["custom"])
            attributes.set(.bgpTotal, summary.byType["bgp"])
            attributes.set(.collected, summary.collected)
            attributes.set(.complete, summary.complete)
            builder.mergeNode(id: "ipsec:" + connection, kind: .ipsec, attributes: attributes)
        }
        for (connection, latest) in routeCounts {
            var attributes = Attributes()
            attributes.set(.connectionId, connection)
            var byType: [String: Int64] = [:]
            for count in latest.counts { byType[count.entryType, default: 0] += count.count }
            attributes.set(.customRoutes, byType["custom"])
            attributes.set(.bgpRoutes, byType["bgp"])
            builder.mergeNode(id: "ipsec:" + connection, kind: .ipsec, attributes: attributes)
        }
        return warnings
    }
}
