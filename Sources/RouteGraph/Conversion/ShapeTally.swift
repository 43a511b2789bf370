/// Converted documents counted by API and shape, for the report's `byApi` and `byShape`.
///
/// Counted by number, not by name: every document of an archive is counted, and two dictionary
/// updates keyed by strings (each name hashed and compared) cost more than the rest of the count.
/// The names are made only when the report is written.
struct ShapeTally: Sendable {
    /// Per API (in `API.allCases` order), per raw value of `ShapeTraits`; empty until the first count.
    private var counts: [Int] = []

    /// Counts one document of `api` in the shape `traits`.
    mutating func count(_ api: API, _ traits: ShapeTraits) {
        if counts.isEmpty { counts = Array(repeating: 0, count: API.allCases.count * ShapeTraits.limit) }
        counts[Self.slot(api, traits)] += 1
    }

    mutating func merge(_ other: ShapeTally) {
        guard !other.counts.isEmpty else { return }
        guard !counts.isEmpty else {
            counts = other.counts
            return
        }
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// Documents by API action name (`GetGatewayRouteDetail`).
    var byAPI: [String: Int] {
        var result: [String: Int] = [:]
        forEachCount { api, _, count in result[api.action, default: 0] += count }
        return result
    }

    /// Documents by shape name (`JSON Lines, wrapped lists`), whatever their API.
    var byShape: [String: Int] {
        var result: [String: Int] = [:]
        forEachCount { _, traits, count in result[traits.name, default: 0] += count }
        return result
    }

    private func forEachCount(_ body: (API, ShapeTraits, Int) -> Void) {
        guard !counts.isEmpty else { return }
        for api in API.allCases {
            for raw in 0..<ShapeTraits.limit {
                let traits = ShapeTraits(rawValue: UInt8(raw))
                let count = counts[Self.slot(api, traits)]
                if count > 0 { body(api, traits, count) }
            }
        }
    }

    private static func slot(_ api: API, _ traits: ShapeTraits) -> Int {
        let row =
            switch api {
            case .gatewayRoute: 0
            case .vpnRoutes: 1
            }
        return row * ShapeTraits.limit + Int(traits.rawValue)
    }
}
