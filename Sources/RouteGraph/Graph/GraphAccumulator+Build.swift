import Synchronization

extension GraphAccumulator {
    /// Builds the canonical graph, with warnings about what the records leave open (pages
    /// missing, values kept as written), sorted so they too are deterministic.
    ///
    /// Consuming: the records are let go as they become nodes and edges, so they and the graph are
    /// not all held at the peak. Route and VPN records make disjoint sets of nodes and edges, so
    /// the two halves are assembled at the same time.
    public consuming func build() -> (graph: RouteGraph, warnings: [ConversionWarning]) {
        let (assembled, warnings) = assemble()
        return (assembled.graph(), warnings)
    }

    /// Builds the canonical graph as `build()` does, but for its last step: the nodes in their
    /// order, the edges still where the two halves made them (see `AssembledGraph`).
    consuming func assemble() -> (graph: AssembledGraph, warnings: [ConversionWarning]) {
        // The snapshots are built (if any are still pending), sorted and let go on the route
        // half's thread, not before the halves start.
        let routeHandover = Mutex<GraphAccumulator?>(self.takeRoutes())
        // Handed over, not captured, so the VPN half can let the entries go before it sorts. The
        // mutex holds the only copy: a second one would make the VPN half's first write copy
        // every entry, and free the originals here, after both halves.
        let handover = Mutex<[VpnEntryTable.Part]?>(self.entries.takeParts())
        let completeness = self
        // The VPN half is often done long before the route half (a directory of single
        // responses): its thread then makes ahead what each route needs that depends on the route
        // alone.
        let routePreparations = PreparedAhead<RoutePreparation>()
        let (route, (vpn, unsortedWarnings)) = Parallel.both({
            var held = routeHandover.withLock { $0.take() } ?? GraphAccumulator()
            let routes = held.takeBuiltRoutes()
            var builder = GraphAssembly()
            // Most routes make a route node, a service or domain or two, and an edge to each.
            builder.reserve(nodes: 2 * routes.count, edges: 3 * routes.count)
            // Oldest first: a node mentioned by several routes takes each attribute from the latest.
            let order = Self.ageOrder(of: routes)
            // The helper also lets each route go once added: freeing a route's strings and
            // arrays was an eighth of this loop's thread, which the other one waits for.
            let hashKey = builder.nodeHashKey
            routePreparations.publish(count: order.count, make: { routes[Int(order[$0])].withRoute { RoutePreparation($0, hashKey: hashKey) } },
                                      passed: { routes[Int(order[$0])].release() })
            // How many routes ahead the nodes' slots, their records and their elements are
            // prefetched, each step reading what the one before loaded: a lookup that waits on
            // memory was most of a node lookup's time, and lookups a third of this loop's.
            let ahead: [(distance: Int, depth: NodeTable.PrefetchDepth)] = [(16, .slot), (8, .record), (4, .node)]
            for (position, i) in order.enumerated() {
                for (distance, depth) in ahead {
                    routePreparations.peek(position + distance) { builder.prefetchNodes($0.pointee.nodeHashes, depth: depth) }
                }
                // Lent, not passed: a preparation held by a constant (the helper's, or one bound
                // by `if let`) was copied into the call, each of its strings and lists retained
                // here and released when the original went, on the thread that had made them.
                var prepared = routePreparations.take(position) ?? routes[Int(i)].withRoute { RoutePreparation($0) }
                routes[Int(i)].withRoute { route in builder.add(route, prepared: &prepared) }
                // Let go here while no helper follows (at 1 GB it is busy with the VPN half
                // throughout): held to the end, the routes raised the peak of building.
                if !routePreparations.isFollowed { routes[Int(i)].release() }
            }
            // Now, not when this half is sorted: the helper lets the last routes go only once it
            // knows the loop is done, and the halves join once it has.
            routePreparations.finish()
            // Consumed, so `sorted` holds the only reference to the tables it moves out of; with a
            // second one, its first write would copy every node or edge (and retain each).
            return (consume builder).sorted()
        }, {
            var builder = GraphAssembly()
            let collected = Self.add(handover.withLock { $0.take() } ?? [], to: &builder)
            // The nodes that take completeness attributes are made now where no entry made them,
            // to be sorted with the rest; their attributes are made beside the sort and set after
            // it. Made before it, they were most of the time this half ran alone at 1 GB, while
            // the route half's thread was done.
            let connections = completeness.completenessConnections()
            let connectionNodes = connections.map { builder.node(kind: .ipsec, suffix: $0).index }
            let ((sorted, nodeRank), (attributes, warnings)) = Parallel.alongside(
                {
                    var sorting = GraphAssembly()
                    swap(&sorting, &builder)
                    return (consume sorting).sortedAndRanked()
                }, { completeness.completeness(of: connections, collected: collected) })
            var assembly = sorted
            // In the order of the nodes, which lie in it: in the order of the connections, each
            // was a cache miss.
            let places = connectionNodes.indices.map { (place: nodeRank[Int(connectionNodes[$0])], connection: $0) }.sorted { $0.place < $1.place }
            assembly.nodes.withUnsafeMutableBufferPointer { nodes in
                for (place, i) in places { nodes[Int(place)].attributes.overlay(attributes[i]) }
            }
            routePreparations.help()
            return (assembly, warnings)
        })
        let warnings = unsortedWarnings.sorted()
        // The halves let their records go as they finished: tens of thousands of small blocks
        // (route snapshots) that the allocator keeps for a while, and the large arrays the merge
        // makes next were made beside them, not in them (15-20 MB of the directory's peak).
        ReleasedMemory.returnToSystem()
        // The halves share no node, so no edge either: merged, they are the graph.
        return (SortedAssembly.merged(consume route, consume vpn), warnings)
    }

