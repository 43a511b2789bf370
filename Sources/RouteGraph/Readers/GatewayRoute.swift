/// One MSE gateway route as a `GetGatewayRouteDetail` response describes it, whatever its shape.
public struct GatewayRoute: Sendable {
    /// `Data.GatewayUniqueId`; a response without it is rejected, since the route would belong to
    /// no gateway.
    public var gatewayUniqueId: String
    /// `Data.GatewayId`, the gateway's numeric id.
    public var gatewayId: Int64?
    /// `Data.Id` (`Data.RouteId` in older shapes): unique within its gateway only.
    public var routeId: Int64
    /// `Data.Name`.
    public var name: String?
    /// `Data.Status` as a code; a console label (`已发布`, `published`) is read as its code
    /// (`RouteStatus`).
    public var status: Int64?
    /// True when the response gave a `Status` that is neither a code nor a known label: the route
    /// then has no status code, and its statusName is `unknown` (DESIGN.md).
    public var hasUnrecognisedStatus = false
    /// `Data.RouteOrder`: the route's priority on its gateway.
    public var routeOrder: Int64?
    /// `Data.RoutePredicates.PathPredicates.Path`, as written (not trimmed).
    public var pathMatch: String?
    /// `Data.RoutePredicates.PathPredicates.Type`, the kind of match (`PRE`, `EQUAL`, `ERGULAR`).
    public var pathMatchType: String?
    /// `Data.RoutePredicates.PathPredicates.IgnoreCase`.
    public var ignoreCase: Bool?
    /// `Data.RoutePredicates.MethodPredicates`, deduplicated and sorted: the API gives them in no
    /// meaningful order.
    public var methods: [String]
    /// `Data.DestinationType`, how the route picks its services (`Single`, `Multiple`, …).
    public var destinationType: String?
    /// `Data.EnableWaf`.
    public var enableWaf: Bool?
    /// `Data.Fallback`: whether the route falls back to `fallbackServices`.
    public var fallback: Bool?
    /// `Data.GmtCreate`, read as China Standard Time (UTC+8) when it has no offset; a number is
    /// Unix ms.
    public var createdAt: Timestamp?
    /// `Data.GmtModified`, read like `createdAt`; decides which snapshot of a route wins
    /// (`isNewer(than:)`).
    public var modifiedAt: Timestamp?
    /// `Data.Description`, as written.
    public var description: String?
    /// `Data.RouteServices`, or else the legacy `Data.Services` (a JSON string, sometimes escaped
    /// twice); items without a `ServiceId` are left out with a warning.
    public var services: [ServiceTarget]
    /// `Data.FallbackServices`; items without a `ServiceId` are left out with a warning.
    public var fallbackServices: [ServiceTarget]
    /// `Data.DefaultServiceId` with `DefaultServiceName`; nil when the id is missing or 0, which
    /// the API writes for none.
    public var defaultService: ServiceInfo?
    /// `Data.FlowMirror`, only when its `Status` is `on` and it names a `TargetServiceId`.
    public var mirror: Mirror?
    /// `Data.DomainName` (with `DomainId`), then `Data.DomainNameList`; one entry per name,
    /// compared ignoring case, the first kept.
    public var domains: [DomainRef]
    /// The response's top-level `RequestId` (not `Data`'s), for provenance.
    public var requestId: String?
    /// Where the response was read; breaks ties between snapshots with the same `modifiedAt`.
    public var location: InputLocation

    /// A service a route sends traffic to, with its share.
    public struct ServiceTarget: Sendable {
        /// The item's service fields.
        public var service: ServiceInfo
        /// `Percent`: the share of traffic, 0–100.
        public var percent: Int64?
        /// `Version`: the service version (tag) the route sends this share to.
        public var version: String?
    }

    /// What a response says of a service: its id always, the rest where given.
    public struct ServiceInfo: Sendable {
        /// `ServiceId`: unique within its gateway only. An item without one is no service and is
        /// left out.
        public var serviceId: Int64
        /// `ServiceName`, or `Name` in shapes that use it.
        public var name: String?
        /// `Namespace`.
        public var namespace: String?
        /// `GroupName`.
        public var group: String?
        /// `SourceType`, the registry the service comes from (`K8S`, `MSE`, `DNS`, `VIP`).
        public var sourceType: String?
        /// `AgreementType`, the API's word for the protocol (`HTTP`, `DUBBO`, `GRPC`).
        public var `protocol`: String?
        /// `ServicePort`.
        public var port: Int64?
        /// `HealthStatus`, as written.
        public var healthStatus: String?
        /// `UnhealthyEndpoints`, deduplicated and sorted; nil when the field is absent, so "none
        /// listed" and "not said" differ.
        public var unhealthyEndpoints: [String]?
    }

    /// Traffic mirroring, only when switched on.
    public struct Mirror: Sendable {
        /// `FlowMirror.TargetServiceId` with `TargetServiceName`.
        public var service: ServiceInfo
        /// `FlowMirror.Percentage`: the share of traffic copied, 0–100.
        public var percentage: Int64?
        /// `FlowMirror.Port`.
        public var port: Int64?
    }

    /// A domain the route serves.
    public struct DomainRef: Sendable {
        /// `DomainName` or an item of `DomainNameList`, trimmed, case kept (the node id lower-cases
        /// it).
        public var name: String
        /// `DomainId` (nil when 0), or the matching item of `DomainIdList` when the two lists agree
        /// in length.
        public var domainId: Int64?
    }

    /// Which route this is, across snapshots.
    var key: RouteKey { RouteKey(gatewayUniqueId: gatewayUniqueId, routeId: routeId) }

    /// The order in which snapshots of one route win (DESIGN.md): latest `modifiedAt`, then the
    /// greatest input location. Never the order of processing.
    func isNewer(than other: GatewayRoute) -> Bool {
        GatewayRoute.isNewer(modifiedAt, location, than: other.modifiedAt, other.location)
    }

    /// `isNewer(than:)` from the two fields that decide it, for a snapshot not yet built.
    static func isNewer(_ modifiedAt: Timestamp?, _ location: InputLocation, than otherModifiedAt: Timestamp?,
                        _ otherLocation: InputLocation) -> Bool {
        let a = modifiedAt?.millisecondsSinceEpoch ?? Int64.min
        let b = otherModifiedAt?.millisecondsSinceEpoch ?? Int64.min
        return a != b ? a > b : otherLocation < location
    }
}

/// The identity of a route across snapshots.
struct RouteKey: Hashable, Sendable {
    var gatewayUniqueId: String
    var routeId: Int64

    /// The route id first: a dictionary lookup compares the key with every key it probes, and the
    /// routes of one gateway, most of the keys, differ only by id (compared the other way round,
    /// each probe compared the gateway's 36 bytes first).
    static func == (a: RouteKey, b: RouteKey) -> Bool {
        a.routeId == b.routeId && a.gatewayUniqueId == b.gatewayUniqueId
    }
}
