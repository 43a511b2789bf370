/// One MSE gateway route as a `GetGatewayRouteDetail` response describes it, whatever its shape.
public struct GatewayRoute: Sendable {
    public var gatewayUniqueId: String
    public var gatewayId: Int64?
    public var routeId: Int64
    public var name: String?
    public var status: Int64?
    /// True when the response gave a `Status` that is neither a code nor a known label: the route
    /// then has no status code, and its statusName is `unknown` (DESIGN.md).
    public var hasUnrecognisedStatus = false
    public var routeOrder: Int64?
    public var pathMatch: String?
    public var pathMatchType: String?
    public var ignoreCase: Bool?
    /// HTTP methods, sorted: the API gives them in no meaningful order.
    public var methods: [String]
    public var destinationType: String?
    public var enableWaf: Bool?
    public var fallback: Bool?
    public var createdAt: Timestamp?
    public var modifiedAt: Timestamp?
    public var description: String?
    public var services: [ServiceTarget]
    public var fallbackServices: [ServiceTarget]
    public var defaultService: ServiceInfo?
    public var mirror: Mirror?
    public var domains: [DomainRef]
    public var requestId: String?
    public var location: InputLocation

    /// A service a route sends traffic to, with its share.
    public struct ServiceTarget: Sendable {
        public var service: ServiceInfo
        public var percent: Int64?
        public var version: String?
    }

    /// What a response says of a service: its id always, the rest where given.
    public struct ServiceInfo: Sendable {
        public var serviceId: Int64
        public var name: String?
        public var namespace: String?
        public var group: String?
        public var sourceType: String?
        public var `protocol`: String?
        public var port: Int64?
        public var healthStatus: String?
        public var unhealthyEndpoints: [String]?
    }

    /// Traffic mirroring, only when switched on.
    public struct Mirror: Sendable {
        public var service: ServiceInfo
        public var percentage: Int64?
        public var port: Int64?
    }

    /// A domain the route serves.
    public struct DomainRef: Sendable {
        public var name: String
        public var domainId: Int64?
    }

    /// Which route this is, across snapshots.
    var key: RouteKey { RouteKey(gatewayUniqueId: gatewayUniqueId, routeId: routeId) }

    /// The order in which snapshots of one route win (DESIGN.md): latest `modifiedAt`, then the
    /// greatest input location. Never the order of processing.
    func isNewer(than other: GatewayRoute) -> Bool {
        let a = modifiedAt?.millisecondsSinceEpoch ?? Int64.min
        let b = other.modifiedAt?.millisecondsSinceEpoch ?? Int64.min
        return a != b ? a > b : other.location < location
    }
}

/// The identity of a route across snapshots.
struct RouteKey: Hashable, Sendable {
    var gatewayUniqueId: String
    var routeId: Int64
}
