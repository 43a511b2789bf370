@testable import RouteGraph

/// The flat tables as they were written before they read the packed graph: from `RouteGraph`'s
/// `String`s through `GraphIndex` and dictionaries keyed by id. Kept as the reference the packed
/// writers must match byte for byte.
enum StringFlatTables {
    static func render<Table: FlatTable>(_ table: Table.Type, _ graph: RouteGraph, encoding: CSVEncoding) -> String {
        let sink = MemorySink()
        var lines = CSVLines(encoding: encoding)
        lines.fields(Table.columns)
        lines.endLine()
        if table == GatewayRoutesTable.self {
            try? gatewayRows(graph, into: &lines, flushingTo: sink)
        } else {
            try? ipsecRows(graph, into: &lines, flushingTo: sink)
        }
        try? lines.finish(into: sink)
        return sink.text
    }

    static func gatewayRows<Sink: TextSink>(_ graph: RouteGraph, into lines: inout CSVLines, flushingTo sink: Sink)
        throws(OutputError)
    {
        let index = GraphIndex(graph)
        let (nodes, edges) = (index.nodes, index.edges)
        var gatewayOfRoute: [String: String] = [:]
        for i in edges.indices where edges[i].kind == .hasRoute {
            gatewayOfRoute[edges[i].target] = String(edges[i].source.dropFirst(NodeKind.gateway.idPrefix.count))
        }
        let label = { (id: String) in index.nodeIndex(id).map { nodes[$0].label } ?? GatewayRoutesTable.idWithoutPrefix(id) }
        for r in nodes.indices where nodes[r].kind == .route {
            let route = nodes[r]
            let a = route.attributes
            // The route's edges are one run (edges are sorted by source), read once for every column.
            var domains: [String] = [], fallbacks: [String] = [], targets: [Int] = []
            var defaultService: Int?, mirror: Int?
            for e in index.edgeRange(from: route.id) {
                switch edges[e].kind {
                case .serves: domains.append(label(edges[e].target))
                case .fallsBackTo: fallbacks.append(label(edges[e].target))
                case .mirrorsTo: if mirror == nil { mirror = e }
                case .defaultsTo: if defaultService == nil { defaultService = e }
                case .routesTo: targets.append(e)
                default: break
                }
            }
            let gateway = gatewayOfRoute[route.id] ?? GatewayRoutesTable.gateway(ofScopedId: route.id, kind: .route)
            let domainList = domains.joined(separator: ";")
            let routeFieldsBefore = { (lines: inout CSVLines) in
                lines.field(gateway)
                lines.field(a[.routeId])
                lines.field(a[.name])
                lines.field(a[.statusName])
                lines.field(domainList)
                lines.field(a[.pathMatch])
                lines.field(a[.methods])
            }
            let after: [String?] = [
                defaultService.map { label(edges[$0].target) }, fallbacks.joined(separator: ";"),
                mirror.map { label(edges[$0].target) }, mirror.flatMap { edges[$0].attributes[.percentage]?.text },
                a[.createdAt]?.text, a[.modifiedAt]?.text,
            ]
            if targets.isEmpty {
                routeFieldsBefore(&lines)
                for _ in 0..<4 { lines.field(nil as String?) }
                for field in after { lines.field(field) }
                lines.endLine()
            }
            for e in targets {
                let target = edges[e].target
                let service = index.nodeIndex(target)
                routeFieldsBefore(&lines)
                if let id = service.flatMap({ nodes[$0].attributes[.serviceId] }) {
                    lines.field(id)
                } else {
                    lines.field(GatewayRoutesTable.idWithoutPrefix(target).split(separator: ":").last.map(String.init))
                }
                lines.field(service.flatMap { nodes[$0].attributes[.name] })
                lines.field(edges[e].attributes[.percent])
                lines.field(edges[e].attributes[.version])
                for field in after { lines.field(field) }
                lines.endLine()
            }
            try lines.flushIfFull(into: sink)
        }
    }

    private static let trailingAttributes: [Attribute] = [.weight, .state, .routeSource, .asPath, .community, .createdAt]

