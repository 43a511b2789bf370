extension FragmentMerge {
    /// IPsec connections, tunnels and CIDRs: a union, each `ROUTES` edge from its latest reading,
    /// and each connection's counts recomputed from the merged entries.
    static func mergeVPN(_ indexes: [FragmentIndex], nodes: inout [Node], edges: inout [Edge]) -> [ConversionWarning] {
        var routes: [EdgeIdentity: (edge: Edge, location: InputLocation)] = [:]
        var others: [EdgeIdentity: [Edge]] = [:]
        var vpnNodes: [String: [Node]] = [:]
        for index in indexes {
            for edges in index.vpnRoutes.values {
                for edge in edges {
                    let location = InputLocation(provenance: edge.attributes[.input])
                    if let held = routes[edge.identity] {
                        let better =
                            held.location < location
                            || (held.location == location && ContentOrder.precedes(held.edge, edge))
                        if !better { continue }
                    }
                    routes[edge.identity] = (edge, location)
                }
            }
            for edge in index.otherEdges { others[edge.identity, default: []].append(edge) }
            for node in index.nodes.values where node.kind == .ipsec || node.kind == .tunnel || node.kind == .cidr {
                vpnNodes[node.id, default: []].append(node)
            }
        }
        edges += routes.values.map(\.edge)
        // Versions of one tunnel, CIDR or NEXT_HOP_FOR edge agree; the content order only makes
        // the rare disagreement come out the same whatever the argument order.
        for versions in others.values {
            let sorted = versions.sorted(by: ContentOrder.precedes)
            var merged = sorted[0]
            for version in sorted.dropFirst() { merged.attributes.overlay(version.attributes) }
            edges.append(merged)
        }
        var mergedByConnection: [String: [Edge]] = [:]
        for (edge, _) in routes.values { mergedByConnection[edge.source, default: []].append(edge) }
        var warnings: [ConversionWarning] = []
        for (id, versions) in vpnNodes {
            let sorted = versions.sorted(by: ContentOrder.precedes)
            var merged = sorted[0]
            for version in sorted.dropFirst() { merged.attributes.overlay(version.attributes) }
            if merged.kind == .ipsec {
                warnings += recount(&merged, entries: mergedByConnection[id] ?? [], indexes: indexes)
            }
            nodes.append(merged)
        }
        return warnings
    }

    /// The entry type of a `ROUTES` edge: its attribute, or the part of its key before `|`.
    static func entryType(of edge: Edge) -> String {
        if case .string(let type)? = edge.attributes[.entryType] { return type }
        return String(edge.key.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// Sets a connection's counts as convert sets them from all pages: entries collected per type,
    /// each type's TotalCount from the latest page of that type, and the route counts from the
    /// latest page. A fragment's greatest `ROUTES` input for a connection and type is where its
    /// latest page of that type was read, so the fragment with the greatest one read the latest.
    private static func recount(_ node: inout Node, entries: [Edge], indexes: [FragmentIndex]) -> [ConversionWarning] {
        for attribute in [
            Attribute.customRoutes, .bgpRoutes, .declaredTotal, .customTotal, .bgpTotal, .collected, .complete,
        ] {
            node.attributes[attribute] = nil
        }
        var collected: [String: Int64] = [:]
        for edge in entries { collected[entryType(of: edge), default: 0] += 1 }

        /// Fragments holding this connection, latest reading first, for entries of `type` (nil: any).
        func latestFirst(type: String?) -> [(location: InputLocation, node: Node)] {
            var found: [(location: InputLocation, node: Node)] = []
            for index in indexes {
                guard let version = index.nodes[node.id] else { continue }
                let locations = (index.vpnRoutes[node.id] ?? []).filter { type == nil || entryType(of: $0) == type }
                    .map { InputLocation(provenance: $0.attributes[.input]) }
                guard let latest = locations.max() else { continue }
                found.append((latest, version))
            }
            return found.sorted { a, b in
                a.location != b.location ? b.location < a.location : ContentOrder.precedes(b.node, a.node)
            }
        }

        var declared: Int64?
        var complete: Bool?
        var warnings: [ConversionWarning] = []
        let totals: [(type: String, attribute: Attribute)] = [("custom", .customTotal), ("bgp", .bgpTotal)]
        for (type, attribute) in totals {
            guard let count = collected[type] else { continue }
            let source = latestFirst(type: type).first { $0.node.attributes[attribute] != nil }
            guard let source, case .integer(let total)? = source.node.attributes[attribute] else { continue }
            node.attributes[attribute] = .integer(total)
            declared = (declared ?? 0).addingSaturated(total)
            complete = (complete ?? true) && count >= total
            if count < total {
                let connection = String(node.id.dropFirst(NodeKind.ipsec.idPrefix.count))
                warnings.append(
                    ConversionWarning(
                        location: source.location,
                        message:
                            "connection \(connection), \(type) entries: \(count) of \(total) collected (TotalCount \(total))"
                    ))
            }
        }
        node.attributes.set(.declaredTotal, declared)
        node.attributes.set(.collected, entries.isEmpty ? nil : Int64(entries.count))
        node.attributes.set(.complete, complete)
        let counted = latestFirst(type: nil).first {
            $0.node.attributes[.customRoutes] != nil || $0.node.attributes[.bgpRoutes] != nil
        }
        if let counted {
            node.attributes[.customRoutes] = counted.node.attributes[.customRoutes]
            node.attributes[.bgpRoutes] = counted.node.attributes[.bgpRoutes]
        }
        return warnings
    }
}
