/// Reads what a list item says of a service: `RouteServices`, `FallbackServices`, the legacy
/// `Services` string all use the same field names.
enum ServiceInfoReader {
    /// True when `read` gives a service for the item.
    static func hasServiceId(_ item: Element) -> Bool { item["ServiceId"]?.int64 != nil }

    /// The service of an item whose members were looked up with a `ServiceKey` set (one pass over
    /// the item, not one per field); nil without a `ServiceId`.
    static func read(_ item: ObjectMembers<ServiceKey>) -> GatewayRoute.ServiceInfo? {
        guard let id = item[.serviceId]?.int64 else { return nil }
        let unhealthy = item[.unhealthyEndpoints].map { $0.uniqueSortedStrings(wrappedAs: ["UnhealthyEndpoint", "Endpoint"]) }
        return GatewayRoute.ServiceInfo(
            serviceId: id,
            name: item[.serviceName]?.trimmedText ?? item[.name]?.trimmedText,
            namespace: item[.namespace]?.trimmedText,
            group: item[.groupName]?.trimmedText,
            sourceType: item[.sourceType]?.trimmedText,
            protocol: item[.agreementType]?.trimmedText,
            port: item[.servicePort]?.int64,
            healthStatus: item[.healthStatus]?.trimmedText,
            unhealthyEndpoints: unhealthy)
    }

    /// A service known only by id and perhaps a name (`DefaultServiceId`, `FlowMirror`).
    static func bare(id: Int64, name: String?) -> GatewayRoute.ServiceInfo {
        GatewayRoute.ServiceInfo(
            serviceId: id, name: name, namespace: nil, group: nil, sourceType: nil, protocol: nil, port: nil,
            healthStatus: nil, unhealthyEndpoints: nil)
    }
}

/// The members of a service item read: the service's and, for `RouteServices` and
/// `FallbackServices`, its share of the traffic.
enum ServiceKey: Int, ObjectKeySet {
    case serviceId, serviceName, name, namespace, groupName, sourceType, agreementType, servicePort, healthStatus
    case unhealthyEndpoints, percent, version
}

/// Copies an element of a short-lived tape into a tape of its own, held by `copies`.
enum ServiceSnapshot {
    static func copy(_ element: Element, keptIn copies: CopiedTapes) -> Element {
        let writer = TapeWriter()
        write(element, to: writer)
        return copies.keep(writer.finish()).root
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

/// The storage of the tapes `ServiceSnapshot` copied while a document is read, held until the
/// reader begins its next document: the copies' elements are read before that.
final class CopiedTapes {
    private var storages: [TapeStorage] = []

    /// Holds `storage` and gives its tape.
    func keep(_ storage: TapeStorage) -> Tape {
        storages.append(storage)
        return storage.tape
    }

    /// Lets go of every storage held.
    func removeAll() { storages.removeAll(keepingCapacity: true) }
}
