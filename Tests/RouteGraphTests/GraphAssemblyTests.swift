import Foundation
import Testing

@testable import RouteGraph

/// The building phase sorts by integer ranks and merges repeated edges after sorting; these pin
/// that it gives the canonical order and the newer-over-older rule of DESIGN.md.
@Suite("Graph assembly")
struct GraphAssemblyTests {
    @Test("Edge kind ranks follow the order of <")
    func kindRanks() {
        let byRank = EdgeKind.allCases.sorted { $0.canonicalRank < $1.canonicalRank }
        #expect(byRank == EdgeKind.allCases.sorted())
        #expect(Set(EdgeKind.allCases.map(\.canonicalRank)).count == EdgeKind.allCases.count)
    }

    @Test("Each node kind's id prefix is its name and a colon")
    func kindPrefixes() {
        for kind in NodeKind.allCases { #expect(kind.idPrefix == kind.rawValue + ":") }
    }

    @Test("Each node kind's id prefix starts with its own first byte, none shared")
    func kindFirstBytes() {
        for kind in NodeKind.allCases { #expect(kind.idPrefix.utf8.first == kind.idFirstByte) }
        #expect(Set(NodeKind.allCases.map(\.idFirstByte)).count == NodeKind.allCases.count)
    }

    @Test("Byte buffers are the same exactly when their bytes are")
    func sameBytes() {
        let texts: [[UInt8]] = [[], [0], [1], [0, 0], Array("route:gw-1:17".utf8), Array("route:gw-1:18".utf8),
                                Array("route:gw-1:1".utf8), Array("Route:gw-1:17".utf8), Array(repeating: 7, count: 100)]
        for a in texts {
            for b in texts {
                let same = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in ByteOrder.same(x, y) } }
                #expect(same == (a == b), "\(a) \(b)")
            }
        }
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        #expect(ByteOrder.same(none, none))
        #expect([UInt8]().withUnsafeBufferPointer { ByteOrder.same(none, $0) })
        #expect(![UInt8(1)].withUnsafeBufferPointer { ByteOrder.same(none, $0) })
    }

    @Test("Indices sorted as UTF-8 bytes, shorter first on a common prefix")
    func byteOrder() {
        let strings = ["b", "a", "ab", "", "é", "Z", "a", "cidr:10.0.0.0/8", "cidr:10.0.0.0/16", "z\u{0}"]
        let order = ByteOrder.sortedIndices(strings).map { strings[Int($0)] }
        let expected = strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(order == expected)
        #expect(ByteOrder.sortedIndices([]).isEmpty)
    }

    @Test("A repeated edge keeps one place and takes later attributes over earlier ones, moved in halves or not",
          arguments: [GraphAssembly.edgesSortedInHalves, 2])
    func repeatedEdges(halvesFrom: Int) {
        var assembly = GraphAssembly()
        let b = assembly.mergeNode(kind: .service, suffix: "gw:2") { $0.set(.name, "b") }
        let a = assembly.mergeNode(kind: .route, suffix: "gw:1") { $0.set(.name, "first") }
        #expect(assembly.mergeNode(kind: .route, suffix: "gw:1") { $0.set(.name, "second") } == a)
        var older = Attributes()
        older.set(.percent, Int64(10))
        older.set(.version, "v1")
        var newer = Attributes()
        newer.set(.percent, Int64(90))
        assembly.addEdge(from: a, to: b, kind: .routesTo, attributes: older)
        assembly.addEdge(from: a, to: b, kind: .defaultsTo)
        assembly.addEdge(from: a, to: b, kind: .routesTo, attributes: newer)
        // A third copy: moved in halves, the cut passes every copy of the identity it falls in.
        var newest = Attributes()
        newest.set(.weight, Int64(3))
        assembly.addEdge(from: a, to: b, kind: .routesTo, attributes: newest)
        let graph = SortedAssembly.graph(merging: assembly.sorted(halvesFrom: halvesFrom), GraphAssembly().sorted())

        #expect(graph.nodes.map(\.id) == ["route:gw:1", "service:gw:2"])
        #expect(graph.nodes[0].attributes[.name] == .string("second"))
        #expect(graph.edges.map(\.kind) == [.defaultsTo, .routesTo])
        #expect(graph.edges[1].attributes[.percent] == .integer(90))
        #expect(graph.edges[1].attributes[.version] == .string("v1"))
        #expect(graph.edges[1].attributes[.weight] == .integer(3))
        #expect(graph.edges.allSatisfy { $0.source == "route:gw:1" && $0.target == "service:gw:2" })
    }

