/// What adding a route needs that depends on the route alone: its node's attributes and the id
/// suffixes of its nodes. Made ahead, on the other thread, while building adds the routes before
/// it (`PreparedAhead`), or by `add` itself.
struct RoutePreparation {
    var nodeAttributes: Attributes
    var routeSuffix: String
    /// Of `route.services`, then the default service, the fallback services and the mirror, in
    /// that order: the order `add` meets them in.
    var serviceSuffixes: [String]
    /// Of `route.domains`, lower-cased.
    var domainSuffixes: [String]

    init(_ route: GatewayRoute) {
        nodeAttributes = Attributes(capacity: 17)
        GraphAssembly.fill(&nodeAttributes, of: route)
        routeSuffix = "\(route.gatewayUniqueId):\(route.routeId)"
        var services: [String] = []
        services.reserveCapacity(route.services.count + route.fallbackServices.count + 2)
        for target in route.services { services.append(Self.serviceSuffix(target.service, of: route)) }
        if let info = route.defaultService { services.append(Self.serviceSuffix(info, of: route)) }
        for target in route.fallbackServices { services.append(Self.serviceSuffix(target.service, of: route)) }
        if let mirror = route.mirror { services.append(Self.serviceSuffix(mirror.service, of: route)) }
        serviceSuffixes = services
        domainSuffixes = route.domains.map { $0.name.lowercased() }
    }

    private static func serviceSuffix(_ info: GatewayRoute.ServiceInfo, of route: GatewayRoute) -> String {
        "\(route.gatewayUniqueId):\(info.serviceId)"
    }
}

extension GraphAssembly {
    /// The nodes and edges of one winning route snapshot.
    mutating func add(_ route: GatewayRoute) {
        add(route, prepared: RoutePreparation(route))
    }

    /// `add(_:)` with what depends on the route alone made already.
    mutating func add(_ route: GatewayRoute, prepared: consuming RoutePreparation) {
        let gateway = mergeNode(kind: .gateway, suffix: route.gatewayUniqueId) { a in
            a.set(.gatewayUniqueId, route.gatewayUniqueId)
            a.set(.gatewayId, route.gatewayId)
        }

        // One snapshot per route wins, so its node is new and takes the attributes whole; an
        // overlay stays for a node made before, which only odd ids could give.
        let (routeNode, isNew) = node(kind: .route, suffix: prepared.routeSuffix)
        if isNew {
            swap(&nodes[Int(routeNode)].attributes, &prepared.nodeAttributes)
        } else {
            nodes[Int(routeNode)].attributes.overlay(prepared.nodeAttributes)
        }
        addEdge(from: gateway, to: routeNode, kind: .hasRoute)

        var services = prepared.serviceSuffixes.makeIterator()
        for target in route.services {
            let service = addService(target.service, suffix: services.next()!)
            addEdge(from: routeNode, to: service, kind: .routesTo, attributes: Self.share(target))
        }
        if let info = route.defaultService {
            addEdge(from: routeNode, to: addService(info, suffix: services.next()!), kind: .defaultsTo)
        }
        for target in route.fallbackServices {
            let service = addService(target.service, suffix: services.next()!)
            addEdge(from: routeNode, to: service, kind: .fallsBackTo, attributes: Self.share(target))
        }
        if let mirror = route.mirror {
            var e = Attributes()
            e.set(.percentage, mirror.percentage)
            e.set(.port, mirror.port)
            addEdge(from: routeNode, to: addService(mirror.service, suffix: services.next()!), kind: .mirrorsTo, attributes: e)
        }
        for (domain, suffix) in zip(route.domains, prepared.domainSuffixes) {
            let node = mergeNode(kind: .domain, suffix: suffix) { d in
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

    private mutating func addService(_ info: GatewayRoute.ServiceInfo, suffix: String) -> Int32 {
        mergeNode(kind: .service, suffix: suffix, capacity: 9) { s in
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
