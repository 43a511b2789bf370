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

    static func rows(_ graph: RouteGraph) -> [[String?]] {
        let index = GraphIndex(graph)
        var gatewayOfRoute: [String: String] = [:]
        for edge in graph.edges where edge.kind == .hasRoute {
            gatewayOfRoute[edge.target] = String(edge.source.dropFirst(NodeKind.gateway.idPrefix.count))
        }
        let label = { (id: String) in graph.node(id: id)?.label ?? Self.idWithoutPrefix(id) }
        var rows: [[String?]] = []
        for route in graph.nodes where route.kind == .route {
            let a = route.attributes
            let domains = index.edges(from: route.id, .serves).map { label($0.target) }
            let fallbacks = index.edges(from: route.id, .fallsBackTo).map { label($0.target) }
            let mirror = index.edges(from: route.id, .mirrorsTo).first
            let routeFields: (before: [String?], after: [String?]) = (
                [
                    gatewayOfRoute[route.id] ?? Self.gateway(ofScopedId: route.id, kind: .route), a[.routeId]?.text,
                    a[.name]?.text, a[.statusName]?.text, domains.joined(separator: ";"), a[.pathMatch]?.text,
                    a[.methods]?.text,
                ],
                [
                    index.edges(from: route.id, .defaultsTo).first.map { label($0.target) },
                    fallbacks.joined(separator: ";"), mirror.map { label($0.target) },
                    mirror?.attributes[.percentage]?.text, a[.createdAt]?.text, a[.modifiedAt]?.text,
                ]
            )
            let targets = index.edges(from: route.id, .routesTo)
            if targets.isEmpty {
                rows.append(routeFields.before + [nil, nil, nil, nil] + routeFields.after)
            }
            for edge in targets {
                let service = graph.node(id: edge.target)
                let serviceFields: [String?] = [
                    service?.attributes[.serviceId]?.text
                        ?? Self.idWithoutPrefix(edge.target).split(separator: ":").last.map(String.init),
                    service?.attributes[.name]?.text, edge.attributes[.percent]?.text, edge.attributes[.version]?.text,
                ]
                rows.append(routeFields.before + serviceFields + routeFields.after)
            }
        }
        return rows
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
