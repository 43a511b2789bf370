import Foundation
import Testing

@testable import RouteGraph

/// `GraphAssembly` finds nodes through `NodeTable`, which compares ASCII bytes and goes over to a
/// `String`-keyed dictionary at the first other byte; these compare it with a plain dictionary.
@Suite("Node table")
struct NodeTableTests {
    /// Indices a `[kind, suffix]` dictionary gives, the first-seen index per key.
    private static func expectedIndices(_ keys: [(NodeKind, String)]) -> [Int32] {
        struct Key: Hashable {
            var kind: NodeKind
            var suffix: String
        }
        var table: [Key: Int32] = [:]
        return keys.map { kind, suffix in
            let key = Key(kind: kind, suffix: suffix)
            if let known = table[key] { return known }
            let index = Int32(table.count)
            table[key] = index
            return index
        }
    }

    private static func assemblyIndices(_ keys: [(NodeKind, String)], reserve: Int = 0) -> (indices: [Int32], ids: [String]) {
        var assembly = GraphAssembly()
        if reserve > 0 { assembly.reserve(nodes: reserve, edges: 0) }
        let indices = keys.map { assembly.node(kind: $0.0, suffix: $0.1).index }
        return (indices, assembly.nodes.map(\.id))
    }

    private static func generatedKeys(count: Int, nonASCIIAt: Int?) -> [(NodeKind, String)] {
        var generator = SystemRandomNumberGenerator()
        var keys: [(NodeKind, String)] = []
        for i in 0..<count {
            let kind = NodeKind.allCases[Int.random(in: 0..<NodeKind.allCases.count, using: &generator)]
            let length = Int.random(in: 0...20, using: &generator)
            var suffix = String((0..<length).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x30...0x33, using: &generator))) })
            if i == nonASCIIAt { suffix += "é" }
            keys.append((kind, suffix))
        }
        return keys
    }

    @Test("ASCII ids: the same node per kind and suffix as a dictionary, across growth")
    func ascii() {
        let keys = Self.generatedKeys(count: 20_000, nonASCIIAt: nil)
        let expected = Self.expectedIndices(keys)
        let (indices, ids) = Self.assemblyIndices(keys)
        #expect(indices == expected)
        #expect(Self.assemblyIndices(keys, reserve: 50_000).indices == expected)
        for (index, key) in zip(indices, keys) { #expect(ids[Int(index)] == key.0.idPrefix + key.1) }
    }

    @Test("A non-ASCII suffix midway: nodes before and after are still found")
    func fallbackMidway() {
        let keys = Self.generatedKeys(count: 5_000, nonASCIIAt: 2_500)
        let more = keys + keys.reversed()
        #expect(Self.assemblyIndices(more).indices == Self.expectedIndices(more))
    }

    @Test("Canonically equivalent suffixes name one node, as with String keys")
    func canonicalEquivalence() {
        let keys: [(NodeKind, String)] = [
            (.domain, "k"), (.domain, "K"), (.domain, "\u{212A}"), (.domain, "caf\u{E9}"), (.domain, "cafe\u{301}"),
            (.service, "caf\u{E9}"), (.domain, ""), (.cidr, ""), (.domain, "K"), (.route, "gw:\u{0}"), (.route, "gw:"),
            (.route, "gw:\"quoted\"\nline"), (.route, String(repeating: "long", count: 40)), (.route, "gw:\u{0}"),
        ]
        let expected = Self.expectedIndices(keys)
        #expect(Self.assemblyIndices(keys).indices == expected)
        // The Kelvin sign equals `K` as a String, so it names the node `K` made first.
        #expect(expected[2] == expected[1])
        #expect(expected[4] == expected[3])
        // Equivalence found after going over: ASCII first, its equivalent later.
        let later: [(NodeKind, String)] = [(.domain, "K"), (.domain, "x"), (.domain, "\u{212A}"), (.domain, "x")]
        #expect(Self.assemblyIndices(later).indices == [0, 1, 0, 1])
    }

    @Test("Hashes made ahead are a route's nodes in the order adding looks them up; a non-ASCII one keeps its place with none")
    func routeNodeHashes() throws {
        let key: UInt64 = 0x1234_5678_9ABC_DEF0
        let route = try Self.seedRoute()
        let prepared = RoutePreparation(route, hashKey: key)
        var expected: [UInt64] = []
        let names: [(NodeKind, String)] = [(.gateway, route.gatewayUniqueId), (.route, prepared.routeSuffix)]
            + prepared.serviceSuffixes.map { (.service, $0) } + prepared.domainSuffixes.map { (.domain, $0) }
        for (kind, suffix) in names.prefix(NodeHashes.capacity) {
            expected.append(try #require(NodeTable.hash(kind: kind, suffix: suffix, key: key)))
        }
        var got: [UInt64] = []
        prepared.nodeHashes.forEach { got.append($0) }
        #expect(got == expected)
        #expect(got.count >= 4)
        var hashes = NodeHashes()
        hashes.append(kind: .domain, suffix: "caf\u{E9}", key: key)
        hashes.append(kind: .domain, suffix: "cafe", key: key)
        #expect(hashes.count == 2)
        #expect(hashes.hash(at: 0) == nil)
        #expect(hashes.hash(at: 1) == NodeTable.hash(kind: .domain, suffix: "cafe", key: key))
        #expect(RoutePreparation(route).nodeHashes.count == 0)
    }

    @Test("Adding routes with hashes made ahead gives the graph adding them without does")
    func hashesMadeAheadChangeNothing() throws {
        let seed = try Self.seedRoute()
        var routes: [GatewayRoute] = []
        for i in 0..<60 {
            var route = seed
            route.routeId = Int64(i)
            route.gatewayUniqueId = "gw-\(i % 7)"
            // More services than hashes are kept, and a domain that does not hash (not ASCII)
            // before others that do.
            route.services = Array(repeating: seed.services, count: 1 + i % 5).flatMap { $0 }.enumerated().map { n, target in
                var target = target
                target.service.serviceId = Int64(n * 3 + i % 4)
                return target
            }
            route.domains = [GatewayRoute.DomainRef(name: i % 3 == 0 ? "caf\u{E9}-\(i % 2).com" : "a\(i % 4).com", domainId: Int64(i)),
                             GatewayRoute.DomainRef(name: "b\(i % 5).com", domainId: nil)]
            routes.append(route)
        }
        var plain = GraphAssembly()
        var ahead = GraphAssembly()
        for route in routes {
            plain.add(route)
            var prepared = RoutePreparation(route, hashKey: ahead.nodeHashKey)
            ahead.add(route, prepared: &prepared)
        }
        #expect(routes.contains { RoutePreparation($0, hashKey: 1).nodeHashes.count == NodeHashes.capacity })
        let a = SortedAssembly.graph(merging: (consume plain).sorted(), GraphAssembly().sorted())
        let b = SortedAssembly.graph(merging: (consume ahead).sorted(), GraphAssembly().sorted())
        #expect(a.nodes.count > 60)
        #expect(a == b)
    }

    /// The route of the seed MSE response, as reading makes it.
    static func seedRoute() throws -> GatewayRoute {
        let data = try Data(contentsOf: URL(fileURLWithPath: ExampleFiles.mseSeed))
        // The tape lives in its parser's buffers: the parser must outlive the reading.
        let parser = JSONParser()
        return try withExtendedLifetime(parser) {
            let tape = try parser.parse(String(decoding: data, as: UTF8.self))
            guard case .gatewayRoute(let body) = ResponseClassifier.classify(tape.root).0 else {
                throw CocoaError(.fileReadCorruptFile)
            }
            var reader = GatewayRouteReader(nestedParser: JSONParser())
            var warnings: [ConversionWarning] = []
            return try reader.read(body: body, location: InputLocation(input: "seed"), warnings: &warnings)
        }
    }
}
