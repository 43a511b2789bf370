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
        if let inner = root["body"], inner.isObject, root["statusCode"] != nil || root["headers"] != nil {
            body = inner
            envelope = true
        }
        let data = body["Data"]
        let hasRouteData = data.map { $0.isObject && ($0["GatewayUniqueId"] != nil || $0["Id"] != nil) } ?? false
        let hasVpnData = body["VcoRouteEntries"] != nil || body["VpnRouteCounts"] != nil
        let failed = body["Success"]?.bool == false
        if failed || (!hasRouteData && !hasVpnData && (body["Code"] != nil || body["Message"] != nil)) {
            // MSE errors carry an HTTP-like `Code` (404) and the name that says what went wrong in
            // `ErrorCode` (NotFound); the name helps a reader of the report more.
            let code = body["ErrorCode"]?.trimmedText ?? body["Code"]?.trimmedText
            return (.error(code: code, message: body["Message"]?.trimmedText), envelope)
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
