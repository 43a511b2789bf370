/// The APIs whose saved responses routegraph reads.
public enum API: String, Sendable, CaseIterable, Codable {
    /// MSE `GetGatewayRouteDetail`: one cloud-native gateway route.
    case gatewayRoute = "mse-route"
    /// VPN Gateway `DescribeVcoRouteEntries`: route entries of an IPsec-VPN connection, paginated.
    case vpnRoutes = "vpn-routes"

    /// The API's action name, as in XML root elements and reports.
    public var action: String {
        switch self {
        case .gatewayRoute: "GetGatewayRouteDetail"
        case .vpnRoutes: "DescribeVcoRouteEntries"
        }
    }
}
