/// The container a document came in: the first word of its shape's name.
enum DocumentFormat: Sendable {
    case json, jsonLines, xml

    var name: String {
        switch self {
        case .json: "JSON"
        case .jsonLines: "JSON Lines"
        case .xml: "XML"
        }
    }
}

/// What a shape name (SHAPES.md; `JSON Lines, wrapped lists`) says of a document, as bits:
/// documents are counted by their bits, and a name is made once per kind of document.
struct ShapeTraits: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    static let json = ShapeTraits(rawValue: 1)
    static let jsonLines = ShapeTraits(rawValue: 2)
    static let xml = ShapeTraits(rawValue: 4)
    static let envelope = ShapeTraits(rawValue: 8)
    static let wrappedLists = ShapeTraits(rawValue: 16)
    static let camelCaseKeys = ShapeTraits(rawValue: 32)
    static let legacyServices = ShapeTraits(rawValue: 64)

    /// One more than the largest raw value of any set of traits. Computed, not stored: a stored
    /// static is reached through `swift_once`, and this is read for every document counted.
    static var limit: Int { 128 }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(format: DocumentFormat) {
        switch format {
        case .json: self = .json
        case .jsonLines: self = .jsonLines
        case .xml: self = .xml
        }
    }

    /// The shape's name: its format, then its other traits in the report's order.
    var name: String {
        var traits: [String] = []
        if contains(.json) { traits.append(DocumentFormat.json.name) }
        if contains(.jsonLines) { traits.append(DocumentFormat.jsonLines.name) }
        if contains(.xml) { traits.append(DocumentFormat.xml.name) }
        if contains(.envelope) { traits.append("SDK envelope") }
        if contains(.wrappedLists) { traits.append("wrapped lists") }
        if contains(.camelCaseKeys) { traits.append("camelCase keys") }
        if contains(.legacyServices) { traits.append("legacy Services string") }
        return traits.joined(separator: ", ")
    }
}
