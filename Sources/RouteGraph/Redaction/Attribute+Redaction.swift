/// How redaction treats an attribute's value.
enum Redaction: Sendable, Equatable {
    /// Identifies nothing about the account: kept.
    case keep
    /// A numeric id, with the table of its kind.
    case number(PseudonymKind)
    /// A cloud resource id.
    case resource
    /// A name: a domain name on domain nodes, else a free name.
    case name
    /// Free text of one kind, replaced whole.
    case text(PseudonymKind)
    case cidr
    case nextHop
    /// A comma list of `address[:port]`.
    case endpoints
    case asPath
    case community
}

extension Attribute {
    /// What redaction does with this attribute. The switch has no default on purpose: a new
    /// attribute does not compile until someone decides whether it identifies the account.
    var redaction: Redaction {
        switch self {
        case .gatewayUniqueId, .connectionId, .tunnelId: .resource
        case .gatewayId: .number(.gatewayId)
        case .routeId: .number(.routeId)
        case .serviceId: .number(.serviceId)
        case .domainId: .number(.domainId)
        case .name: .name
        case .pathMatch: .text(.path)
        case .description: .text(.description)
        case .namespace: .text(.namespace)
        case .group: .text(.group)
        case .input: .text(.input)
        case .requestId: .text(.request)
        case .unhealthyEndpoints: .endpoints
        case .cidr: .cidr
        case .nextHop: .nextHop
        case .asPath: .asPath
        case .community: .community
        case .status, .statusName, .routeOrder, .pathMatchType, .ignoreCase, .methods, .destinationType, .enableWaf,
            .fallback, .createdAt, .modifiedAt, .sourceType, .protocol, .port, .healthStatus, .customRoutes,
            .bgpRoutes, .declaredTotal, .customTotal, .bgpTotal, .collected, .complete, .family, .prefixLength, .percent, .version,
            .percentage, .entryType, .weight, .state, .routeSource:
            .keep
        }
    }
}
