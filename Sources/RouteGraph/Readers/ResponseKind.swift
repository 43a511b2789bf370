/// What a document turned out to be.
enum ResponseKind {
    case gatewayRoute(body: Element)
    case vpnRoutes(body: Element)
    /// An error response: `Code`/`Message` without data, `Success: false`, or XML `<Error>`.
    case error(code: String?, message: String?)
    case unknown(hint: String)
}

/// Recognises a response by its content, never its file name (SHAPES.md): keys and XML root.
enum ResponseClassifier {
    private static let bodyKeys = ObjectKeys<BodyKey>()

    /// Classifies `root`, unwrapping an SDK envelope (`headers`/`statusCode`/`body`) first.
    /// - Parameters:
    ///   - xmlRoot: the root element's name for XML documents.
    ///   - forced: the API the user named with `--api`, which skips detection (not error checks).
    static func classify(_ root: Element, xmlRoot: String? = nil, forced: API? = nil) -> (ResponseKind, envelope: Bool) {
        guard root.isObject else {
            return (.unknown(hint: "the document is a JSON \(describe(root)), not an object"), false)
        }
        if xmlRoot == "Error" {
            return (.error(code: root["Code"]?.trimmedText, message: root["Message"]?.trimmedText), false)
        }
        var body = root
        var envelope = false
        var fields = root.lookUp(bodyKeys)
        if let inner = fields[.body], inner.isObject, fields[.statusCode] != nil || fields[.headers] != nil {
            body = inner
            envelope = true
            fields = body.lookUp(bodyKeys)
        }
        let data = fields[.data]
        let hasRouteData = data.map { $0.isObject && ($0["GatewayUniqueId"] != nil || $0["Id"] != nil) } ?? false
        let hasVpnData = fields[.vcoRouteEntries] != nil || fields[.vpnRouteCounts] != nil
        let failed = fields[.success]?.bool == false
        if failed || (!hasRouteData && !hasVpnData && (fields[.code] != nil || fields[.message] != nil)) {
            // MSE errors carry an HTTP-like `Code` (404) and the name that says what went wrong in
            // `ErrorCode` (NotFound); the name helps a reader of the report more.
            let code = fields[.errorCode]?.trimmedText ?? fields[.code]?.trimmedText
            return (.error(code: code, message: fields[.message]?.trimmedText), envelope)
        }
        switch forced {
        case .gatewayRoute?: return (.gatewayRoute(body: body), envelope)
        case .vpnRoutes?: return (.vpnRoutes(body: body), envelope)
        case nil: break
        }
        if hasRouteData || xmlRoot == "GetGatewayRouteDetailResponse" { return (.gatewayRoute(body: body), envelope) }
        if hasVpnData || xmlRoot == "DescribeVcoRouteEntriesResponse" { return (.vpnRoutes(body: body), envelope) }
        let keys = body.members.prefix(6).map(\.key).joined(separator: ", ")
        return (.unknown(hint: keys.isEmpty ? "an empty object" : "an object with keys \(keys)"), envelope)
    }

    private static func describe(_ e: Element) -> String {
        switch e.type {
        case .startArray: "array"
        case .string: "string"
        case .null: "null"
        case .true, .false: "boolean"
        default: "number"
        }
    }
}

/// The members of a response's top level that tell what it is: an SDK envelope's, then the body's.
private enum BodyKey: Int, ObjectKeySet {
    case body, statusCode, headers, data, vcoRouteEntries, vpnRouteCounts, success, code, message, errorCode
}
