/// Why an input was skipped. The code is stable for scripts; the message is for people.
public enum RejectionCode: String, Sendable, Codable, CaseIterable {
    /// The input could not be opened or read (a missing path, a broken gzip).
    case unreadable
    /// The input holds nothing but white space: no response was saved.
    case empty
    /// Not well-formed JSON.
    case invalidJSON = "invalid-json"
    /// Not well-formed XML.
    case invalidXML = "invalid-xml"
    /// XML with a document type or entities, refused so that no entity is expanded or fetched.
    case unsafeXML = "unsafe-xml"
    /// Larger than the document limit (`InputLimits.maxDocumentBytes`).
    case tooLarge = "too-large"
    /// Nested deeper than `InputLimits.maxDepth`.
    case tooDeep = "too-deep"
    /// An API error (`Code`/`Message`, `Success: false`): no route data to convert.
    case errorResponse = "error-response"
    /// An HTML page (a proxy's or gateway's error page, a sign-in page) saved where a response
    /// was expected.
    case htmlPage = "html-page"
    /// Neither of the two APIs; `--api` forces one.
    case unknownAPI = "unknown-api"
    /// A gateway route response missing what identifies the route (`Data`, `GatewayUniqueId`,
    /// `Id`).
    case incomplete
}

/// An input (a file, a JSON Lines line, standard input) that was not converted, and why.
public struct Rejection: Sendable, Hashable {
    /// The input, with its line for JSON Lines.
    public var location: InputLocation
    /// The stable code, for scripts.
    public var code: RejectionCode
    /// A sentence for people: what is wrong and, where it helps, what to do.
    public var reason: String

    /// A rejection of the input at `location`.
    public init(location: InputLocation, code: RejectionCode, reason: String) {
        self.location = location
        self.code = code
        self.reason = reason
    }
}

/// Something worth telling about a converted input: a value kept as written, a missing page.
/// Warnings never stop a conversion (unless `--strict`).
public struct ConversionWarning: Sendable, Hashable, Comparable {
    /// The input the warning is about; nil for a warning about the run (a page missing across
    /// inputs).
    public var location: InputLocation?
    /// A sentence for people.
    public var message: String

    /// A warning about the input at `location`, or about the run when nil.
    public init(location: InputLocation?, message: String) {
        self.location = location
        self.message = message
    }

    public static func < (lhs: ConversionWarning, rhs: ConversionWarning) -> Bool {
        switch (lhs.location, rhs.location) {
        case (nil, nil): return lhs.message < rhs.message
        case (nil, _): return true
        case (_, nil): return false
        case (let a?, let b?): return a != b ? a < b : lhs.message < rhs.message
        }
    }
}
