import Foundation
import Testing

@testable import RouteGraph

@Suite("DOT writer")
struct DOTWriterTests {
    /// What Graphviz itself read from the file: `dot -Tjson`, boiled down by Python.
    struct Parsed: Decodable {
        struct Node: Decodable {
            var name: String
            var label: String
            var tooltip: String
        }
        struct Edge: Decodable {
            var tail: String
            var head: String
            var label: String
            var style: String
        }
        struct Cluster: Decodable {
            var name: String
            var label: String
            var tooltip: String
            var nodes: [String]
        }
        var strict: Bool
        var directed: Bool
        var nodes: [Node]
        var edges: [Edge]
        var clusters: [Cluster]

        var graphNodes: [Node] { nodes.filter { !$0.name.hasPrefix("legend_") } }
        var graphEdges: [Edge] { edges.filter { !$0.tail.hasPrefix("legend_") && !$0.head.hasPrefix("legend_") } }
    }

    static let summarise = #"""
        import json, subprocess, sys
        run = subprocess.run(["dot", "-Tjson", sys.argv[1]], capture_output=True)
        if run.returncode != 0 or run.stderr:
            sys.exit("dot -Tjson failed: %r" % run.stderr)
        d = json.loads(run.stdout.decode("utf-8"))
        count = d.get("_subgraph_cnt", 0)
        objects = d.get("objects", [])
        byId = {o["_gvid"]: o for o in objects}
        print(json.dumps({
            "strict": d["strict"], "directed": d["directed"],
            "nodes": [{"name": o["name"], "label": o.get("label", ""), "tooltip": o.get("tooltip", "")}
                      for o in objects[count:]],
            "edges": [{"tail": byId[e["tail"]]["name"], "head": byId[e["head"]]["name"],
                       "label": e.get("label", ""), "style": e.get("style", "")} for e in d.get("edges", [])],
            "clusters": [{"name": o["name"], "label": o.get("label", ""), "tooltip": o.get("tooltip", ""),
                          "nodes": [byId[i]["name"] for i in o.get("nodes", [])]} for o in objects[:count]],
        }, ensure_ascii=True))
        """#

    /// Undoes DOT's escString quoting as Graphviz shows it (`\\` and `\n`), then the `&amp;` the writer
    /// adds, giving the text a reader of the diagram sees.
    static func shown(_ dot: String) -> String {
        var out = ""
        var scalars = dot.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\", let escaped = scalars.next() else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch escaped {
            case "n": out += "\n"
            case "\\": out += "\\"
            default: out += "\\" + String(escaped)
            }
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The documented replacement: line breaks of any kind become LF, other control characters and
    /// noncharacters U+FFFD.
    static func expected(_ text: String) -> String {
        var out = ""
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for scalar in unified.unicodeScalars {
            let v = scalar.value
            let replaced =
                (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v)
                || v & 0xFFFE == 0xFFFE
            out.unicodeScalars.append(replaced ? "\u{FFFD}" : scalar)
        }
        return out
    }

    private func requireDot() throws {
        // Missing Graphviz must fail the run, not skip it: DOT output would go out unchecked.
        try #require(ExternalTool.available("dot"), "Graphviz `dot` must be installed to test DOT output")
    }

    private func parse(_ graph: RouteGraph) throws -> (Parsed, String) {
        try requireDot()
        let scratch = try ScratchDirectory()
        let path = scratch.path("graph.dot")
        try DOTWriter.write(graph, to: path)
        let parsed = try ExternalTool.pythonJSON(Parsed.self, Self.summarise, [path])
        return (parsed, try String(contentsOfFile: path, encoding: .utf8))
    }

    /// The sample graph plus a parallel edge: two ROUTES from one connection to one CIDR, through
    /// two tunnels, which `strict` would merge.
    static func sampleWithParallelEdges() -> RouteGraph {
        let graph = SampleGraphs.everyKind()
        let vco = "ipsec:vco-p0w2jpkhi2eeop6q6****"
        let cidr = "cidr:192.168.10.0/24"
        var second = Attributes()
        second.set(.entryType, "custom")
        second.set(.nextHop, "tun-second_one/x")
        second.set(.weight, Int64(0))
        let extra = Edge(source: vco, target: cidr, kind: .routes, key: "custom|tun-second_one/x", attributes: second)
        return RouteGraph(nodes: graph.nodes, edges: graph.edges + [extra])
    }

    /// The sample graph shows only some hostile strings in labels; this adds a service named with
    /// each of them, so every one reaches a label.
    static func sampleWithHostileLabels() -> RouteGraph {
        let sample = sampleWithParallelEdges()
        let services = SampleGraphs.hostileStrings.enumerated().map { i, text in
            var attributes = Attributes()
            attributes.set(.name, text)
            return Node(
                id: "service:gw-7ea3da97b96543e19f6c597c****:\(900 + i)", kind: .service, attributes: attributes)
        }
        return RouteGraph(nodes: sample.nodes + services, edges: sample.edges)
    }

    @Test("dot -Tsvg renders the file with exit status 0 and nothing on stderr")
    func svgRenders() throws {
        try requireDot()
        let scratch = try ScratchDirectory()
        let path = scratch.path("graph.dot")
        let svg = scratch.path("graph.svg")
        try DOTWriter.write(Self.sampleWithHostileLabels(), to: path)
        let result = try ExternalTool.run(["dot", "-Tsvg", path, "-o", svg])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        // What Graphviz made of our strings must still be well-formed XML for browsers to show it.
        let xml = try ExternalTool.python("import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", [svg])
        #expect(xml.status == 0, "SVG is not well-formed: \(xml.stderr)")
    }

    @Test("Graphviz reads every node and edge, parallel ones included, each node with its canonical id as tooltip")
    func nodesAndEdgesMatch() throws {
        let graph = Self.sampleWithParallelEdges()
        let (parsed, text) = try parse(graph)
        #expect(parsed.directed)
        #expect(!parsed.strict)
        #expect(text.hasPrefix("digraph routegraph {"))
        #expect(parsed.graphNodes.count == graph.nodes.count)
        #expect(parsed.graphEdges.count == graph.edges.count)
        #expect(parsed.graphNodes.map(\.tooltip).sorted() == graph.nodes.map(\.id).sorted())
        #expect(Set(parsed.graphNodes.map(\.name)).count == graph.nodes.count, "node names are unique")

        let idOfName = Dictionary(uniqueKeysWithValues: parsed.graphNodes.map { ($0.name, Self.shown($0.tooltip)) })
        let read = parsed.graphEdges.map {
            "\(idOfName[$0.tail] ?? "?") \(idOfName[$0.head] ?? "?") \(Self.shown($0.label))"
        }
        let written = graph.edges.map { "\($0.source) \($0.target) \(Self.expected($0.label))" }
        #expect(read.sorted() == written.sorted())
        #expect(
            parsed.graphEdges.filter { $0.label == "FALLS_BACK_TO" || $0.label == "80%" }.map(\.style).sorted() == [
                "", "dashed",
            ])
        #expect(parsed.graphEdges.filter { $0.label == "mirror 90%" }.map(\.style) == ["dotted"])
    }

    @Test("labels are the node labels, hostile strings shown after the documented replacement")
    func hostileLabels() throws {
        let graph = Self.sampleWithHostileLabels()
        let (parsed, _) = try parse(graph)
        let labelOfId = Dictionary(
            uniqueKeysWithValues: parsed.graphNodes.map { (Self.shown($0.tooltip), Self.shown($0.label)) })
        for node in graph.nodes {
            #expect(labelOfId[node.id] == Self.expected(node.label), "label of \(node.id)")
        }
        let labels = Set(labelOfId.values)
        for hostile in SampleGraphs.hostileStrings {
            #expect(labels.contains(Self.expected(hostile)), "lost: \(hostile.debugDescription)")
        }
        #expect(labels.contains("\u{FFFD}\u{FFFD}"))
        #expect(labels.contains("ctrl:\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}end"))
        #expect(labels.contains("line one\nline two\nline three"))
    }

    @Test("clusters: a gateway with its routes and services, a connection with its tunnels, domains and CIDRs outside")
    func clusters() throws {
        let graph = SampleGraphs.everyKind()
        let (parsed, _) = try parse(graph)
        let idOfName = Dictionary(uniqueKeysWithValues: parsed.graphNodes.map { ($0.name, Self.shown($0.tooltip)) })
        let clusters = parsed.clusters.filter { $0.name != "cluster_legend" }
        #expect(clusters.allSatisfy { $0.name.hasPrefix("cluster_") })
        var ownerOf: [String: String] = [:]
        for cluster in clusters {
            for name in cluster.nodes {
                #expect(ownerOf[idOfName[name] ?? name] == nil, "\(name) is in one cluster only")
                ownerOf[idOfName[name] ?? name] = Self.shown(cluster.tooltip)
            }
            #expect("gateway:" + cluster.label == cluster.tooltip || "ipsec:" + cluster.label == cluster.tooltip)
        }
        let gateway = "gateway:gw-7ea3da97b96543e19f6c597c****"
        let connection = "ipsec:vco-p0w2jpkhi2eeop6q6****"
        for node in graph.nodes {
            let expected: String? =
                switch node.kind {
                case .gateway, .route, .service: gateway
                case .ipsec, .tunnel: connection
                case .domain, .cidr: nil
                }
            #expect(ownerOf[node.id] == expected, "cluster of \(node.id)")
        }
        let legend = try #require(parsed.clusters.first { $0.name == "cluster_legend" })
        #expect(legend.nodes.sorted() == NodeKind.allCases.map { "legend_" + $0.rawValue }.sorted())
    }

    @Test("a tunnel of two connections goes into the first one's cluster")
    func tunnelOfTwoConnections() throws {
        let nodes = [
            Node(id: "ipsec:vco-b", kind: .ipsec), Node(id: "ipsec:vco-a", kind: .ipsec),
            Node(id: "tunnel:t", kind: .tunnel),
        ]
        let edges = [
            Edge(source: "ipsec:vco-b", target: "tunnel:t", kind: .hasTunnel),
            Edge(source: "ipsec:vco-a", target: "tunnel:t", kind: .hasTunnel),
        ]
        let (parsed, _) = try parse(RouteGraph(nodes: nodes, edges: edges))
        let tunnel = try #require(parsed.graphNodes.first { $0.tooltip == "tunnel:t" })
        let owners = parsed.clusters.filter { $0.nodes.contains(tunnel.name) }.map(\.tooltip)
        #expect(owners == ["ipsec:vco-a"])
    }

    @Test("long ids are shortened in labels, whole in tooltips; names are never shortened")
    func longIds() throws {
        let long = "tun-" + String(repeating: "0123456789", count: 5) + "-end"
        let name = String(repeating: "very long service name ", count: 3)
        var service = Attributes()
        service.set(.name, name)
        let graph = RouteGraph(
            nodes: [
                Node(id: "tunnel:\(long)", kind: .tunnel),
                Node(id: "service:gw:1", kind: .service, attributes: service),
            ],
            edges: [])
        let (parsed, _) = try parse(graph)
        let tunnel = try #require(parsed.graphNodes.first { $0.tooltip == "tunnel:\(long)" })
        #expect(tunnel.label.count == 32)
        #expect(tunnel.label.hasPrefix("tun-012345678901"))
        #expect(tunnel.label.hasSuffix("…90123456789-end"))
        #expect(parsed.graphNodes.contains { $0.label == name })
    }

    @Test("node names are FNV-1a-64 of the id, stable across runs; collisions get a deterministic suffix")
    func nodeNames() {
        #expect(DOTNames.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(DOTNames.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        var names = DOTNames(prefix: "n")
        #expect(names.name(for: "a") == "naf63dc4c8601ec8c")
        #expect(names.name(for: "a") == "naf63dc4c8601ec8c")
        var colliding = DOTNames(prefix: "n", hash: { _ in 0x2a })
        #expect(colliding.name(for: "x") == "n000000000000002a")
        #expect(colliding.name(for: "y") == "n000000000000002a_2")
        #expect(colliding.name(for: "z") == "n000000000000002a_3")
        #expect(colliding.name(for: "x") == "n000000000000002a")
    }

    @Test(
        "strings are quoted and escaped",
        arguments: [
            ("plain", #""plain""#), (#"a"b"#, #""a\"b""#), (#"a\N"#, #""a\\N""#), ("a\r\nb\nc\rd", #""a\nb\nc\nd""#),
            ("x&amp;", #""x&amp;amp;""#),
            ("\u{0}\u{7F}\u{85}\u{FFFE}\t", "\"\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\""),
            ("} -> { strict", #""} -> { strict""#),
        ])
    func quoting(text: String, quoted: String) {
        #expect(DOTString.quoted(text) == quoted)
    }

    @Test("the same graph, given in any order, gives the same bytes")
    func deterministic() throws {
        let graph = Self.sampleWithParallelEdges()
        let shuffled = RouteGraph(nodes: graph.nodes.shuffled(), edges: graph.edges.shuffled())
        let scratch = try ScratchDirectory()
        try DOTWriter.write(graph, to: scratch.path("a.dot"))
        try DOTWriter.write(shuffled, to: scratch.path("b.dot"))
        let a = try Data(contentsOf: URL(fileURLWithPath: scratch.path("a.dot")))
        #expect(!a.isEmpty)
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: scratch.path("b.dot")))))
        #expect(String(decoding: a, as: UTF8.self) == DOTWriter.render(graph))
    }

    @Test("writing into a missing directory throws OutputError and leaves no file")
    func missingDirectory() throws {
        let scratch = try ScratchDirectory()
        #expect(throws: OutputError.self) {
            try DOTWriter.write(SampleGraphs.everyKind(), to: scratch.path("missing/graph.dot"))
        }
        #expect(try scratch.contents() == [])
    }
}
