/// Why an input was skipped. The code is stable for scripts; the message is for people.
public enum RejectionCode: String, Sendable, Codable, CaseIterable {
    case unreadable
    case empty
    case invalidJSON = "invalid-json"
    case invalidXML = "invalid-xml"
    case unsafeXML = "unsafe-xml"
    case tooLarge = "too-large"
    case tooDeep = "too-deep"
    case errorResponse = "error-response"
    case unknownAPI = "unknown-api"
    case incomplete
}

/// An input (a file, a JSON Lines line, standard input) that was not converted, and why.
public struct Rejection: Sendable, Hashable {
    public var location: InputLocation
    public var code: RejectionCode
    public var reason: String

    public init(location: InputLocation, code: RejectionCode, reason: String) {
        self.location = location
        self.code = code
        self.reason = reason
    }
}

/// Something worth telling about a converted input: a value kept as written, a missing page.
/// Warnings never stop a conversion (unless `--strict`).
public struct ConversionWarning: Sendable, Hashable, Comparable {
    public var location: InputLocation?
    public var message: String

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
