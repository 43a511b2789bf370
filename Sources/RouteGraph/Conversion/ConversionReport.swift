/// What a conversion read, skipped and noticed: the numbers behind the stderr summary and the
/// `--report` file. Inputs here are documents: a file, a JSON Lines line, standard input.
public struct ConversionReport: Sendable {
    /// Documents seen, converted (became records), rejected.
    public var documents = 0
    public var converted = 0
    /// Converted documents by API (`GetGatewayRouteDetail`, …).
    public var byAPI: [String: Int] { shapes.byAPI }
    /// Converted documents by shape (`JSON, wrapped lists`), whatever their API.
    public var byShape: [String: Int] { shapes.byShape }
    /// The counts behind `byAPI` and `byShape`.
    var shapes = ShapeTally()
    public var gatewayRouteRecords = 0
    public var vpnEntryRecords = 0
    public var supersededSnapshots = 0
    public var rejections: [Rejection] = []
    public var warnings: [ConversionWarning] = []

    public init() {}

    public var rejected: Int { rejections.count }

    /// Rejections counted by their code.
    public var rejectedByCode: [RejectionCode: Int] {
        var counts: [RejectionCode: Int] = [:]
        for r in rejections { counts[r.code, default: 0] += 1 }
        return counts
    }

    mutating func merge(_ other: ConversionReport) {
        documents += other.documents
        converted += other.converted
        shapes.merge(other.shapes)
        rejections += other.rejections
        warnings += other.warnings
    }

    /// Sorts rejections and warnings by input location, so the report does not depend on which
    /// thread read what.
    mutating func normalise() {
        rejections.sort { $0.location != $1.location ? $0.location < $1.location : $0.reason < $1.reason }
        warnings.sort()
    }
}
