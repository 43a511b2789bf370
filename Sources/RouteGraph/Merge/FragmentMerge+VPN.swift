extension FragmentMerge {
    /// IPsec connections, tunnels and CIDRs: a union, each `ROUTES` edge from its latest reading,
    /// and each connection's counts recomputed from the merged entries.
    static func mergeVPN(_ indexes: [FragmentIndex], nodes: inout [Node], edges: inout [Edge]) -> [ConversionWarning] {
        var routes: [EdgeIdentity: (edge: Edge, location: InputLocation)] = [:]
        var others: [EdgeIdentity: [Edge]] = [:]
        var vpnNodes: [String: [Node]] = [:]
        // Per fragment, per connection: where its latest page was read.
        var latest: [[String: LatestReadings]] = []
        for index in indexes {
            var readings: [String: LatestReadings] = [:]
            for (connection, edges) in index.vpnRoutes {
                var reading = LatestReadings()
                defer { readings[connection] = reading }
                for edge in edges {
                    let location = InputLocation(provenance: edge.attributes[.input])
                    reading.add(location, type: entryType(of: edge))
                    if let held = routes[edge.identity] {
                        let better =
                            held.location < location
                            || (held.location == location && !ContentOrder.identical(held.edge, edge)
                                && ContentOrder.precedes(held.edge, edge))
                        if !better { continue }
                    }
                    routes[edge.identity] = (edge, location)
                }
            }
            latest.append(readings)
            for edge in index.otherEdges { others[edge.identity, default: []].append(edge) }
            for node in index.nodes.values where node.kind == .ipsec || node.kind == .tunnel || node.kind == .cidr {
                vpnNodes[node.id, default: []].append(node)
            }
        }
        edges += routes.values.map(\.edge)
        // Versions of one tunnel, CIDR or NEXT_HOP_FOR edge agree; the content order only makes
        // the rare disagreement come out the same whatever the argument order.
        for versions in others.values { edges.append(ContentOrder.overlaid(versions)) }
        var mergedByConnection: [String: [Edge]] = [:]
        for (edge, _) in routes.values { mergedByConnection[edge.source, default: []].append(edge) }
        var warnings: [ConversionWarning] = []
        for (id, versions) in vpnNodes {
            var merged = ContentOrder.overlaid(versions)
            if merged.kind == .ipsec {
                warnings += recount(&merged, entries: mergedByConnection[id] ?? [], indexes: indexes, latest: latest)
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
    private static func recount(
        _ node: inout Node, entries: [Edge], indexes: [FragmentIndex], latest: [[String: LatestReadings]]
    ) -> [ConversionWarning] {
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
            for (index, readings) in zip(indexes, latest) {
                guard let version = index.nodes[node.id], let reading = readings[node.id],
                    let location = type.map({ reading.byType[$0] }) ?? reading.any
                else { continue }
                found.append((location, version))
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

/// Where a fragment read the latest `ROUTES` edges of one connection: of any entry type, and of each.
struct LatestReadings {
    var any: InputLocation?
    var byType: [String: InputLocation] = [:]

    mutating func add(_ location: InputLocation, type: String) {
        if any.map({ $0 < location }) ?? true { any = location }
        if byType[type].map({ $0 < location }) ?? true { byType[type] = location }
    }
}
