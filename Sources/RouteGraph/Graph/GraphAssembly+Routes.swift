extension GraphAssembly {
    /// The nodes and edges of one winning route snapshot.
    mutating func add(_ route: GatewayRoute) {
        var prepared = RoutePreparation(route)
        add(route, prepared: &prepared)
    }

    /// `add(_:)` with what depends on the route alone made already; its node attributes are moved
    /// out of `prepared`.
    mutating func add(_ route: GatewayRoute, prepared: inout RoutePreparation) {
        // The hashes made ahead, in the order of the lookups below (`RoutePreparation`).
        let hashes = prepared.nodeHashes
        var lookup = 0
        func nextHash() -> UInt64? {
            defer { lookup += 1 }
            return hashes.hash(at: lookup)
        }
        let gateway = mergeNode(kind: .gateway, suffix: route.gatewayUniqueId, hash: nextHash()) { a in
            a.set(.gatewayUniqueId, route.gatewayUniqueId)
            a.set(.gatewayId, route.gatewayId)
        }

        // One snapshot per route wins, so its node is new and takes the attributes whole; an
        // overlay stays for a node made before, which only odd ids could give.
        let (routeNode, isNew) = node(kind: .route, suffix: prepared.routeSuffix, hash: nextHash())
        if isNew {
            swap(&nodes[Int(routeNode)].attributes, &prepared.nodeAttributes)
        } else {
            nodes[Int(routeNode)].attributes.overlay(prepared.nodeAttributes)
        }
        addEdge(from: gateway, to: routeNode, kind: .hasRoute)

        var services = prepared.serviceSuffixes.makeIterator()
        for target in route.services {
            let service = addService(target.service, suffix: services.next()!, hash: nextHash())
            addEdge(from: routeNode, to: service, kind: .routesTo, attributes: Self.share(target))
        }
        if let info = route.defaultService {
            addEdge(from: routeNode, to: addService(info, suffix: services.next()!, hash: nextHash()), kind: .defaultsTo)
        }
        for target in route.fallbackServices {
            let service = addService(target.service, suffix: services.next()!, hash: nextHash())
            addEdge(from: routeNode, to: service, kind: .fallsBackTo, attributes: Self.share(target))
        }
        if let mirror = route.mirror {
            var e = Attributes()
            e.set(.percentage, mirror.percentage)
            e.set(.port, mirror.port)
            addEdge(from: routeNode, to: addService(mirror.service, suffix: services.next()!, hash: nextHash()), kind: .mirrorsTo, attributes: e)
        }
        for (domain, suffix) in zip(route.domains, prepared.domainSuffixes) {
            let node = mergeNode(kind: .domain, suffix: suffix, hash: nextHash()) { d in
                d.set(.name, domain.name)
                d.set(.domainId, domain.domainId)
            }
            addEdge(from: routeNode, to: node, kind: .serves)
        }
    }

    /// Adds every attribute of the route's node (`add`, which skips `set`'s search: they are new).
    static func fill(_ r: inout Attributes, of route: GatewayRoute) {
        r.add(.routeId, route.routeId)
        r.add(.name, route.name)
        r.add(.status, route.status)
        r.add(.statusName, route.status.map(RouteStatus.name(of:)) ?? (route.hasUnrecognisedStatus ? "unknown" : nil))
        r.add(.routeOrder, route.routeOrder)
        r.add(.pathMatch, route.pathMatch)
        r.add(.pathMatchType, route.pathMatchType)
        r.add(.ignoreCase, route.ignoreCase)
        r.add(.methods, route.methods.isEmpty ? nil : route.methods.joined(separator: ","))
        r.add(.destinationType, route.destinationType)
        r.add(.enableWaf, route.enableWaf)
        r.add(.fallback, route.fallback)
        r.add(.createdAt, route.createdAt?.iso8601)
        r.add(.modifiedAt, route.modifiedAt?.iso8601)
        r.add(.description, route.description)
        r.add(.input, route.location.description)
        r.add(.requestId, route.requestId)
    }

    private static func share(_ target: GatewayRoute.ServiceTarget) -> Attributes {
        var e = Attributes()
        e.set(.percent, target.percent)
        e.set(.version, target.version)
        return e
    }

    private mutating func addService(_ info: GatewayRoute.ServiceInfo, suffix: String, hash: UInt64?) -> Int32 {
        mergeNode(kind: .service, suffix: suffix, capacity: 9, hash: hash) { s in
            s.set(.serviceId, info.serviceId)
            s.set(.name, info.name)
            s.set(.namespace, info.namespace)
            s.set(.group, info.group)
            s.set(.sourceType, info.sourceType)
            s.set(.protocol, info.protocol)
            s.set(.port, info.port)
            s.set(.healthStatus, info.healthStatus)
            s.set(.unhealthyEndpoints, info.unhealthyEndpoints.map { $0.joined(separator: ",") })
        }
    }
}
