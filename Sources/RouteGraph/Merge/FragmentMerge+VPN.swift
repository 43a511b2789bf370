extension FragmentMerge {
    /// The VPN side's edges, IPsec connections' `ROUTES` to CIDRs, their tunnels and next hops: a
    /// union, each `ROUTES` edge from its latest reading. The fragments' runs are walked together
    /// in canonical order, so the edges come out in that order. `runs` are the fragments'
    /// `vpnEdges`, taken from `indexes` (`takeVPNEdges`) and held nowhere else, so that each merged
    /// edge is moved out of its fragment, not copied. Also gives, per connection id, how many
    /// merged `ROUTES` edges it has of each entry type, for `recountConnections`.
    static func mergeVPNEdges(_ indexes: [FragmentIndex], edges runs: consuming [[Edge]])
        -> (edges: [Edge], collected: [String: [String: Int64]])
    {
        var edges: [Edge] = []
        edges.reserveCapacity(runs.map(\.count).max() ?? 0)
        var collected: [String: [String: Int64]] = [:]
        var connection: (id: String, counts: [String: Int64])?
        SortedRuns(consume runs, by: { Edge.precedes($0, $1) }).takeEachGroup(taking: Edge.take) { group, versions in
            let edge: Edge
            if group.count == 1 {
                edge = versions.removeLast()
            } else if versions[0].kind != .routes {
                // Versions of one tunnel or NEXT_HOP_FOR edge agree; the content order only makes
                // the rare disagreement come out the same whatever the argument order.
                edge = ContentOrder.overlaid(versions)
            } else {
                edge = latestReading(versions, at: group.map { indexes[$0.run].vpnLocations[$0.index]! })
            }
            if edge.kind == .routes {
                // Edges come by source, so one connection's entries are counted in one run.
                if let current = connection, current.id != edge.source { collected[current.id] = current.counts }
                if connection?.id != edge.source { connection = (edge.source, [:]) }
                connection!.counts[entryType(of: edge), default: 0] += 1
            }
            edges.append(edge)
        }
        if let current = connection { collected[current.id] = current.counts }
        return (edges, collected)
    }

    /// The VPN side's nodes, IPsec connections, tunnels and CIDRs: a union, the versions of one
    /// node laid over one another, in canonical order. The connections' counts are the fragments'
    /// until `recountConnections` sets them, so this walk needs no edge and runs beside theirs.
    static func mergeVPNNodes(_ indexes: [FragmentIndex]) -> [Node] {
        var nodes: [Node] = []
        SortedRuns(indexes.map(\.vpnNodes), by: { ByteOrder.precedes($0.pointee.id, $1.pointee.id) }).forEachGroup { group in
            nodes.append(
                group.count == 1
                    ? indexes[group[0].run].vpnNodes[group[0].index]
                    : ContentOrder.overlaid(group.map { indexes[$0.run].vpnNodes[$0.index] }))
        }
        return nodes
    }

    /// Sets every connection's counts in `nodes` from the merged `ROUTES` edges (`collected`, from
    /// `mergeVPNEdges`) and the fragments' latest readings, and says which fall short.
    static func recountConnections(
        _ nodes: inout [Node], collected: [String: [String: Int64]], indexes: [FragmentIndex]
    ) -> [ConversionWarning] {
        var warnings: [ConversionWarning] = []
        for i in nodes.indices where nodes[i].kind == .ipsec {
            warnings += recount(&nodes[i], collected: collected[nodes[i].id] ?? [:], indexes: indexes)
        }
        return warnings
    }

    /// Of the versions of one `ROUTES` edge, the one read latest (`locations`, one per version);
    /// of two read at one place (one fragment given twice), the later in content order.
    static func latestReading(_ versions: [Edge], at locations: [InputLocation]) -> Edge {
        var best = 0
        for other in versions.indices.dropFirst() {
            let better =
                locations[best] < locations[other]
                || (locations[best] == locations[other] && !ContentOrder.identical(versions[best], versions[other])
                    && ContentOrder.precedes(versions[best], versions[other]))
            if better { best = other }
        }
        return versions[best]
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
    private static func recount(_ node: inout Node, collected: [String: Int64], indexes: [FragmentIndex]) -> [ConversionWarning] {
        for attribute in [
            Attribute.customRoutes, .bgpRoutes, .declaredTotal, .customTotal, .bgpTotal, .collected, .complete,
        ] {
            node.attributes[attribute] = nil
        }
        let entryCount = collected.values.reduce(0, +)

        /// Fragments holding this connection, latest reading first, for entries of `type` (nil: any).
        func latestFirst(type: String?) -> [(location: InputLocation, node: Node)] {
            var found: [(location: InputLocation, node: Node)] = []
            for index in indexes {
                guard let version = index.node(node.id), let reading = index.latestReadings[node.id],
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
        node.attributes.set(.collected, entryCount == 0 ? nil : entryCount)
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

    /// Takes in every reading of `other`, as adding each of them would.
    mutating func add(_ other: LatestReadings) {
        if let location = other.any, any.map({ $0 < location }) ?? true { any = location }
        for (type, location) in other.byType where byType[type].map({ $0 < location }) ?? true { byType[type] = location }
    }
}