    static func ipsecRows<Sink: TextSink>(_ graph: RouteGraph, into lines: inout CSVLines, flushingTo sink: Sink)
        throws(OutputError)
    {
        let index = GraphIndex(graph)
        // Through buffer pointers: nodes and edges are read in place, never copied.
        try index.nodes.withUnsafeBufferPointer { nodes throws(OutputError) in
            try index.edges.withUnsafeBufferPointer { edges throws(OutputError) in
                try emitRows(index, nodes, edges, into: &lines, flushingTo: sink)
            }
        }
    }

    private static func emitRows<Sink: TextSink>(
        _ index: GraphIndex, _ nodes: UnsafeBufferPointer<Node>, _ edges: UnsafeBufferPointer<Edge>,
        into lines: inout CSVLines, flushingTo sink: Sink
    ) throws(OutputError) {
        // The `cidr` of every node that has one, by id: a binary search per entry touched a
        // dozen scattered node ids, a cache miss each, and was half the table's time on a large
        // graph. A node without the attribute is written as a missing node is.
        var cidrOfNode: [String: AttributeValue] = [:]
        for i in nodes.indices {
            if let cidr = nodes[i].attributes[.cidr] { cidrOfNode[nodes[i].id] = cidr }
        }
        // Edges are sorted by source, so each connection's edges are one run: its tunnels are
        // looked up once per connection, not once per route entry.
        var start = 0
        while start < edges.count {
            var end = start + 1
            while end < edges.count && ByteOrder.compare(edges[end].source, edges[start].source) == 0 { end += 1 }
            defer { start = end }
            guard (start..<end).contains(where: { edges[$0].kind == .routes }) else { continue }
            let tunnels = (start..<end).filter { edges[$0].kind == .hasTunnel }.map { has in
                (
                    name: String(edges[has].target.dropFirst(NodeKind.tunnel.idPrefix.count)),
                    edges: index.edgeRange(from: edges[has].target)
                )
            }
            let connection = String(edges[start].source.dropFirst(NodeKind.ipsec.idPrefix.count))
            // Entries of one connection mostly go through the same tunnels: the joined list is
            // made once per distinct set.
            var joined: (set: [Bool], text: String) = ([], "")
            var set: [Bool] = []
            for e in start..<end where edges[e].kind == .routes {
                set.removeAll(keepingCapacity: true)
                for tunnel in tunnels { set.append(isNextHop(e, from: tunnel.edges, in: edges)) }
                if set != joined.set {
                    joined = (set, zip(tunnels, set).compactMap { $1 ? $0.name : nil }.joined(separator: ";"))
                }
                lines.field(connection)
                if let cidr = cidrOfNode[edges[e].target] {
                    lines.field(cidr)
                } else {
                    lines.field(String(edges[e].target.dropFirst(NodeKind.cidr.idPrefix.count)))
                }
                lines.field(edges[e].attributes[.entryType])
                lines.field(edges[e].attributes[.nextHop])
                lines.field(joined.text)
                for attribute in trailingAttributes { lines.field(edges[e].attributes[attribute]) }
                lines.endLine()
                try lines.flushIfFull(into: sink)
            }
        }
    }

    /// Whether one of the tunnel's edges `range` is a `NEXT_HOP_FOR` edge for `entry`: to the
    /// entry's CIDR, with its key. The tunnel's edges are sorted by target, so the search starts
    /// at the first edge to that CIDR.
    private static func isNextHop(_ entry: Int, from range: Range<Int>, in edges: UnsafeBufferPointer<Edge>) -> Bool {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let mid = (low + high) / 2
            if ByteOrder.compare(edges[mid].target, edges[entry].target) < 0 { low = mid + 1 } else { high = mid }
        }
        while low < range.upperBound && ByteOrder.compare(edges[low].target, edges[entry].target) == 0 {
            if edges[low].kind == .nextHopFor && edges[low].key == edges[entry].key { return true }
            low += 1
        }
        return false
    }
}
