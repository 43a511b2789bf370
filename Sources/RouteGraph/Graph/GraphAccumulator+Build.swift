extension GraphAccumulator {
    /// Builds the canonical graph, with warnings about what the records leave open (pages
    /// missing, values kept as written), sorted so they too are deterministic.
    public func build() -> (graph: RouteGraph, warnings: [ConversionWarning]) {
        var builder = GraphAssembly()
        // Oldest first: a node mentioned by several routes takes each attribute from the latest.
        let winners = routes.values.sorted { $1.isNewer(than: $0) }
        for route in winners { builder.add(route) }
        let sortedEntries = entries.values.sorted { $0.location < $1.location }
        for entry in sortedEntries { builder.add(entry) }
        let warnings = addCompleteness(to: &builder)
        // Each table is let go as soon as it is copied out, so the tables and the sorted graph are
        // not all held at the peak.
        let nodes = Array(builder.nodes.values)
        builder.nodes = [:]
        let edges = Array(builder.edges.values)
        builder.edges = [:]
        return (RouteGraph(nodes: nodes, edges: edges), warnings.sorted())
    }

    private func addCompleteness(to builder: inout GraphAssembly) -> [ConversionWarning] {
        var warnings: [ConversionWarning] = []
        var collectedByGroup: [PageGroupKey: Int64] = [:]
        for key in entries.keys {
            guard let entry = entries[key] else { continue }
            collectedByGroup[PageGroupKey(connectionId: key.connectionId, entryType: entry.entryType), default: 0] += 1
        }
        var perConnection: [String: (declared: Int64?, collected: Int64, complete: Bool?)] = [:]
        for (key, group) in pageGroups.sorted(by: { ($0.key.connectionId, $0.key.entryType) < ($1.key.connectionId, $1.key.entryType) }) {
            let collected = collectedByGroup[key] ?? 0
            var summary = perConnection[key.connectionId] ?? (nil, 0, nil)
            summary.collected += collected
            if let declared = group.totalCount {
                summary.declared = (summary.declared ?? 0) + declared
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
