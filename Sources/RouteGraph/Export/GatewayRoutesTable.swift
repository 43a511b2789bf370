/// `gateway-routes.csv`: one row per gateway route and target service (a `ROUTES_TO` edge), with the
/// route's facts repeated on each of its rows; a route with no target service still gets one row,
/// its service columns empty. Columns are documented in `Schemas/gateway-routes.row.schema.json`.
enum GatewayRoutesTable: FlatTable {
    static let fileName = "gateway-routes.csv"

    static let columns = [
        "gateway", "routeId", "routeName", "statusName", "domains", "pathMatch", "methods", "serviceId",
        "serviceName", "percent", "version", "defaultService", "fallbackServices", "mirror", "mirrorPercentage",
        "createdAt", "modifiedAt",
    ]

    static func emitRows<Sink: TextSink>(_ graph: RouteGraph, into lines: inout CSVLines, flushingTo sink: Sink)
        throws(OutputError)
    {
        let index = GraphIndex(graph)
        let (nodes, edges) = (index.nodes, index.edges)
        var gatewayOfRoute: [String: String] = [:]
        for i in edges.indices where edges[i].kind == .hasRoute {
            gatewayOfRoute[edges[i].target] = String(edges[i].source.dropFirst(NodeKind.gateway.idPrefix.count))
        }
        let label = { (id: String) in index.nodeIndex(id).map { nodes[$0].label } ?? Self.idWithoutPrefix(id) }
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
            let gateway = gatewayOfRoute[route.id] ?? Self.gateway(ofScopedId: route.id, kind: .route)
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
                    lines.field(Self.idWithoutPrefix(target).split(separator: ":").last.map(String.init))
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

    static func idWithoutPrefix(_ id: String) -> String {
        guard let colon = id.firstIndex(of: ":") else { return id }
        return String(id[id.index(after: colon)...])
    }

    /// The gateway part of `route:{GatewayUniqueId}:{Id}`, for a route no `HAS_ROUTE` edge names.
    static func gateway(ofScopedId id: String, kind: NodeKind) -> String? {
        let rest = id.dropFirst(kind.idPrefix.count)
        return rest.lastIndex(of: ":").map { String(rest[..<$0]) }
    }
}