    /// Indices of `routes` oldest first, as `GatewayRoute.isNewer(than:)` orders them: by
    /// `modifiedAt`, then location, then index. Times are often equal to the second (a console
    /// saves many routes at once), so locations decide much of the order: their inputs are ranked
    /// once, and the sort compares integers only. A conversion ranked its inputs as it found them
    /// (`InputOrder`); routes added without a rank have theirs ranked here (`InputRanks`).
    static func ageOrder(of routes: [BuiltRoute]) -> [Int32] {
        let inputRank: (Int) -> Int32
        if routes.allSatisfy({ $0.inputRank != nil }) {
            inputRank = { routes[$0].inputRank! }
        } else {
            var inputs = InputRanks()
            let ids = routes.map { inputs.id(of: $0.route.location.input) }
            let ranks = inputs.ranks()
            inputRank = { ranks[Int(ids[$0])] }
        }
        var keyed: [(modified: Int64, input: Int32, line: Int, index: Int32)] = []
        keyed.reserveCapacity(routes.count)
        for (i, built) in routes.enumerated() {
            keyed.append((built.route.modifiedAt?.millisecondsSinceEpoch ?? Int64.min, inputRank(i),
                          built.route.location.line ?? 0, Int32(i)))
        }
        keyed.sort { a, b in
            if a.modified != b.modified { return a.modified < b.modified }
            if a.input != b.input { return a.input < b.input }
            if a.line != b.line { return a.line < b.line }
            return a.index < b.index
        }
        return keyed.map(\.index)
    }

