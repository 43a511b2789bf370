/// Reads a `GetGatewayRouteDetail` response body into a `GatewayRoute`, in any shape.
struct GatewayRouteReader {
    /// Parses JSON found inside strings (`Services`); a parser of its own, because parsing would
    /// otherwise overwrite the tape of the document being read.
    let nestedParser: JSONParser
    /// The last gateway read: a gateway's routes come one after another.
    private var gateways = RepeatedText()
    private let dataKeys = ObjectKeys<DataKey>()
    private let mirrorKeys = ObjectKeys<MirrorKey>()
    private let serviceKeys = ObjectKeys<ServiceKey>()
    /// The tapes of `Services` items copied out of the nested parser's (`legacyServices`), for
    /// the document being read.
    private let copiedTapes = CopiedTapes()
    /// How the body last checked or read gives its services: `wrappedLists` for a
    /// `RouteServices` object around the list, `legacyServices` for the `Services` string alone.
    private(set) var serviceListTraits: ShapeTraits = []

    init(nestedParser: JSONParser) { self.nestedParser = nestedParser }

    /// Why a response could not become a route.
    struct Failure: Error {
        var reason: String
    }

    /// What every route snapshot must have: a `Data` object, a gateway and a route id.
    private mutating func identify(_ body: Element) throws(Failure) -> (data: ObjectMembers<DataKey>, key: RouteKey) {
        // A new document: the copies made for the last one are no longer read.
        copiedTapes.removeAll()
        guard let dataObject = body["Data"], dataObject.isObject else {
            throw Failure(reason: "a GetGatewayRouteDetail response without a Data object")
        }
        let data = dataObject.lookUp(dataKeys)
        serviceListTraits = Self.listTraits(routeServices: data[.routeServices], services: data[.services])
        guard let gateway = gateways.trimmedText(of: data[.gatewayUniqueId]) else {
            throw Failure(reason: "Data.GatewayUniqueId is missing or empty, so the route belongs to no gateway")
        }
        guard let idElement = data[.id] ?? data[.routeId], !idElement.isEmptyValue else {
            throw Failure(reason: "Data.Id (the route id) is missing")
        }
        guard let routeId = idElement.int64 else {
            throw Failure(reason: "Data.Id is \(idElement.text.map { "\"\($0)\"" } ?? "not a scalar"), not a 64-bit integer")
        }
        return (data, RouteKey(gatewayUniqueId: gateway, routeId: routeId))
    }

    /// Checks a snapshot without building it: fails as `read` would, makes the warnings `read`
    /// would make, in the same order, and gives what decides whether the snapshot wins. Most
    /// snapshots in an archive lose to a later one, so building is left until that is known
    /// (`PendingRoute`); the report still says what was wrong with each snapshot read.
    mutating func check(body: Element, location: InputLocation, warnings: inout [ConversionWarning]) throws(Failure)
        -> (key: RouteKey, modifiedAt: Timestamp?)
    {
        let (data, key) = try identify(body)
        let routeId = key.routeId
        func warn(_ message: String) { warnings.append(ConversionWarning(location: location, message: message)) }
        // Every check of `read` that can warn, in its order.
        _ = status(data[.status], routeId: routeId, warn: warn)
        _ = optionalInteger(data[.gatewayId], field: "GatewayId", warn: warn)
        _ = optionalInteger(data[.routeOrder], field: "RouteOrder", warn: warn)
        _ = timestamp(data[.gmtCreate], field: "GmtCreate", warn: warn)
        let modifiedAt = timestamp(data[.gmtModified], field: "GmtModified", warn: warn)
        forEachServiceItem(of: data, warn: warn) { item in
            if !ServiceInfoReader.hasServiceId(item) { warnMissingServiceId(warn) }
        }
        for item in fallbackItemList(of: data) where !ServiceInfoReader.hasServiceId(item) { warnMissingServiceId(warn) }
        _ = optionalInteger(data[.defaultServiceId], field: "DefaultServiceId", warn: warn)
        _ = mirror(data[.flowMirror], routeId: routeId, warn: warn)
        return (key, modifiedAt)
    }

    /// Reads a snapshot into a route.
    mutating func read(body: Element, location: InputLocation, warnings: inout [ConversionWarning]) throws(Failure) -> GatewayRoute {
        let (data, key) = try identify(body)
        let (gateway, routeId) = (key.gatewayUniqueId, key.routeId)
        func warn(_ message: String) { warnings.append(ConversionWarning(location: location, message: message)) }

        let (status, unrecognisedStatus) = status(data[.status], routeId: routeId, warn: warn)
        let predicates = data[.routePredicates]
        let path = predicates?["PathPredicates"]
        let methods = predicates?["MethodPredicates"]?.uniqueSortedStrings(wrappedAs: ["MethodPredicate", "Method"]) ?? []

        var route = GatewayRoute(
            gatewayUniqueId: gateway,
            gatewayId: optionalInteger(data[.gatewayId], field: "GatewayId", warn: warn),
            routeId: routeId,
            name: data[.name]?.trimmedText,
            status: status,
            routeOrder: optionalInteger(data[.routeOrder], field: "RouteOrder", warn: warn),
            pathMatch: path?["Path"]?.text,
            pathMatchType: path?["Type"]?.trimmedText,
            ignoreCase: path?["IgnoreCase"]?.bool,
            methods: methods,
            destinationType: data[.destinationType]?.trimmedText,
            enableWaf: data[.enableWaf]?.bool,
            fallback: data[.fallback]?.bool,
            createdAt: timestamp(data[.gmtCreate], field: "GmtCreate", warn: warn),
            modifiedAt: timestamp(data[.gmtModified], field: "GmtModified", warn: warn),
            description: data[.description]?.text,
            services: [],
            fallbackServices: [],
            defaultService: nil,
            mirror: nil,
            domains: [],
            requestId: body["RequestId"]?.trimmedText,
            location: location)

        route.services = targets(serviceItems(of: data, warn: warn), warn: warn)
        route.fallbackServices = targets(Array(fallbackItemList(of: data)), warn: warn)
        if let id = optionalInteger(data[.defaultServiceId], field: "DefaultServiceId", warn: warn), id != 0 {
            route.defaultService = ServiceInfoReader.bare(id: id, name: data[.defaultServiceName]?.trimmedText)
        }
        route.mirror = mirror(data[.flowMirror], routeId: routeId, warn: warn)
        route.hasUnrecognisedStatus = unrecognisedStatus
        route.domains = domains(of: data)
        return route
    }

    /// Set in `identify`, which `check` and `read` both begin with, from members it looks up anyway.
    private static func listTraits(routeServices: Element?, services: Element?) -> ShapeTraits {
        if let routeServices { return routeServices.isObject ? .wrappedLists : [] }
        return services == nil ? [] : .legacyServices
    }

    /// `Status` as a code, and whether it was given but unrecognised (with a warning).
    private func status(_ s: Element?, routeId: Int64, warn: (String) -> Void) -> (Int64?, unrecognised: Bool) {
        guard let s, !s.isEmptyValue else { return (nil, false) }
        if let code = s.int64 { return (code, false) }
        if let label = s.trimmedText, let code = RouteStatus.code(ofLabel: label) { return (code, false) }
        warn("route \(routeId): Status \(s.text.map { "\"\($0)\"" } ?? "value") is neither a code nor a known label; statusName is unknown")
        return (nil, true)
    }

    /// The items of `RouteServices`, or else of the legacy `Services` string.
    private func serviceItems(of data: ObjectMembers<DataKey>, warn: (String) -> Void) -> [Element] {
        var items: [Element] = []
        forEachServiceItem(of: data, warn: warn) { items.append($0) }
        return items
    }

    /// Calls `body` with each item `serviceItems` gives, in order. A list in place is walked where
    /// it lies: every snapshot is checked, most are never built, and an array of the items for
    /// each check cost an allocation and a free.
    private func forEachServiceItem(of data: ObjectMembers<DataKey>, warn: (String) -> Void, _ body: (Element) -> Void) {
        if let list = data[.routeServices], !list.isNull {
            for item in list.itemList(wrappedAs: ["RouteService", "Service"]) { body(item) }
        } else if let legacy = data[.services], !legacy.isEmptyValue {
            for item in legacyServices(legacy, warn: warn) { body(item) }
        }
    }

    private func fallbackItemList(of data: ObjectMembers<DataKey>) -> ItemList {
        data[.fallbackServices]?.itemList(wrappedAs: ["FallbackService", "Service"]) ?? .none
    }

    /// `FlowMirror`, only when on; on without a target is warned about.
    private func mirror(_ flowMirror: Element?, routeId: Int64, warn: (String) -> Void) -> GatewayRoute.Mirror? {
        guard let flowMirror, flowMirror.isObject else { return nil }
        let mirror = flowMirror.lookUp(mirrorKeys)
        guard let status = mirror[.status], Self.isOn(status) else { return nil }
        guard let id = mirror[.targetServiceId]?.int64, id != 0 else {
            warn("route \(routeId): FlowMirror is on but names no TargetServiceId; no mirror edge")
            return nil
        }
        return GatewayRoute.Mirror(
            service: ServiceInfoReader.bare(id: id, name: mirror[.targetServiceName]?.trimmedText),
            percentage: mirror[.percentage]?.int64,
            port: mirror[.port]?.int64)
    }

    /// `status.trimmedText?.lowercased() == "on"`, without making either String where the text
    /// is ASCII (no other text lower-cases to `on`).
    private static func isOn(_ status: Element) -> Bool {
        guard let bytes = status.stringBytes, let trimmed = Element.trimmedASCII(bytes), trimmed.allSatisfy({ $0 < 0x80 }) else {
            return status.trimmedText?.lowercased() == "on"
        }
        return trimmed.count == 2 && trimmed[0] | 0x20 == 0x6F && trimmed[1] | 0x20 == 0x6E
    }

    private func warnMissingServiceId(_ warn: (String) -> Void) { warn("a service without a ServiceId was left out") }

    /// An id or other integer that may be absent; one present but not a 64-bit integer
    /// (`99999999999999999999`, `1e19`, `"12a"`) is left out with a warning rather than read as
    /// some other number.
    private func optionalInteger(_ e: Element?, field: String, warn: (String) -> Void) -> Int64? {
        guard let e, !e.isEmptyValue else { return nil }
        if let id = e.int64 { return id }
        warn("Data.\(field) \(e.text.map { "\"\($0)\"" } ?? "value") is not a 64-bit integer; left out")
        return nil
    }

    private func timestamp(_ e: Element?, field: String, warn: (String) -> Void) -> Timestamp? {
        let (value, unreadable) = Self.timestamp(e)
        if unreadable { warn("\(field) \"\(e?.text ?? "")\" is not a time routegraph reads; left out") }
        return value
    }

    /// A time as `GmtCreate` and `GmtModified` give it, and whether one was given but unreadable.
    private static func timestamp(_ e: Element?) -> (value: Timestamp?, unreadable: Bool) {
        guard let e, !e.isEmptyValue else { return (nil, false) }
        if e.type == .int64 || e.type == .uint64, let ms = e.int64 { return (Timestamp(millisecondsSinceEpoch: ms), false) }
        if let bytes = e.stringBytes, let trimmed = Element.trimmedASCII(bytes) {
            // The bytes `trimmedText` would hold, read without making the String.
            guard !trimmed.isEmpty else { return (nil, true) }
            if let t = Timestamp(parsingUTF8: trimmed, defaultOffsetSeconds: Timestamp.chinaStandardTimeOffset) { return (t, false) }
            if let ms = Element.parseInteger(trimmed) { return (Timestamp(millisecondsSinceEpoch: ms), false) }
            return (nil, true)
        }
        if let text = e.trimmedText {
            if let t = Timestamp(parsing: text, defaultOffsetSeconds: Timestamp.chinaStandardTimeOffset) { return (t, false) }
            if let ms = Element.parseIntegerText(text) { return (Timestamp(millisecondsSinceEpoch: ms), false) }
        }
        return (nil, true)
    }

    private func targets(_ items: [Element], warn: (String) -> Void) -> [GatewayRoute.ServiceTarget] {
        items.compactMap { element in
            let item = element.lookUp(serviceKeys)
            guard let info = ServiceInfoReader.read(item) else {
                warnMissingServiceId(warn)
                return nil
            }
            return GatewayRoute.ServiceTarget(service: info, percent: item[.percent]?.int64, version: item[.version]?.trimmedText)
        }
    }

    /// The older `Services` field: a JSON array encoded as a string, in archives sometimes escaped
    /// twice (the seed example), so each level of string is decoded until an array appears.
    private func legacyServices(_ value: Element, warn: (String) -> Void) -> [Element] {
        if value.isArray || value.isObject { return value.items(wrappedAs: ["Service"]) }
        guard var text = value.string else { return [] }
        for _ in 0..<4 {
            if let tape = try? nestedParser.parse(text) {
                let root = tape.root
                if root.isArray || root.isObject {
                    // Copy out before the next parse reuses the tape.
                    return root.items(wrappedAs: ["Service"]).map { ServiceSnapshot.copy($0, keptIn: copiedTapes) }
                }
                if let inner = root.string {
                    text = inner
                    continue
                }
            }
            // Escaped once more than JSON allows at top level (`[{\"Percent\":…}]`): read it as the
            // inside of a JSON string literal to remove one level.
            guard let unescaped = try? nestedParser.parse("\"" + text + "\"").root.string, unescaped != text else { break }
            text = unescaped
        }
        warn("the Services string could not be read as a list of services; the route has no ROUTES_TO edges from it")
        return []
    }

    private func domains(of data: ObjectMembers<DataKey>) -> [GatewayRoute.DomainRef] {
        let names = data[.domainNameList]?.itemList(wrappedAs: ["DomainName"]) ?? .none
        let ids = data[.domainIdList]?.itemList(wrappedAs: ["DomainId"]) ?? .none
        var result: [GatewayRoute.DomainRef] = []
        result.reserveCapacity(1 + names.count)
        // Names seen, lower-cased, in a set once there are many; while few (a route names one or
        // two domains) the names kept are searched instead: a set hashed each name, a fifth of
        // reading the domains, and a list of its own cost an allocation.
        var seenSet: Set<String>?
        func add(_ name: String?, _ id: Int64?) {
            guard let name, !name.isEmpty else { return }
            let folded = name.lowercasedSharingASCII
            if seenSet != nil {
                guard seenSet!.insert(folded).inserted else { return }
            } else {
                guard !result.contains(where: { $0.name.lowercasedSharingASCII == folded }) else { return }
                if result.count == 16 { seenSet = Set(result.map(\.name.lowercasedSharingASCII) + [folded]) }
            }
            result.append(GatewayRoute.DomainRef(name: name, domainId: id))
        }
        add(data[.domainName]?.trimmedText, data[.domainId]?.int64.flatMap { $0 == 0 ? nil : $0 })
        // Ids pair with names only where the two lists agree in length.
        var idItems = names.count == ids.count ? ids.makeIterator() : ItemList.none.makeIterator()
        for name in names { add(name.trimmedText, idItems.next()?.int64) }
        return result
    }
}

/// The members of a route's `Data` read.
private enum DataKey: Int, ObjectKeySet {
    case gatewayUniqueId, id, routeId, status, gatewayId, gmtCreate, gmtModified, routeServices, services
    case fallbackServices, defaultServiceId, defaultServiceName, flowMirror, routePredicates, name, routeOrder
    case destinationType, enableWaf, fallback, description, domainName, domainId, domainNameList, domainIdList
}

/// The members of `FlowMirror` read.
private enum MirrorKey: Int, ObjectKeySet {
    case status, targetServiceId, targetServiceName, percentage, port
}

extension Element {
    /// Parses integer text the way `int64` reads strings.
    static func parseIntegerText(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseInteger($0) }
    }
}
