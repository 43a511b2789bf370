import Foundation
import Testing

@testable import RouteGraph

@Suite("Focus: GraphFilter")
struct GraphFilterTests {
    /// Two gateways sharing a domain and a service id, and two connections sharing a CIDR.
    static func twoOfEach() -> RouteGraph {
        var nodes: [Node] = []
        var edges: [Edge] = []
        func node(_ id: String, _ kind: NodeKind) { nodes.append(Node(id: id, kind: kind)) }
        for g in ["a", "b"] {
            node("gateway:\(g)", .gateway)
            node("route:\(g):1", .route)
            node("service:\(g):7", .service)
            node("service:\(g):8", .service)
            edges.append(Edge(source: "gateway:\(g)", target: "route:\(g):1", kind: .hasRoute))
            edges.append(Edge(source: "route:\(g):1", target: "service:\(g):7", kind: .routesTo))
            edges.append(Edge(source: "route:\(g):1", target: "service:\(g):8", kind: .fallsBackTo))
            edges.append(Edge(source: "route:\(g):1", target: "domain:shared.com", kind: .serves))
        }
        node("domain:shared.com", .domain)
        for c in ["x", "y"] {
            node("ipsec:vco-\(c)", .ipsec)
            node("tunnel:tun-\(c)", .tunnel)
            node("cidr:10.\(c == "x" ? 1 : 2).0.0/16", .cidr)
            edges.append(Edge(source: "ipsec:vco-\(c)", target: "tunnel:tun-\(c)", kind: .hasTunnel))
            for cidr in ["cidr:10.\(c == "x" ? 1 : 2).0.0/16", "cidr:192.168.0.0/16"] {
                edges.append(Edge(source: "ipsec:vco-\(c)", target: cidr, kind: .routes, key: "custom|vco-\(c)"))
                edges.append(Edge(source: "tunnel:tun-\(c)", target: cidr, kind: .nextHopFor, key: "custom|vco-\(c)"))
            }
        }
        node("cidr:192.168.0.0/16", .cidr)
        return RouteGraph(nodes: nodes, edges: edges)
    }

    /// Every edge of `graph` between kept nodes, and only those, must be in `result`.
    static func isInduced(_ result: RouteGraph, of graph: RouteGraph) -> Bool {
        let ids = Set(result.nodes.map(\.id))
        return result.edges == graph.edges.filter { ids.contains($0.source) && ids.contains($0.target) }
    }

