/// Every attribute a node or an edge of the canonical graph can carry.
///
/// The declaration order is the column order of every tabular output, so it is part of the
/// output format: add new attributes at the end of their group.
public enum Attribute: String, Sendable, CaseIterable, Codable {
    // gateway
    case gatewayUniqueId, gatewayId
    // route
    case routeId, name, status, statusName, routeOrder, pathMatch, pathMatchType, ignoreCase, methods
    case destinationType, enableWaf, fallback, createdAt, modifiedAt, description
    // service
    case serviceId, namespace, group, sourceType, `protocol`, port, healthStatus, unhealthyEndpoints
    // domain
    case domainId
    // ipsec connection
    case connectionId, customRoutes, bgpRoutes, declaredTotal, collected, complete, customTotal, bgpTotal
    // tunnel
    case tunnelId
    // cidr
    case cidr, family, prefixLength
    // edges
    case percent, version, percentage, entryType, nextHop, weight, state, routeSource, asPath, community
    // provenance: left out of every comparison of graphs
    case input, requestId

    /// The type every format declares for this attribute.
    public var type: AttributeType {
        switch self {
        case .gatewayId, .routeId, .serviceId, .domainId: .long
        case .status, .routeOrder, .port, .customRoutes, .bgpRoutes, .declaredTotal, .collected,
            .customTotal, .bgpTotal, .family, .prefixLength, .percent, .percentage, .weight:
            .int
        case .ignoreCase, .enableWaf, .fallback, .complete: .boolean
        default: .string
        }
    }

    /// Attributes that say where a fact was read, not what it is.
    public var isProvenance: Bool { self == .input || self == .requestId }

    /// The attributes nodes can carry, in column order.
    public static let nodeAttributes: [Attribute] = [
        .gatewayUniqueId, .gatewayId, .routeId, .name, .status, .statusName, .routeOrder, .pathMatch,
        .pathMatchType, .ignoreCase, .methods, .destinationType, .enableWaf, .fallback, .createdAt,
        .modifiedAt, .description, .serviceId, .namespace, .group, .sourceType, .protocol, .port,
        .healthStatus, .unhealthyEndpoints, .domainId, .connectionId, .customRoutes, .bgpRoutes,
        .declaredTotal, .customTotal, .bgpTotal, .collected, .complete, .tunnelId, .cidr, .family, .prefixLength, .input, .requestId,
    ]

    /// The attributes edges can carry, in column order.
    public static let edgeAttributes: [Attribute] = [
        .percent, .version, .percentage, .port, .entryType, .nextHop, .weight, .state, .routeSource,
        .asPath, .community, .createdAt, .input, .requestId,
    ]
}
