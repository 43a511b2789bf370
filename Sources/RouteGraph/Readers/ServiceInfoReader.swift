/// Reads what a list item says of a service: `RouteServices`, `FallbackServices`, the legacy
/// `Services` string all use the same field names.
enum ServiceInfoReader {
    /// True when `read` gives a service for the item.
    static func hasServiceId(_ item: Element) -> Bool { item["ServiceId"]?.int64 != nil }

    static func read(_ item: Element) -> GatewayRoute.ServiceInfo? {
        guard let id = item["ServiceId"]?.int64 else { return nil }
        let unhealthy = item["UnhealthyEndpoints"].map { $0.uniqueSortedStrings(wrappedAs: ["UnhealthyEndpoint", "Endpoint"]) }
        return GatewayRoute.ServiceInfo(
            serviceId: id,
            name: item["ServiceName"]?.trimmedText ?? item["Name"]?.trimmedText,
            namespace: item["Namespace"]?.trimmedText,
            group: item["GroupName"]?.trimmedText,
            sourceType: item["SourceType"]?.trimmedText,
            protocol: item["AgreementType"]?.trimmedText,
            port: item["ServicePort"]?.int64,
            healthStatus: item["HealthStatus"]?.trimmedText,
            unhealthyEndpoints: unhealthy)
    }

    /// A service known only by id and perhaps a name (`DefaultServiceId`, `FlowMirror`).
    static func bare(id: Int64, name: String?) -> GatewayRoute.ServiceInfo {
        GatewayRoute.ServiceInfo(
            serviceId: id, name: name, namespace: nil, group: nil, sourceType: nil, protocol: nil, port: nil,
            healthStatus: nil, unhealthyEndpoints: nil)
    }
}

/// Copies an element of a short-lived tape into a tape of its own.
enum ServiceSnapshot {
    static func copy(_ element: Element) -> Element {
        let writer = TapeWriter()
        write(element, to: writer)
        return writer.finish().root
    }

    private static func write(_ e: Element, to w: TapeWriter) {
        switch e.type {
        case .startObject:
            w.startObject()
            for (key, value) in e.members {
                w.key(key)
                write(value, to: w)
            }
            w.end()
        case .startArray:
            w.startArray()
            for value in e.elements { write(value, to: w) }
            w.end()
        case .null:
            w.null()
        default:
            w.string(e.text ?? "")
        }
    }
}
