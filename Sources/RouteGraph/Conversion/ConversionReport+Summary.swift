/// The human summary written to stderr after a conversion.
extension ConversionReport {
    /// A few lines: what was read, by API and shape; what was skipped and why; warnings; the graph.
    /// - Parameter detailLimit: how many rejections and warnings to list one by one.
    public func summary(graph: RouteGraph?, detailLimit: Int = 10) -> String {
        summary(counts: graph.map(GraphCounts.init), detailLimit: detailLimit)
    }

    /// The summary, with the graph's counts given rather than the graph.
    public func summary(counts: GraphCounts?, detailLimit: Int = 10) -> String {
        var lines: [String] = []
        lines.append("routegraph: \(documents) input\(documents == 1 ? "" : "s") read, \(converted) converted, \(rejected) skipped")
        let (byAPI, byShape) = (byAPI, byShape)
        for api in byAPI.keys.sorted() { lines.append("  \(api): \(byAPI[api]!)") }
        for shape in byShape.keys.sorted() { lines.append("  shape \(shape): \(byShape[shape]!)") }
        lines.append("  records: \(gatewayRouteRecords) gateway routes (\(supersededSnapshots) older snapshots superseded), \(vpnEntryRecords) VPN route entries")
        if !rejections.isEmpty {
            let byCode = rejectedByCode.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", ")
            lines.append("skipped: \(byCode)")
            for r in rejections.prefix(detailLimit) { lines.append("  \(r.location): \(r.reason)") }
            if rejections.count > detailLimit { lines.append("  … and \(rejections.count - detailLimit) more (see --report)") }
        }
        if !warnings.isEmpty {
            lines.append("warnings: \(warnings.count)")
            for w in warnings.prefix(detailLimit) { lines.append("  \(w.location?.description ?? "graph"): \(w.message)") }
            if warnings.count > detailLimit { lines.append("  … and \(warnings.count - detailLimit) more (see --report)") }
        }
        if let graph = counts {
            let nodes = graph.nodes.filter { $0.value > 0 }.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", ")
            let edges = graph.edges.filter { $0.value > 0 }.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", ")
            lines.append("graph: \(graph.nodeTotal) nodes (\(nodes)), \(graph.edgeTotal) edges (\(edges))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