    /// Adds the entries in location order and returns how many entries were collected for each
    /// connection and entry type. One page's entries come one after another, so they are counted
    /// by runs, not looked up one by one. The entries stay, in the builder's `entries`, as the
    /// attributes of their `ROUTES` edges.
    private static func add(_ parts: consuming [VpnEntryTable.Part], to builder: inout GraphAssembly) -> [PageGroupKey: Int64] {
        guard parts.contains(where: { !$0.entries.isEmpty }) else { return [:] }
        var collected: [PageGroupKey: Int64] = [:]
        var run: (group: PageGroupKey, count: Int64)?
        let order = locationOrder(of: parts)
        // Each entry gives at most a ROUTES edge and an edge from and to each tunnel; its cidr node
        // is most often shared, and connections and tunnels are few.
        var tunnels = 0
        for position in order { tunnels += parts[Int(position.part)].entries[Int(position.index)].tunnels.count }
        builder.reserve(nodes: order.count, edges: order.count + 2 * tunnels)
        // The parts' segments, adopted whole, in order: entry numbers are each part's first
        // plus the index.
        var store = VpnEntryStore()
        var firsts: [Int] = []
        for p in parts.indices {
            firsts.append(store.count)
            for segment in parts[p].entries.takeSegments() { _ = store.adopt(segment) }
        }
        // Each cidr node's hash is made this many entries ahead, its slot in the node table
        // loaded then and its record (the id the lookup compares) half as many ahead: the table is
        // mostly not in the cache, and a lookup that waits on memory is most of an entry's time.
        // Hashed once, the text is not hashed again by the lookup.
        let (slotAhead, recordAhead) = (16, 8)
        var hashes = [UInt64?](repeating: nil, count: slotAhead)
        store.withEntries { entries in
            func number(at k: Int) -> Int32 { Int32(firsts[Int(order[k].part)] + Int(order[k].index)) }
            func hashAhead(_ k: Int) {
                guard k < order.count else { return }
                let hash = builder.cidrHash(of: entries.entry(number(at: k)))
                hashes[k % slotAhead] = hash
                if let hash { builder.prefetchNode(hash: hash, depth: .slot) }
            }
            for k in 0..<slotAhead { hashAhead(k) }
            for k in order.indices {
                let hash = hashes[k % slotAhead]
                hashAhead(k + slotAhead)
                if k + recordAhead < order.count, let ahead = hashes[(k + recordAhead) % slotAhead] {
                    builder.prefetchNode(hash: ahead, depth: .record)
                }
                let number = number(at: k)
                let entry = entries.entry(number)
                builder.add(entry, number: number, cidrHash: hash)
                if let current = run, current.group.connectionId == entry.pointee.connectionId, current.group.entryType == entry.pointee.entryType {
                    run?.count += 1
                } else {
                    if let run { collected[run.group, default: 0] += run.count }
                    run = (PageGroupKey(connectionId: entry.pointee.connectionId, entryType: entry.pointee.entryType), 1)
                }
            }
        }
        if let run { collected[run.group, default: 0] += run.count }
        builder.entries = store
        return collected
    }

    /// Positions of the entries still held (not superseded), in the order of their locations.
    /// Locations are compared as integers: each input's rank among the inputs, then the line.
    private static func locationOrder(of parts: [VpnEntryTable.Part]) -> [(part: UInt32, index: UInt32)] {
        var inputs = InputRanks()
        var keyed: [(input: Int32, part: UInt32, line: Int, index: UInt32)] = []
        keyed.reserveCapacity(parts.reduce(0) { $0 + $1.entries.count })
        for (p, part) in parts.enumerated() {
            var held = [Bool](repeating: true, count: part.entries.count)
            for i in part.superseded { held[Int(i)] = false }
            for (i, entry) in part.entries.enumerated() where held[i] {
                let location = entry.location
                keyed.append((inputs.id(of: location.input), UInt32(p), location.line ?? 0, UInt32(i)))
            }
        }
        let inputRank = inputs.ranks()
        // Ties are the entries of one page: whatever node or edge two of them share, they give it
        // the same attributes, so their order changes nothing in the graph.
        if keyed.allSatisfy({ $0.line >= 0 && $0.line <= Int(UInt32.max) }) {
            // Rank and line in one integer, sorted without a comparison (this sort is on the
            // thread every other one waits for at 1 GB).
            var items = [RadixSort.Item]()
            items.reserveCapacity(keyed.count)
            for (i, k) in keyed.enumerated() {
                items.append(RadixSort.Item(key: UInt64(UInt32(bitPattern: inputRank[Int(k.input)])) << 32 | UInt64(k.line), index: UInt32(i)))
            }
            return RadixSort.sortedIndices(items).map { (keyed[Int($0)].part, keyed[Int($0)].index) }
        }
        keyed.sort { a, b in
            let ra = inputRank[Int(a.input)], rb = inputRank[Int(b.input)]
            return ra != rb ? ra < rb : a.line < b.line
        }
        return keyed.map { ($0.part, $0.index) }
    }

    /// How many missing page numbers a warning names; it counts the rest.
    static let missingPagesListed = 20

    /// The connections that take completeness attributes: each with a page group or latest
    /// route counts, once.
    private func completenessConnections() -> [String] {
        var seen = Set<String>()
        seen.reserveCapacity(pageGroups.count + routeCounts.count)
        var connections: [String] = []
        for key in pageGroups.keys where seen.insert(key.connectionId).inserted { connections.append(key.connectionId) }
        for connection in routeCounts.keys where seen.insert(connection).inserted { connections.append(connection) }
        return connections
    }

