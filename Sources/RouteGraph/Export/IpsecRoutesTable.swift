internal import CGNUExtras

/// `ipsec-routes.csv`: one row per IPsec route entry (a `ROUTES` edge). `tunnels` lists the
/// connection's tunnels that are next hop for the entry (`NEXT_HOP_FOR` edges with the entry's key
/// from tunnels the connection has). Columns are documented in `Schemas/ipsec-routes.row.schema.json`.
enum IpsecRoutesTable: FlatTable {
    static let fileName = "ipsec-routes.csv"

    static let columns = [
        "connection", "cidr", "entryType", "nextHop", "tunnels", "weight", "state", "routeSource", "asPath",
        "community", "createdAt",
    ]

    /// The columns after `tunnels`, each an attribute of the entry.
    private static let trailingAttributes: [Attribute] = [.weight, .state, .routeSource, .asPath, .community, .createdAt]

    /// A tunnel of the connection being written: its name and the edges from it.
    private struct Tunnel {
        let name: IdText.Cut
        let edges: Range<Int>
    }

    static func rows(_ index: PackedGraphIndex, perPiece: Int) -> FlatTableRows {
        let graph = index.graph
        let (nodes, edges) = (graph.nodes, graph.edges)
        let pieceCount = (edges.count + perPiece - 1) / perPiece
        // Each cidr node's `cidr`, found once, in node order: looked up per entry, it was three
        // reads one after another (node, its attributes, the value) at places all over the graph,
        // most of this table's time.
        var cidrs = [PackedAttribute?](repeating: nil, count: nodes.count)
        for n in nodes.indices where nodes[n].kind == .cidr { cidrs[n] = graph.value(.cidr, in: nodes[n].attributes) }
        // The entries' cidrs are all over the graph, each read a cache miss: loaded ahead as the
        // edge writers load their targets' texts (`EdgeTargetPrefetch`), the slot twice the
        // distance ahead and the value once (its slot loaded by then).
        let cidrSlots = cidrs, distance = EdgeTargetPrefetch.distance
        @inline(__always) func prefetchCidr(ahead e: Int, _ end: Int) {
            if e + 2 * distance < end, case let node = edges[e + 2 * distance].targetNode, node >= 0 {
                cidrSlots.withUnsafeBufferPointer { rg_prefetch($0.baseAddress! + Int(node)) }
            }
            if e + distance < end, case let node = edges[e + distance].targetNode, node >= 0,
                let cidr = cidrSlots[Int(node)], cidr.tag == .string
            {
                graph.prefetchText(cidr.span)
            }
        }
        return FlatTableRows(pieceCount: pieceCount) { piece, lines in
            var tunnels: [Tunnel] = [], hops: [Int] = []
            let stop = min(edges.count, (piece + 1) * perPiece)
            var start = piece * perPiece
            // Edges are sorted by source, so each connection's edges are one run, written by the
            // piece it starts in: its tunnels are looked up once per connection, not per entry.
            while start > 0 && start < stop && index.sameText(edges[start].source, edges[start - 1].source) { start += 1 }
            while start < stop {
                var end = start + 1
                while end < edges.count && index.sameText(edges[end].source, edges[start].source) { end += 1 }
                defer { start = end }
                guard (start..<end).contains(where: { edges[$0].kind == .routes }) else { continue }
                tunnels.removeAll(keepingCapacity: true)
                for has in start..<end where edges[has].kind == .hasTunnel {
                    let id = graph.text(edges[has].target)
                    tunnels.append(Tunnel(
                        name: IdText.droppingFirst(NodeKind.tunnel.idPrefix.count, of: id),
                        edges: index.edgeRange(from: id, node: edges[has].targetNode)))
                }
                let connection = IdText.droppingFirst(NodeKind.ipsec.idPrefix.count, of: graph.text(edges[start].source))
                for e in start..<end where edges[e].kind == .routes {
                    prefetchCidr(ahead: e, end)
                    let entry = edges[e]
                    hops.removeAll(keepingCapacity: true)
                    for t in tunnels.indices where isNextHop(e, from: tunnels[t].edges, in: index) { hops.append(t) }
                    lines.field(connection)
                    // A node without a `cidr` is written as a missing node is.
                    if entry.targetNode >= 0, let cidr = cidrs[Int(entry.targetNode)] {
                        lines.field(cidr, of: graph)
                    } else {
                        lines.field(IdText.droppingFirst(NodeKind.cidr.idPrefix.count, of: graph.text(entry.target)))
                    }
                    lines.field(graph.value(.entryType, in: entry.attributes), of: graph)
                    lines.field(graph.value(.nextHop, in: entry.attributes), of: graph)
                    lines.joinedField(hops.count) { i, out in tunnels[hops[i]].name.append(to: &out) }
                    for attribute in trailingAttributes { lines.field(graph.value(attribute, in: entry.attributes), of: graph) }
                    lines.endLine()
                }
            }
        }
    }

    /// Whether one of the tunnel's edges `range` is a `NEXT_HOP_FOR` edge for `entry`: to the
    /// entry's CIDR, with its key. The tunnel's edges are sorted by target, so the search starts
    /// at the first edge to that CIDR.
    private static func isNextHop(_ entry: Int, from range: Range<Int>, in index: PackedGraphIndex) -> Bool {
        let graph = index.graph
        let edges = graph.edges
        let target = edges[entry]
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let mid = (low + high) / 2
            if compareTargets(edges[mid], target, in: graph) < 0 { low = mid + 1 } else { high = mid }
        }
        while low < range.upperBound && compareTargets(edges[low], target, in: graph) == 0 {
            if edges[low].kind == .nextHopFor && sameKey(edges[low].key, edges[entry].key, in: graph) { return true }
            low += 1
        }
        return false
    }

    /// The order of two edges' targets: of their node indices where both are nodes, as the nodes
    /// are in the order of their ids (and no two have one id), which reads no text; else of the
    /// texts.
    @inline(__always)
    private static func compareTargets(_ a: PackedEdge, _ b: PackedEdge, in graph: PackedGraph) -> Int {
        if a.targetNode >= 0 && b.targetNode >= 0 { return a.targetNode < b.targetNode ? -1 : a.targetNode == b.targetNode ? 0 : 1 }
        return ByteOrder.compare(graph.text(a.target), graph.text(b.target))
    }

    /// Whether two keys are the same `String`: the same bytes, or, for text that is not all ASCII,
    /// canonically equivalent (as `String`'s `==` has it).
    private static func sameKey(_ a: ByteSpan, _ b: ByteSpan, in graph: PackedGraph) -> Bool {
        let (x, y) = (graph.text(a), graph.text(b))
        if ByteOrder.compare(x, y) == 0 { return true }
        if IdText.isASCII(x) && IdText.isASCII(y) { return false }
        return String(decoding: x, as: UTF8.self) == String(decoding: y, as: UTF8.self)
    }
}
