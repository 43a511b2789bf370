import Foundation
import Testing

@testable import RouteGraph

/// Focusing the packed graph (what `convert` and `merge` do) must give what focusing the graph and
/// then packing it gives, and fail where that fails, with the same error.
@Suite("Focus of the packed graph")
struct PackedFocusTests {
    static func expectSame(_ filter: GraphFilter, _ graph: RouteGraph) throws {
        let focused = try filter.apply(to: PackedGraph(graph))
        PackedGraphTests.expectSame(focused, try filter.apply(to: graph))
        #expect(focused.counts == GraphCounts(try filter.apply(to: graph)))
    }

    static let filters: [GraphFilter] = [
        GraphFilter(gateways: ["a"]), GraphFilter(gateways: ["gateway:b"], kinds: [.gateway, .route]),
        GraphFilter(connections: ["vco-x"]), GraphFilter(gateways: ["a", "b"], connections: ["vco-x", "ipsec:vco-y"]),
        GraphFilter(kinds: [.route, .service]), GraphFilter(kinds: [.cidr]),
    ]

    @Test("two gateways and two connections, every kind of focus", arguments: filters)
    func twoOfEach(filter: GraphFilter) throws {
        try Self.expectSame(filter, GraphFilterTests.twoOfEach())
    }

    @Test("a route named by an edge but not a node still brings its targets; edges to ids no node has go")
    func endsWithoutNodes() throws {
        var graph = GraphFilterTests.twoOfEach()
        var (nodes, edges) = (graph.nodes, graph.edges)
        edges.append(Edge(source: "gateway:a", target: "route:a:2", kind: .hasRoute))
        edges.append(Edge(source: "route:a:2", target: "service:b:8", kind: .defaultsTo))
        edges.append(Edge(source: "route:a:2", target: "service:a:9", kind: .mirrorsTo))
        edges.append(Edge(source: "tunnel:tun-gone", target: "cidr:10.1.0.0/16", kind: .nextHopFor, key: "custom|x"))
        nodes.append(Node(id: "route:c:1", kind: .route))
        graph = RouteGraph(nodes: nodes, edges: edges)
        try Self.expectSame(GraphFilter(gateways: ["a"]), graph)
        try Self.expectSame(GraphFilter(connections: ["vco-x"], kinds: [.cidr, .ipsec, .tunnel]), graph)
        #expect(try GraphFilter(gateways: ["a"]).apply(to: PackedGraph(graph)).nodes.count == 6)
    }

    @Test("the seed examples and a generated archive: by gateway, by connection, by kinds")
    func realGraphs() throws {
        let scratch = try ScratchDirectory()
        for graph in [convert([RedactionTests.seeds]).graph, try RedactionTests.generatedArchive(in: scratch).graph] {
            let gateway = try #require(graph.nodes.first { $0.kind == .gateway }).id
            let connection = try #require(graph.nodes.last { $0.kind == .ipsec }).id
            try Self.expectSame(GraphFilter(gateways: [gateway]), graph)
            try Self.expectSame(GraphFilter(connections: [String(connection.dropFirst("ipsec:".count))]), graph)
            try Self.expectSame(GraphFilter(gateways: [gateway], connections: [connection], kinds: [.route, .cidr, .domain]), graph)
            try Self.expectSame(GraphFilter(kinds: [.service, .tunnel]), graph)
        }
    }

    @Test("an id not in the graph is the same error, naming some ids that exist")
    func notFound() throws {
        let packed = PackedGraph(GraphFilterTests.twoOfEach())
        #expect(throws: FocusError.notFound(kind: .gateway, id: "gw-typo", known: ["a", "b"])) {
            try GraphFilter(gateways: ["gw-typo"]).apply(to: packed)
        }
        #expect(throws: FocusError.notFound(kind: .ipsec, id: "ipsec:vco-z", known: ["vco-x", "vco-y"])) {
            try GraphFilter(connections: ["ipsec:vco-z"]).apply(to: packed)
        }
    }

    @Test("convert --gateway with an id not in the graph writes nothing, not even the directory")
    func notFoundWritesNothing() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(["convert", RedactionTests.seeds, "--output", scratch.path("out"), "--gateway", "gw-typo"])
        #expect(result.status == 2 && result.stderr.contains("no gateway 'gw-typo'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")))
    }
}
