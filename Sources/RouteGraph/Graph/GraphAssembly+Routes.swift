extension GraphAssembly {
    /// The nodes and edges of one winning route snapshot.
    mutating func add(_ route: GatewayRoute) {
        let gateway = mergeNode(kind: .gateway, suffix: route.gatewayUniqueId) { a in
            a.set(.gatewayUniqueId, route.gatewayUniqueId)
            a.set(.gatewayId, route.gatewayId)
        }

        let routeNode = mergeNode(kind: .route, suffix: "\(route.gatewayUniqueId):\(route.routeId)", capacity: 17) { r in
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
        }
        addEdge(from: gateway, to: routeNode, kind: .hasRoute)

        for target in route.services {
            let service = addService(target.service, of: route)
            addEdge(from: routeNode, to: service, kind: .routesTo, attributes: Self.share(target))
        }
        if let info = route.defaultService {
            addEdge(from: routeNode, to: addService(info, of: route), kind: .defaultsTo)
        }
        for target in route.fallbackServices {
            let service = addService(target.service, of: route)
            addEdge(from: routeNode, to: service, kind: .fallsBackTo, attributes: Self.share(target))
        }
        if let mirror = route.mirror {
            var e = Attributes()
            e.set(.percentage, mirror.percentage)
            e.set(.port, mirror.port)
            addEdge(from: routeNode, to: addService(mirror.service, of: route), kind: .mirrorsTo, attributes: e)
        }
        for domain in route.domains {
            let node = mergeNode(kind: .domain, suffix: domain.name.lowercased()) { d in
                d.set(.name, domain.name)
                d.set(.domainId, domain.domainId)
            }
            addEdge(from: routeNode, to: node, kind: .serves)
        }
    }

    private static func share(_ target: GatewayRoute.ServiceTarget) -> Attributes {
        var e = Attributes()
        e.set(.percent, target.percent)
        e.set(.version, target.version)
        return e
    }

    private mutating func addService(_ info: GatewayRoute.ServiceInfo, of route: GatewayRoute) -> Int32 {
        mergeNode(kind: .service, suffix: "\(route.gatewayUniqueId):\(info.serviceId)", capacity: 9) { s in
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
