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

    static func rows(_ index: PackedGraphIndex, perPiece: Int) -> FlatTableRows {
        let graph = index.graph
        let (nodes, edges) = (graph.nodes, graph.edges)
        // The `HAS_ROUTE` edge naming each route's gateway, by route node: the last in graph order
        // where there are several, as a dictionary filled in that order kept.
        var gatewayEdge = [Int32](repeating: -1, count: nodes.count)
        for e in edges.indices where edges[e].kind == .hasRoute && edges[e].targetNode >= 0 {
            gatewayEdge[Int(edges[e].targetNode)] = Int32(e)
        }
        let pieceCount = (nodes.count + perPiece - 1) / perPiece
        return FlatTableRows(pieceCount: pieceCount) { piece, lines in
            // A route's fields before and after its service's, made once and repeated on each of
            // its rows.
            var before = lines.fragment(), after = lines.fragment()
            var domains: [Int] = [], fallbacks: [Int] = [], targets: [Int] = []
            let first = piece * perPiece
            for r in first..<min(nodes.count, first + perPiece) where nodes[r].kind == .route {
                let route = nodes[r]
                let a = route.attributes
                // The route's edges are one run, read once for every column.
                domains.removeAll(keepingCapacity: true)
                fallbacks.removeAll(keepingCapacity: true)
                targets.removeAll(keepingCapacity: true)
                var defaultService: Int?, mirror: Int?
                for e in index.edgeRange(fromNode: r) {
                    switch edges[e].kind {
                    case .serves: domains.append(e)
                    case .fallsBackTo: fallbacks.append(e)
                    case .mirrorsTo: if mirror == nil { mirror = e }
                    case .defaultsTo: if defaultService == nil { defaultService = e }
                    case .routesTo: targets.append(e)
                    default: break
                    }
                }
                before.removeAll()
                let gateway = gatewayEdge[r]
                if gateway >= 0 {
                    before.field(IdText.droppingFirst(NodeKind.gateway.idPrefix.count, of: graph.text(edges[Int(gateway)].source)))
                } else {
                    before.field(IdText.scopeGateway(graph.text(route.id), kind: .route))
                }
                before.field(graph.value(.routeId, in: a), of: graph)
                before.field(graph.value(.name, in: a), of: graph)
                before.field(graph.value(.statusName, in: a), of: graph)
                before.joinedField(domains.count) { i, out in label(ofTargetOf: domains[i], in: graph).append(to: &out) }
                before.field(graph.value(.pathMatch, in: a), of: graph)
                before.field(graph.value(.methods, in: a), of: graph)

                after.removeAll()
                after.field(defaultService.map { label(ofTargetOf: $0, in: graph) } ?? .missing)
                after.joinedField(fallbacks.count) { i, out in label(ofTargetOf: fallbacks[i], in: graph).append(to: &out) }
                after.field(mirror.map { label(ofTargetOf: $0, in: graph) } ?? .missing)
                after.field(mirror.flatMap { graph.value(.percentage, in: edges[$0].attributes) }, of: graph)
                after.field(graph.value(.createdAt, in: a), of: graph)
                after.field(graph.value(.modifiedAt, in: a), of: graph)

                if targets.isEmpty {
                    lines.fields(of: before)
                    for _ in 0..<4 { lines.emptyField() }
                    lines.fields(of: after)
                    lines.endLine()
                }
                for e in targets {
                    let edge = edges[e]
                    let service = Int(edge.targetNode)
                    lines.fields(of: before)
                    if service >= 0, let id = graph.value(.serviceId, in: nodes[service].attributes) {
                        lines.field(id, of: graph)
                    } else {
                        lines.field(IdText.lastPart(graph.text(edge.target)))
                    }
                    lines.field(service >= 0 ? graph.value(.name, in: nodes[service].attributes) : nil, of: graph)
                    lines.field(graph.value(.percent, in: edge.attributes), of: graph)
                    lines.field(graph.value(.version, in: edge.attributes), of: graph)
                    lines.fields(of: after)
                    lines.endLine()
                }
            }
        }
    }

    /// The label of the node edge `e` goes to, or its id after the kind's prefix where the graph
    /// has no such node.
    private static func label(ofTargetOf e: Int, in graph: PackedGraph) -> IdText.Cut {
        let edge = graph.edges[e]
        if edge.targetNode >= 0 { return .bytes(graph.text(graph.nodes[Int(edge.targetNode)].label)) }
        return IdText.withoutPrefix(graph.text(edge.target))
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