    @Test("Edges packed into one integer sort as the comparison sort orders them")
    func radixAndComparisonOrders() {
        func assembly() -> GraphAssembly {
            var assembly = GraphAssembly()
            var generator = SystemRandomNumberGenerator()
            let kinds: [NodeKind] = [.route, .service, .domain]
            let nodes = (0..<60).map { i in
                assembly.mergeNode(kind: kinds[i % 3], suffix: "gw:\(i * 7919 % 61)") { $0.set(.name, "n\(i)") }
            }
            // Repeats of one identity (same ends, kind and key) with different attributes: the
            // later ones overlay the first, so their order among themselves matters.
            for i in 0..<2_000 {
                var attributes = Attributes()
                attributes.set(.percent, Int64(i))
                let kind: EdgeKind = [.routesTo, .serves, .defaultsTo][Int.random(in: 0..<3, using: &generator)]
                assembly.addEdge(from: nodes[Int.random(in: 0..<60, using: &generator)], to: nodes[Int.random(in: 0..<60, using: &generator)],
                                 kind: kind, key: assembly.index(ofKey: "k\(Int.random(in: 0..<5, using: &generator))"), attributes: attributes)
            }
            return assembly
        }
        let made = assembly()
        let radix = SortedAssembly.graph(merging: made.sorted(), GraphAssembly().sorted())
        let compared = SortedAssembly.graph(merging: made.sorted(radixBits: 0), GraphAssembly().sorted())
        let halves = SortedAssembly.graph(merging: made.sorted(halvesFrom: 2), GraphAssembly().sorted())
        let comparedInHalves = SortedAssembly.graph(merging: made.sorted(radixBits: 0, halvesFrom: 2), GraphAssembly().sorted())
        #expect(radix.edges.count < 2_000)
        #expect(radix == compared)
        #expect(halves == compared)
        #expect(comparedInHalves == compared)
    }

