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
    /// The hashes of the route's nodes, when made with a table's key: a loop prefetches the
    /// nodes of routes ahead by them.
    var nodeHashes = NodeHashes()

    /// Borrowing: an initializer owns its arguments unless told otherwise, and the helper's
    /// route, lent by `BuiltRoute.withRoute`, was copied for each call (every string and array of
    /// it retained, then released again).
    init(_ route: borrowing GatewayRoute, hashKey: UInt64? = nil) {
        nodeAttributes = Attributes(capacity: 17)
        GraphAssembly.fill(&nodeAttributes, of: route)
        routeSuffix = DecimalDigits.joined(route.gatewayUniqueId, route.routeId)
        var services: [String] = []
        services.reserveCapacity(route.services.count + route.fallbackServices.count + 2)
        for target in route.services { services.append(Self.serviceSuffix(target.service, of: route)) }
        if let info = route.defaultService { services.append(Self.serviceSuffix(info, of: route)) }
        for target in route.fallbackServices { services.append(Self.serviceSuffix(target.service, of: route)) }
        if let mirror = route.mirror { services.append(Self.serviceSuffix(mirror.service, of: route)) }
        serviceSuffixes = services
        domainSuffixes = route.domains.map { $0.name.lowercasedSharingASCII }
        if let hashKey {
            // In the order `add` looks them up.
            nodeHashes.append(kind: .gateway, suffix: route.gatewayUniqueId, key: hashKey)
            nodeHashes.append(kind: .route, suffix: routeSuffix, key: hashKey)
            for suffix in serviceSuffixes { nodeHashes.append(kind: .service, suffix: suffix, key: hashKey) }
            for suffix in domainSuffixes { nodeHashes.append(kind: .domain, suffix: suffix, key: hashKey) }
        }
    }

    private static func serviceSuffix(_ info: GatewayRoute.ServiceInfo, of route: borrowing GatewayRoute) -> String {
        DecimalDigits.joined(route.gatewayUniqueId, info.serviceId)
    }
}
