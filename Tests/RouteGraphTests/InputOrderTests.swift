import Testing

@testable import RouteGraph

/// Inputs ranked as they are found (`InputOrder`) must order route snapshots exactly as ranking
/// the routes' own paths does (`InputRanks`, used when routes come without a rank).
@Suite("Input order")
struct InputOrderTests {
    @Test("ranks follow the paths' bytes, the same path the same rank, whatever the list's order")
    func ranks() {
        // '.' 0x2E < '/' 0x2F; upper case before lower case.
        let paths = ["b.json", "a/z.json", "B.json", "a.json", "b.json", "-"]
        #expect(InputOrder.ranks(of: paths.map(InputFile.init(path:))) == [4, 3, 1, 2, 4, 0])
        #expect(InputOrder.ranks(of: []) == [])
    }

    @Test("canonically equivalent paths of different bytes are different inputs")
    func bytesNotCanonicalEquivalence() {
        // "é" composed (C3 A9) sorts after "e" + combining acute (65 CC 81).
        let ranks = InputOrder.ranks(of: ["caf\u{E9}.json", "cafe\u{301}.json"].map(InputFile.init(path:)))
        #expect(ranks == [1, 0])
    }

    @Test("routes ranked by their inputs come in the same age order as routes ranked by their paths")
    func ageOrderAlike() {
        let paths = ["b.json", "a/z.json", "B.json", "a.json", "c.jsonl", "c.jsonl", "c.jsonl", "-"]
        let files = paths.map(InputFile.init(path:))
        let ranks = InputOrder.ranks(of: files)
        // Three times, so that most routes tie on time and location decides; lines for the
        // JSON Lines file in falling order, so that they decide among its routes.
        var routes: [(GatewayRoute, Int32)] = []
        for (i, path) in paths.enumerated() {
            for copy in 0..<3 {
                var route = GatewayRoute(
                    gatewayUniqueId: "gw-\(copy)", routeId: Int64(i), methods: [], services: [], fallbackServices: [],
                    domains: [], location: InputLocation(input: path, line: path.hasSuffix(".jsonl") ? 100 - i : nil))
                route.modifiedAt = copy == 2 ? nil : Timestamp(millisecondsSinceEpoch: Int64(1_000 * (i % 2)))
                routes.append((route, ranks[i]))
            }
        }
        let ranked = GraphAccumulator.ageOrder(of: routes.map { BuiltRoute($0.0, inputRank: $0.1) })
        let unranked = GraphAccumulator.ageOrder(of: routes.map { BuiltRoute($0.0) })
        #expect(ranked == unranked)
        // The order itself, by the rule: time (none first), then path bytes, then line.
        let expected = routes.indices.sorted { a, b in
            let (x, y) = (routes[a].0, routes[b].0)
            let tx = x.modifiedAt?.millisecondsSinceEpoch ?? .min, ty = y.modifiedAt?.millisecondsSinceEpoch ?? .min
            if tx != ty { return tx < ty }
            if x.location != y.location { return x.location < y.location }
            return a < b
        }
        #expect(ranked == expected.map(Int32.init))
        // A rank missing from one route: all are ranked by their paths, with the same order.
        var mixed = routes.map { BuiltRoute($0.0, inputRank: $0.1) }
        mixed[5] = BuiltRoute(routes[5].0)
        #expect(GraphAccumulator.ageOrder(of: mixed) == expected.map(Int32.init))
    }
}