    @Test("An edge that takes its attributes from a VPN entry gives them as values, repeated or not")
    func entryBackedEdges() {
        func entry(_ line: Int, weight: Int64, state: String?) -> VpnRouteEntry {
            var e = VpnEntryTableTests.entry("vco-1", "10.0.0.0/24", at: line)
            e.weight = weight
            e.state = state
            e.requestId = "req-\(line)"
            return e
        }
        var store = VpnEntryStore()
        #expect(store.adopt([entry(1, weight: 5, state: "published")]) == 0)
        #expect(store.adopt([]) == 1)
        #expect(store.adopt([entry(2, weight: 7, state: nil), entry(3, weight: 9, state: "")]) == 1)
        #expect(store.routesAttributes(of: 2)[.weight] == .integer(9))

        func assembly() -> GraphAssembly {
            var assembly = GraphAssembly()
            let connection = assembly.mergeNode(kind: .ipsec, suffix: "vco-1") { _ in }
            let cidr = assembly.mergeNode(kind: .cidr, suffix: "10.0.0.0/24") { _ in }
            let other = assembly.mergeNode(kind: .cidr, suffix: "10.0.1.0/24") { _ in }
            let key = assembly.index(ofKey: "custom|t-1")
            assembly.entries = store
            // Entry 1 and then entry 0 on one identity: the later copy's values win, and what it
            // lacks (no state) stays from the earlier.
            assembly.addEdge(from: connection, to: cidr, kind: .routes, key: key, entry: 1)
            assembly.addEdge(from: connection, to: cidr, kind: .routes, key: key, entry: 0)
            assembly.addEdge(from: connection, to: other, kind: .routes, key: key, entry: 2)
            return assembly
        }
        let graph = SortedAssembly.graph(merging: assembly().sorted(), GraphAssembly().sorted())
        #expect(SortedAssembly.graph(merging: assembly().sorted(halvesFrom: 2), GraphAssembly().sorted()) == graph)
        // Packed from the entries, the same graph.
        PackedGraphTests.expectSame(PackedGraph(releasing: SortedAssembly.merged(GraphAssembly().sorted(), assembly().sorted())), graph)
        #expect(graph.edges.count == 2)
        let repeated = graph.edges[0].attributes
        #expect(repeated[.weight] == .integer(5) && repeated[.state] == .string("published"))
        #expect(repeated[.requestId] == .string("req-1") && repeated[.input] == .string("a.jsonl:1"))
        #expect(repeated[.entryType] == .string("custom") && repeated[.nextHop] == .string("t-1"))
        let single = graph.edges[1].attributes
        #expect(single[.weight] == .integer(9) && single[.state] == nil && single[.input] == .string("a.jsonl:3"))
    }

    @Test("Two assemblies merge into one canonical graph, whichever is given first")
    func mergedHalves() {
        func half(_ kind: NodeKind, _ suffixes: [String], edgeKind: EdgeKind) -> SortedAssembly {
            var assembly = GraphAssembly()
            let indices = suffixes.map { assembly.mergeNode(kind: kind, suffix: $0) { _ in } }
            for (x, y) in zip(indices, indices.dropFirst()) {
                assembly.addEdge(from: y, to: x, kind: edgeKind, key: assembly.index(ofKey: "k|\(y)"))
            }
            return assembly.sorted()
        }
        let one = SortedAssembly.graph(merging: half(.route, ["b", "a", "c"], edgeKind: .routesTo),
                                       half(.ipsec, ["y", "x", "z"], edgeKind: .routes))
        let other = SortedAssembly.graph(merging: half(.ipsec, ["y", "x", "z"], edgeKind: .routes),
                                         half(.route, ["b", "a", "c"], edgeKind: .routesTo))
        let reference = RouteGraph(nodes: one.nodes.reversed(), edges: one.edges.reversed())
        #expect(one == reference)
        #expect(other == reference)
        #expect(one.nodes.map(\.id) == ["ipsec:x", "ipsec:y", "ipsec:z", "route:a", "route:b", "route:c"])
        #expect(one.edges.count == 4)
    }

    @Test("Merged in two halves on two threads, two assemblies give what one thread gives")
    func mergedInHalves() {
        // Kinds of their own in each assembly and one they share (with ids of their own), so that
        // their nodes and edges interleave in the merged order, and nodes of one kind are
        // compared across them by id.
        func half(_ kinds: [NodeKind], edgeKind: EdgeKind, count: Int) -> SortedAssembly {
            var assembly = GraphAssembly()
            let tag = kinds[0].rawValue.prefix(1)
            let indices = (0..<count).map { i in
                assembly.mergeNode(kind: kinds[i % kinds.count], suffix: "n\(i * 7919 % 1009)\(tag)") { $0.set(.name, "n\(i)") }
            }
            for (x, y) in zip(indices, indices.dropFirst()) {
                assembly.addEdge(from: y, to: x, kind: edgeKind, key: assembly.index(ofKey: "k|\(y)"))
                assembly.addEdge(from: x, to: y, kind: edgeKind, key: assembly.index(ofKey: "k|\(x)"))
            }
            return assembly.sorted()
        }
        let routes = half([.route, .service, .domain, .gateway], edgeKind: .routesTo, count: 700)
        let vpn = half([.ipsec, .cidr, .tunnel, .gateway], edgeKind: .routes, count: 500)
        let alone = SortedAssembly.merged(routes, vpn, threshold: .max).graph()
        let halved = SortedAssembly.merged(routes, vpn, threshold: 0).graph()
        #expect(alone.nodes.count == 1200 && alone.edges.count == 2 * 699 + 2 * 499)
        #expect(halved == alone)
        #expect(SortedAssembly.merged(vpn, routes, threshold: 0).graph() == alone)
        #expect(zip(alone.nodes, alone.nodes.dropFirst()).allSatisfy { ByteOrder.precedes($0.id, $1.id) })
    }

