/// The VPN edges of packed fragments (`PackedFragmentEdges`) merged by the rules of
/// `FragmentMerge.mergeVPNEdges`, without making them Swift values: the fragments' edges are
/// walked together in canonical order, and of each identity one version is chosen where it lies.
/// Versions that differ (rare: a `ROUTES` entry read again in another shard, or a fragment edited
/// by hand) are made Swift edges and settled by the same code as a Swift merge's.
struct PackedVPNMerge {
    /// Where a chosen edge lies: its fragment, and its place there.
    struct Place {
        var run: Int32
        var index: Int32
    }

    /// The edges taken as they are, in canonical order.
    private(set) var chosen: [Place] = []
    /// The edges settled from differing versions, in canonical order; they join the Swift side.
    private(set) var settled: [Edge] = []
    /// Per connection id, its merged `ROUTES` edges by entry type, as `mergeVPNEdges` gives them.
    private(set) var collected: [String: [String: Int64]] = [:]

    init(_ runs: [PackedFragmentEdges]) {
        let views = runs.map(\.view)
        func text(_ run: Int, _ span: ByteSpan) -> UnsafeBufferPointer<UInt8> { views[run].text(span) }
        func edge(_ place: SortedRuns<PackedEdge>.Place) -> PackedEdge { views[place.run].edges[place.index] }
        var connection: (id: String, counts: [String: Int64])?
        func count(source: () -> UnsafeBufferPointer<UInt8>, type: () -> String) {
            if let current = connection, !ByteOrder.sameUTF8(current.id, source()) {
                collected[current.id] = current.counts
                connection = nil
            }
            if connection == nil { connection = (String(decoding: source(), as: UTF8.self), [:]) }
            connection!.counts[type(), default: 0] += 1
        }
        SortedRuns<PackedEdge>.walk(
            counts: runs.map(\.edges.count),
            by: { a, b in
                PackedFragmentEdges.compare(edge(a), { text(a.run, $0) }, edge(b), { text(b.run, $0) }) < 0
            }
        ) { group in
            let first = group[0]
            let kind = edge(first).kind
            if group.count == 1 || group.dropFirst().allSatisfy({ Self.identical(views, first, $0) }) {
                // One version, or several of one content: the first is what settling would give.
                chosen.append(Place(run: Int32(first.run), index: Int32(first.index)))
                if kind == .routes {
                    let taken = edge(first)
                    count(source: { text(first.run, taken.source) }, type: { Self.entryType(views[first.run], first.index) })
                }
                return
            }
            let versions = group.map { views[$0.run].edge(at: $0.index) }
            let settledEdge: Edge
            if kind != .routes {
                settledEdge = ContentOrder.overlaid(versions)
            } else {
                let locations = group.map { place in
                    runs[place.run].locations[Int(runs[place.run].locationIndices[place.index])]
                }
                settledEdge = FragmentMerge.latestReading(versions, at: locations)
                count(source: { text(first.run, edge(first).source) }, type: { FragmentMerge.entryType(of: settledEdge) })
            }
            settled.append(settledEdge)
        }
        if let current = connection { collected[current.id] = current.counts }
    }

    /// Whether two versions of one edge have the same attributes, value for value.
    private static func identical(_ views: [PackedFragmentView], _ a: SortedRuns<PackedEdge>.Place, _ b: SortedRuns<PackedEdge>.Place) -> Bool {
        let x = views[a.run].attributes(ofEdge: a.index), y = views[b.run].attributes(ofEdge: b.index)
        guard x.count == y.count else { return false }
        for (u, v) in zip(x, y) {
            guard u.attribute == v.attribute, u.tag == v.tag else { return false }
            if u.tag == .string {
                guard ByteOrder.same(views[a.run].text(u.span), views[b.run].text(v.span)) else { return false }
            } else if u.payload != v.payload {
                return false
            }
        }
        return true
    }

    /// `FragmentMerge.entryType(of:)` for a packed edge.
    private static func entryType(_ view: PackedFragmentView, _ i: Int) -> String {
        for value in view.attributes(ofEdge: i) where value.attribute == .entryType && value.tag == .string {
            return String(decoding: view.text(value.span), as: UTF8.self)
        }
        return PackedFragmentEdges.entryType(key: view.text(view.edges[i].key))
    }
}