    /// The completeness attributes of each of `connections` (`completenessConnections()`), in
    /// their order, and warnings for the page groups short of their total. Reads the records
    /// only, so it runs beside the sort of the VPN half.
    private func completeness(of connections: [String], collected collectedByGroup: [PageGroupKey: Int64])
        -> (attributes: [Attributes], warnings: [ConversionWarning])
    {
        var warnings: [ConversionWarning] = []
        var perConnection: [String: ConnectionCompleteness] = [:]
        perConnection.reserveCapacity(pageGroups.count)
        // In any order: each group adds to sums and sets its own type's total, and the warnings
        // are sorted afterwards (equal warnings are equal in every field).
        for (key, group) in pageGroups {
            let collected = collectedByGroup[key] ?? 0
            perConnection[key.connectionId, default: ConnectionCompleteness()].add(group, of: key.entryType, collected: collected)
            guard let declared = group.totalCount, collected < declared else { continue }
            var message = "connection \(key.connectionId), \(key.entryType) entries: \(collected) of \(declared) collected (TotalCount \(declared))"
            if group.regularPages, group.pageSize > 0 {
                // Rounded up without `declared + pageSize - 1`, which a TotalCount near the
                // largest integer would overflow.
                let pages = declared / group.pageSize + (declared % group.pageSize == 0 ? 0 : 1)
                let missing = pages - group.pageNumbers.count(upTo: pages)
                if missing > 0 {
                    // The first few by number: a wrong TotalCount can make the rest billions.
                    var listed: [Int64] = []
                    var page: Int64 = 1
                    while listed.count < Self.missingPagesListed, page <= pages {
                        if !group.pageNumbers.contains(page) { listed.append(page) }
                        page += 1
                    }
                    let rest = missing - Int64(listed.count)
                    message += "; missing page\(missing == 1 ? "" : "s") \(listed.map(String.init).joined(separator: ", "))"
                        + (rest > 0 ? " and \(rest) more" : "") + " of \(pages) (PageSize \(group.pageSize))"
                }
            }
            warnings.append(ConversionWarning(location: group.totalLocation, message: message))
        }
        // What its pages declared and then its latest route counts: the two set different
        // attributes, so one overlay of both is the two one after the other.
        let attributes = connections.map { connection in
            var attributes = perConnection[connection]?.attributes ?? Attributes()
            if let latest = routeCounts[connection] { Self.addRouteCounts(latest, of: connection, to: &attributes) }
            return attributes
        }
        return (attributes, warnings)
    }

    /// Sets the attributes of a connection's latest route counts.
    private static func addRouteCounts(_ latest: LatestCounts, of connection: String, to attributes: inout Attributes) {
        attributes.set(.connectionId, connection)
        var custom: Int64?, bgp: Int64?
        for count in latest.counts {
            switch count.entryType {
            case "custom": custom = (custom ?? 0).addingSaturated(count.count)
            case "bgp": bgp = (bgp ?? 0).addingSaturated(count.count)
            default: break
            }
        }
        attributes.set(.customRoutes, custom)
        attributes.set(.bgpRoutes, bgp)
    }
}

/// What the pages of one connection declared, over its entry types, against what was collected.
private struct ConnectionCompleteness {
    var declared: Int64?
    var collected: Int64 = 0
    var complete: Bool?
    /// The declared totals of the two types the graph has attributes for. Per type as well,
    /// because pages of one type may be read in different shards and only the latest page's
    /// TotalCount counts: `routegraph merge` needs them apart.
    var customTotal: Int64?, bgpTotal: Int64?

    mutating func add(_ group: GraphAccumulator.PageGroup, of entryType: String, collected: Int64) {
        self.collected += collected
        guard let total = group.totalCount else { return }
        declared = (declared ?? 0).addingSaturated(total)
        switch entryType {
        case "custom": customTotal = total
        case "bgp": bgpTotal = total
        default: break
        }
        complete = (complete ?? true) && collected >= total
    }

    var attributes: Attributes {
        var attributes = Attributes()
        attributes.set(.declaredTotal, declared)
        attributes.set(.customTotal, customTotal)
        attributes.set(.bgpTotal, bgpTotal)
        attributes.set(.collected, collected)
        attributes.set(.complete, complete)
        return attributes
    }
}