    @Test("A merge cut in halves places every element once, in order, whatever the two sequences hold",
          arguments: [(0, 0), (0, 9), (9, 0), (1, 1), (5, 300), (300, 5), (1000, 1000), (999, 1001)])
    func halvedMerge(counts: (Int, Int)) {
        var generator = SystemRandomNumberGenerator()
        // Disjoint: the first sequence even numbers, the second odd, each sorted.
        let first = (0..<counts.0).map { _ in 2 * Int.random(in: 0..<5_000, using: &generator) }.sorted()
        let second = (0..<counts.1).map { _ in 2 * Int.random(in: 0..<5_000, using: &generator) + 1 }.sorted()
        for threshold in [0, HalvedMerge.parallelFrom] {
            let placed = PlacedElements(count: first.count + second.count)
            HalvedMerge.merge(firstCount: first.count, secondCount: second.count, threshold: threshold,
                              precedes: { first[$0] < second[$1] },
                              place: { fromA, index, position in placed.set(position, fromA ? first[index] : second[index]) })
            #expect(placed.values == (first + second).sorted(), "threshold \(threshold)")
            #expect(placed.timesSet.allSatisfy { $0 == 1 })
        }
        // The split: the first k merged elements hold `split` elements of the first sequence.
        let merged = (first + second).sorted()
        for k in [0, merged.count / 3, merged.count / 2, merged.count] {
            let i = HalvedMerge.split(at: k, firstCount: first.count, secondCount: second.count) { first[$0] < second[$1] }
            #expect(i == merged.prefix(k).filter { $0 % 2 == 0 }.count, "k \(k)")
        }
    }

    @Test("RouteGraph(nodes:edges:) sorts by identity, also with an edge to a node it lacks", arguments: [false, true])
    func publicInitialiser(withDanglingEdge: Bool) {
        let ids = ["route:gw:10", "route:gw:9", "service:gw:1", "cidr:10.0.0.0/8", "ipsec:vco-é", "ipsec:vco-e"]
        let nodes = ids.map { Node(id: $0, kind: NodeKind(rawValue: String($0.prefix { $0 != ":" }))!) }
        var edges: [Edge] = []
        for source in ids { for target in ids where target != source {
            edges.append(Edge(source: source, target: target, kind: .routes, key: "custom|\(target.count)"))
            edges.append(Edge(source: source, target: target, kind: .hasRoute))
        } }
        if withDanglingEdge { edges.append(Edge(source: "route:gw:0", target: "service:gw:1", kind: .routesTo)) }
        let graph = RouteGraph(nodes: nodes.reversed(), edges: edges.reversed())
        #expect(graph.nodes.map(\.id) == ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(graph.edges.map(\.identity) == edges.map(\.identity).sorted())
        #expect(graph.edges.count == edges.count)
    }
}

/// What a `HalvedMerge` placed where, set from two threads.
private final class PlacedElements: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Int]
    private(set) var timesSet: [Int]

    init(count: Int) {
        values = Array(repeating: -1, count: count)
        timesSet = Array(repeating: 0, count: count)
    }

    func set(_ position: Int, _ value: Int) {
        lock.lock()
        defer { lock.unlock() }
        values[position] = value
        timesSet[position] += 1
    }
}