    @Test("a gateway keeps itself, its routes, their services and domains; not the other gateway's")
    func gateway() throws {
        let graph = Self.twoOfEach()
        let result = try GraphFilter(gateways: ["a"]).apply(to: graph)
        #expect(
            result.nodes.map(\.id) == ["domain:shared.com", "gateway:a", "route:a:1", "service:a:7", "service:a:8"])
        #expect(Self.isInduced(result, of: graph))
        #expect(result.edges.count == 4)
        #expect(try GraphFilter(gateways: ["gateway:a"]).apply(to: graph) == result)
    }

    @Test("a connection keeps itself, its tunnels and CIDRs, with the next-hop edges between them")
    func connection() throws {
        let graph = Self.twoOfEach()
        let result = try GraphFilter(connections: ["vco-x"]).apply(to: graph)
        #expect(result.nodes.map(\.id) == ["cidr:10.1.0.0/16", "cidr:192.168.0.0/16", "ipsec:vco-x", "tunnel:tun-x"])
        #expect(Self.isInduced(result, of: graph))
        #expect(result.edgeCounts[.nextHopFor] == 2 && result.edgeCounts[.routes] == 2)
    }

    @Test("gateways and connections combine; repeated options add up")
    func combined() throws {
        let graph = Self.twoOfEach()
        let result = try GraphFilter(gateways: ["a", "b"], connections: ["vco-x", "ipsec:vco-y"]).apply(to: graph)
        #expect(result == graph)
    }

    @Test("kinds keep only those kinds, alone or within a focus")
    func kinds() throws {
        let graph = Self.twoOfEach()
        let routesAndServices = try GraphFilter(kinds: [.route, .service]).apply(to: graph)
        #expect(Set(routesAndServices.nodes.map(\.kind)) == [.route, .service])
        #expect(routesAndServices.nodes.count == 6)
        #expect(Set(routesAndServices.edges.map(\.kind)) == [.routesTo, .fallsBackTo])
        let focused = try GraphFilter(gateways: ["b"], kinds: [.gateway, .route]).apply(to: graph)
        #expect(focused.nodes.map(\.id) == ["gateway:b", "route:b:1"])
        #expect(focused.edges.map(\.kind) == [.hasRoute])
    }

    @Test("an id not in the graph is an error that names the option and some ids that exist")
    func notFound() throws {
        let graph = Self.twoOfEach()
        #expect(throws: FocusError.notFound(kind: .gateway, id: "gw-typo", known: ["a", "b"])) {
            try GraphFilter(gateways: ["gw-typo"]).apply(to: graph)
        }
        let error = FocusError.notFound(kind: .ipsec, id: "vco-z", known: ["vco-x"])
        #expect(error.description.contains("--connection") && error.description.contains("vco-x"))
    }

    @Test("an empty filter returns the graph unchanged")
    func nothingAsked() throws {
        let graph = Self.twoOfEach()
        #expect(GraphFilter().keepsEverything)
        #expect(try GraphFilter().apply(to: graph) == graph)
    }

    /// From the full graph's JSON Lines, computes independently which nodes a gateway focus and a
    /// connection focus keep, and compares with the focused JSON Lines.
    static let archiveCheck = #"""
        import json, sys
        def load(p):
            recs = [json.loads(l) for l in open(p, encoding="utf-8")]
            return ({r["id"] for r in recs if r["type"] == "node"},
                    {(r["source"], r["target"], r["kind"], r["key"]) for r in recs if r["type"] == "edge"})
        nodes, edges = load(sys.argv[1])
        gw, vco = sys.argv[4], sys.argv[5]
        want = {gw, vco}
        routes = {t for s, t, k, _ in edges if s == gw and k == "HAS_ROUTE"}
        want |= routes
        want |= {t for s, t, k, _ in edges if s in routes and k in ("ROUTES_TO", "DEFAULTS_TO", "FALLS_BACK_TO", "MIRRORS_TO", "SERVES")}
        want |= {t for s, t, k, _ in edges if s == vco and k in ("HAS_TUNNEL", "ROUTES")}
        want_edges = {e for e in edges if e[0] in want and e[1] in want}
        got_nodes, got_edges = load(sys.argv[2])
        kinds_nodes, kinds_edges = load(sys.argv[3])
        want_kinds = {n for n in want if n.split(":")[0] in ("route", "domain")}
        print(json.dumps({"nodes": len(got_nodes), "wantNodes": len(want), "nodesEqual": got_nodes == want,
                          "edgesEqual": got_edges == want_edges, "edges": len(got_edges),
                          "kindsEqual": kinds_nodes == want_kinds and kinds_edges == {e for e in edges if e[0] in want_kinds and e[1] in want_kinds},
                          "otherGateways": sum(1 for n in got_nodes if n.startswith("gateway:") and n != gw)}))
        """#

    struct ArchiveCheck: Decodable {
        var nodes: Int
        var wantNodes: Int
        var nodesEqual: Bool
        var edgesEqual: Bool
        var edges: Int
        var kindsEqual: Bool
        var otherGateways: Int
    }

    @Test(
        "on a generated archive: exactly the nodes of one gateway and one connection, and the edges between them",
        )
    func generatedArchive() throws {
        let scratch = try ScratchDirectory()
        let graph = try GeneratedArchive.convert(
            ["--gateways", "3", "--connections", "3", "--variants", "doc"], into: scratch.path("archive"))
        let gateway = try #require(graph.nodes.first { $0.kind == .gateway }).id
        let connection = try #require(graph.nodes.last { $0.kind == .ipsec }).id
        _ = try GraphExport.write(graph, formats: [.jsonl], to: scratch.path("full"))
        let focus = GraphFilter(gateways: [String(gateway.dropFirst(8))], connections: [connection])
        _ = try GraphExport.write(try focus.apply(to: graph), formats: [.jsonl], to: scratch.path("focused"))
        var kinds = focus
        kinds.kinds = [.route, .domain]
        _ = try GraphExport.write(try kinds.apply(to: graph), formats: [.jsonl], to: scratch.path("kinds"))
        let check = try ExternalTool.pythonJSON(
            ArchiveCheck.self, Self.archiveCheck,
            [
                scratch.path("full/graph.jsonl"), scratch.path("focused/graph.jsonl"),
                scratch.path("kinds/graph.jsonl"),
                gateway, connection,
            ])
        #expect(check.nodesEqual && check.edgesEqual && check.kindsEqual)
        #expect(check.nodes == check.wantNodes && check.nodes > 10 && check.nodes < graph.nodes.count)
        #expect(check.edges > 0 && check.otherGateways == 0)
    }
}
