import Foundation
import Testing

@testable import RouteGraph

/// Every format is rendered in pieces of a few thousand rows and written in order; the example
/// graphs are far smaller than one piece, so these graphs are large enough that every file has
/// several, and the seams are read by the real consumers.
@Suite("Outputs written in pieces: every seam read back")
struct ExportPieceSeamTests {
    /// One gateway with `routes` routes: more nodes and edges than any format puts in one piece,
    /// with names that every format escapes scattered through them.
    static func graph(routes: Int) -> RouteGraph {
        var nodes = [Node(id: "gateway:gw", kind: .gateway)]
        var edges: [Edge] = []
        for i in 0..<routes {
            var attributes = Attributes()
            attributes.set(.name, i % 997 == 0 ? "r<&\"'\\,\n\(i)" : "route \(i)")
            attributes.set(.routeOrder, Int64(i))
            let id = "route:gw:\(i)"
            nodes.append(Node(id: id, kind: .route, attributes: attributes))
            edges.append(Edge(source: "gateway:gw", target: id, kind: .hasRoute))
        }
        return RouteGraph(nodes: nodes, edges: edges)
    }

    struct Counts: Decodable {
        var graphml: [Int]
        var csv: [Int]
        var jsonl: [Int]
        var names: Int
    }

    /// networkx, Python's csv and json modules: nodes and edges, and that every escaped name came
    /// back whole.
    static let consumers = #"""
        import csv, json, sys
        import networkx as nx
        d = sys.argv[1]
        g = nx.read_graphml(d + "/graph.graphml")
        with open(d + "/nodes.csv", newline="", encoding="utf-8") as f:
            nodes = list(csv.DictReader(f))
        with open(d + "/edges.csv", newline="", encoding="utf-8") as f:
            edges = list(csv.DictReader(f))
        with open(d + "/graph.jsonl", encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        odd = lambda name: name is not None and name.startswith("r<&\"'\\,\n")
        names = [sum(1 for _, n in g.nodes(data="name") if odd(n)),
                 sum(1 for r in nodes if odd(r["name"])),
                 sum(1 for r in records if odd(r.get("attributes", {}).get("name")))]
        print(json.dumps({
            "graphml": [g.number_of_nodes(), g.number_of_edges()],
            "csv": [len(nodes), len(edges)],
            "jsonl": [sum(r["type"] == "node" for r in records), sum(r["type"] == "edge" for r in records)],
            "names": names[0] if len(set(names)) == 1 else -1}))
        """#

    /// Nodes and edges of a DOT file as Graphviz's `gc` parses them (no layout, which would take
    /// minutes at this size).
    static func dotCounts(_ path: String) throws -> (nodes: Int, edges: Int) {
        let result = try ExternalTool.run(["gc", "-n", "-e", path])
        try #require(result.status == 0, "gc failed: \(result.stderr)")
        let numbers = result.stdout.split(separator: " ", omittingEmptySubsequences: true).prefix(2).compactMap { Int($0) }
        try #require(numbers.count == 2, "gc printed \(result.stdout)")
        return (numbers[0], numbers[1])
    }

    @Test func everyFormatReadsBackWholeAcrossItsPieces() throws {
        try #require(ExternalTool.available("gc") && ExternalTool.available("xmllint"), "graphviz and libxml2-utils are needed")
        let routes = 9_000  // past 8192, the largest piece of any format
        let scratch = try ScratchDirectory()
        _ = try GraphExport.write(Self.graph(routes: routes), formats: [.graphml, .dot, .csv, .jsonl], to: scratch.path("big"), threads: 2)
        // The legend's nodes and edges, from the DOT of an empty graph, are not the graph's.
        _ = try GraphExport.write(RouteGraph(nodes: [], edges: []), formats: [.dot], to: scratch.path("empty"), threads: 1)

        let counts = try ExternalTool.pythonJSON(Counts.self, Self.consumers, [scratch.path("big")])
        #expect(counts.graphml == [routes + 1, routes])
        #expect(counts.csv == [routes + 1, routes])
        #expect(counts.jsonl == [routes + 1, routes])
        #expect(counts.names == (routes + 996) / 997, "a name with characters to escape was cut or altered")

        let dot = try Self.dotCounts(scratch.path("big/graph.dot"))
        let legend = try Self.dotCounts(scratch.path("empty/graph.dot"))
        #expect(dot.nodes - legend.nodes == routes + 1)
        #expect(dot.edges - legend.edges == routes)

        let schema = packageRoot.appendingPathComponent("Schemas/graphml/graphml.xsd").path
        let lint = try ExternalTool.run(["xmllint", "--noout", "--schema", schema, scratch.path("big/graph.graphml")])
        #expect(lint.status == 0 && lint.stderr.contains("validates"), "\(lint.stderr)")
    }

    @Test func piecesDoNotDependOnTheThreadCount() throws {
        let scratch = try ScratchDirectory()
        let graph = Self.graph(routes: 9_000)
        for threads in [1, 2, 3] {
            _ = try GraphExport.write(graph, formats: [.graphml, .dot, .csv, .jsonl], to: scratch.path("t\(threads)"), threads: threads)
        }
        for name in ["graph.graphml", "graph.dot", "nodes.csv", "edges.csv", "graph.jsonl"] {
            let one = try Data(contentsOf: URL(fileURLWithPath: scratch.path("t1/" + name)))
            for threads in [2, 3] {
                let other = try Data(contentsOf: URL(fileURLWithPath: scratch.path("t\(threads)/" + name)))
                #expect(other == one, "\(name) differs between 1 and \(threads) threads")
            }
        }
    }

    /// Small graphs' files are written one at a time, larger ones' side by side with few or many
    /// pieces waiting for each file (`ExportPace`): the same bytes at every pace, whichever a
    /// graph's size picks.
    @Test func filesWrittenAtEveryPaceAreTheSame() throws {
        let scratch = try ScratchDirectory()
        let graph = Self.graph(routes: 9_000)
        let formats: [OutputFormat] = [.graphml, .dot, .csv, .jsonl]
        let paces: [ExportPace] = [.oneFileAtATime, .sideBySide(piecesAheadPerThread: 2), .sideBySide(piecesAheadPerThread: 8)]
        let written = try paces.enumerated().map { i, pace in
            try GraphExport.write(graph, formats: formats, to: scratch.path("pace\(i)"), threads: 2, pace: pace)
        }
        #expect(written.allSatisfy { $0.count == 7 })
        for (i, file) in written[0].enumerated() {
            let first = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(!first.isEmpty)
            for other in written.dropFirst() {
                #expect(try Data(contentsOf: URL(fileURLWithPath: other[i])) == first, "\((file as NSString).lastPathComponent) differs")
            }
        }
    }

    /// Each pace in its range of graph sizes, and the pieces each lets wait.
    @Test func paceFollowsTheGraphsSize() {
        #expect(ExportPace.forGraph(rows: 17_500) == .oneFileAtATime)
        #expect(ExportPace.forGraph(rows: 163_000) == .sideBySide(piecesAheadPerThread: 2))
        #expect(ExportPace.forGraph(rows: 1_420_000) == .sideBySide(piecesAheadPerThread: 8))
        #expect(ExportPace.oneFileAtATime.maxPendingPieces(threads: 2) == 4)
        #expect(ExportPace.sideBySide(piecesAheadPerThread: 8).maxPendingPieces(threads: 2) == 16)
        #expect(ExportPace.sideBySide(piecesAheadPerThread: 2).maxPendingPieces(threads: 1) == 2)
    }
}
