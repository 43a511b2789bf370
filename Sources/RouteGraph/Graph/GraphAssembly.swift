/// Nodes and edges keyed by identity while a graph is put together: a node or edge seen again
/// takes the newer attributes over the older ones, attribute by attribute.
struct GraphAssembly {
    var nodes: [String: Node] = [:]
    var edges: [EdgeIdentity: Edge] = [:]

    mutating func mergeNode(id: String, kind: NodeKind, attributes: Attributes) {
        if nodes[id] == nil {
            nodes[id] = Node(id: id, kind: kind, attributes: attributes)
        } else {
            nodes[id]!.attributes.overlay(attributes)
        }
    }

    mutating func mergeEdge(_ edge: Edge) {
        let identity = edge.identity
        if edges[identity] == nil {
            edges[identity] = edge
        } else {
            edges[identity]!.attributes.overlay(edge.attributes)
        }
    }

    /// The nodes and edges of one winning route snapshot.
    mutating func add(_ route: GatewayRoute) {
        let gatewayId = "gateway:" + route.gatewayUniqueId
        var gateway = Attributes()
        gateway.set(.gatewayUniqueId, route.gatewayUniqueId)
        gateway.set(.gatewayId, route.gatewayId)
        mergeNode(id: gatewayId, kind: .gateway, attributes: gateway)

        let routeNode = "route:\(route.gatewayUniqueId):\(route.routeId)"
        var r = Attributes()
        r.set(.routeId, route.routeId)
        r.set(.name, route.name)
        r.set(.status, route.status)
        r.set(.statusName, route.status.map(RouteStatus.name(of:)) ?? (route.hasUnrecognisedStatus ? "unknown" : nil))
        r.set(.routeOrder, route.routeOrder)
        r.set(.pathMatch, route.pathMatch)
        r.set(.pathMatchType, route.pathMatchType)
        r.set(.ignoreCase, route.ignoreCase)
        r.set(.methods, route.methods.isEmpty ? nil : route.methods.joined(separator: ","))
        r.set(.destinationType, route.destinationType)
        r.set(.enableWaf, route.enableWaf)
        r.set(.fallback, route.fallback)
        r.set(.createdAt, route.createdAt?.iso8601)
        r.set(.modifiedAt, route.modifiedAt?.iso8601)
        r.set(.description, route.description)
        r.set(.input, route.location.description)
        r.set(.requestId, route.requestId)
        mergeNode(id: routeNode, kind: .route, attributes: r)
        mergeEdge(Edge(source: gatewayId, target: routeNode, kind: .hasRoute))

        func service(_ info: GatewayRoute.ServiceInfo) -> String {
            let id = "service:\(route.gatewayUniqueId):\(info.serviceId)"
            var s = Attributes()
            s.set(.serviceId, info.serviceId)
            s.set(.name, info.name)
            s.set(.namespace, info.namespace)
            s.set(.group, info.group)
            s.set(.sourceType, info.sourceType)
            s.set(.protocol, info.protocol)
            s.set(.port, info.port)
            s.set(.healthStatus, info.healthStatus)
            s.set(.unhealthyEndpoints, info.unhealthyEndpoints.map { $0.joined(separator: ",") })
            mergeNode(id: id, kind: .service, attributes: s)
            return id
        }
        for target in route.services {
            var e = Attributes()
            e.set(.percent, target.percent)
            e.set(.version, target.version)
            mergeEdge(Edge(source: routeNode, target: service(target.service), kind: .routesTo, attributes: e))
        }
        if let info = route.defaultService {
            mergeEdge(Edge(source: routeNode, target: service(info), kind: .defaultsTo))
        }
        for target in route.fallbackServices {
            var e = Attributes()
            e.set(.percent, target.percent)
            e.set(.version, target.version)
            mergeEdge(Edge(source: routeNode, target: service(target.service), kind: .fallsBackTo, attributes: e))
        }
        if let mirror = route.mirror {
            var e = Attributes()
            e.set(.percentage, mirror.percentage)
            e.set(.port, mirror.port)
            mergeEdge(Edge(source: routeNode, target: service(mirror.service), kind: .mirrorsTo, attributes: e))
        }
        for domain in route.domains {
            let id = "domain:" + domain.name.lowercased()
            var d = Attributes()
            d.set(.name, domain.name)
            d.set(.domainId, domain.domainId)
            mergeNode(id: id, kind: .domain, attributes: d)
            mergeEdge(Edge(source: routeNode, target: id, kind: .serves))
        }
    }

    /// The nodes and edges of one VPN route entry.
    mutating func add(_ entry: VpnRouteEntry) {
        let connection = "ipsec:" + entry.connectionId
        var c = Attributes()
        c.set(.connectionId, entry.connectionId)
        mergeNode(id: connection, kind: .ipsec, attributes: c)

        let cidrId = entry.cidrNodeId
        var n = Attributes()
        if let cidr = entry.cidr {
            n.set(.cidr, cidr.text)
            n.set(.family, Int64(cidr.family))
            n.set(.prefixLength, Int64(cidr.prefixLength))
        } else {
            n.set(.cidr, entry.routeDest)
        }
        mergeNode(id: cidrId, kind: .cidr, attributes: n)

        var e = Attributes()
        e.set(.entryType, entry.entryType)
        e.set(.nextHop, entry.nextHop)
        e.set(.weight, entry.weight)
        e.set(.state, entry.state)
        e.set(.routeSource, entry.routeSource)
        e.set(.asPath, entry.asPath)
        e.set(.community, entry.community)
        e.set(.createdAt, entry.createdAt?.iso8601)
        e.set(.input, entry.location.description)
        e.set(.requestId, entry.requestId)
        mergeEdge(Edge(source: connection, target: cidrId, kind: .routes, key: entry.edgeKey, attributes: e))

        for tunnel in entry.tunnels {
            let tunnelId = "tunnel:" + tunnel
            var t = Attributes()
            t.set(.tunnelId, tunnel)
            mergeNode(id: tunnelId, kind: .tunnel, attributes: t)
            mergeEdge(Edge(source: connection, target: tunnelId, kind: .hasTunnel))
            var h = Attributes()
            h.set(.entryType, entry.entryType)
            mergeEdge(Edge(source: tunnelId, target: cidrId, kind: .nextHopFor, key: entry.edgeKey, attributes: h))
        }
    }
}
