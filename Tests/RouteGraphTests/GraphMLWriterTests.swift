import Foundation
import Testing

@testable import RouteGraph

@Suite("GraphML writer")
struct GraphMLWriterTests {
    // MARK: - Validity and readers

    /// The graphs every validity check runs on: every kind with and without hostile strings, every
    /// hostile string in names, labels and edge values, and no graph at all.
    static let graphs: [(String, RouteGraph)] = [
        ("every kind, hostile", SampleGraphs.everyKind(hostile: true)),
        ("every kind, plain", SampleGraphs.everyKind(hostile: false)),
        ("every hostile string", hostileGraph()),
        ("empty", RouteGraph(nodes: [], edges: [])),
    ]

    @Test("validates against the official GraphML XSD, offline", arguments: graphs.indices)
    func validatesAgainstSchema(graph index: Int) throws {
        try #require(ExternalTool.available("xmllint"), "xmllint is needed to validate GraphML; install libxml2-utils")
        let (name, graph) = Self.graphs[index]
        let (directory, file) = try writeToTemporaryFile(graph)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = packageRoot.appendingPathComponent("Schemas/graphml/graphml.xsd")
        let result = try ExternalTool.run(["xmllint", "--nonet", "--noout", "--schema", schema.path, file.path])
        #expect(result.status == 0, "\(name): xmllint: \(result.stderr)")
    }

    @Test("networkx reads back every node, edge and typed value", arguments: [true, false])
    func networkxRoundTrip(hostile: Bool) throws {
        let graph = SampleGraphs.everyKind(hostile: hostile)
        let read = try readWithNetworkx(graph)
        #expect(read.directed)
        #expect(read.nodes.count == graph.nodes.count)
        #expect(read.edges.count == graph.edges.count)
        for node in graph.nodes {
            let data = try #require(read.nodes[GraphMLWriter.graphMLId(for: node.id)], "node \(node.id) missing")
            #expect(data["canonicalId"] == .string(node.id))
            #expect(data == expectedData(of: node), "node \(node.id)")
        }
        for (index, edge) in graph.edges.enumerated() {
            let read = try #require(read.edges.first { $0.key == "e\(index)" }, "edge e\(index) missing")
            #expect(read.source == GraphMLWriter.graphMLId(for: edge.source))
            #expect(read.target == GraphMLWriter.graphMLId(for: edge.target))
            #expect(read.data == expectedData(of: edge), "edge \(edge.id)")
        }
    }

    @Test("hostile strings round-trip exactly, forbidden code points as U+FFFD")
    func hostileStringsRoundTrip() throws {
        let graph = Self.hostileGraph()
        let read = try readWithNetworkx(graph)
        for (index, text) in SampleGraphs.hostileStrings.enumerated() {
            let data = try #require(read.nodes["service:gw:\(index)"])
            #expect(data["name"] == .string(replacingForbidden(text)))
            #expect(data["description"] == .string(replacingForbidden(text)))
            #expect(data["label"] == .string(replacingForbidden(text)))
            let edge = try #require(read.edges.first { $0.source == "service:gw:\(index)" })
            #expect(edge.data["version"] == .string(replacingForbidden(text)))
        }
        // The documented replacement, spelled out: six controls become U+FFFD, DEL is allowed.
        let controls = try #require(read.nodes["service:gw:3"]?["name"])
        #expect(controls == .string("ctrl:" + String(repeating: "\u{FFFD}", count: 6) + "\u{7F}end"))
        #expect(read.nodes["service:gw:9"]?["name"] == .string("\u{FFFD}\u{FFFD}"))
    }

    @Test("missing and empty values are left out, not written empty")
    func missingValuesLeftOut() throws {
        var attributes = Attributes()
        attributes[.name] = .string("")
        attributes[.port] = .integer(0)
        let graph = RouteGraph(nodes: [Node(id: "service:gw:1", kind: .service, attributes: attributes)], edges: [])
        let read = try readWithNetworkx(graph)
        let data = try #require(read.nodes["service:gw:1"])
        #expect(data["name"] == nil)
        #expect(data["port"] == .integer(0))
        #expect(data["serviceId"] == nil)
        let (directory, file) = try writeToTemporaryFile(graph)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains("></data>"))
        #expect(!text.contains("<data key=\"n_name\""))
        #expect(text.contains("<data key=\"n_port\">0</data>"))
    }

    @Test("declares every key with for, attr.name and attr.type, node keys then edge keys in column order")
    func keyDeclarations() throws {
        let (directory, file) = try writeToTemporaryFile(SampleGraphs.everyKind())
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = """
            import sys, json
            import xml.etree.ElementTree as ET
            ns = "{http://graphml.graphdrawing.org/xmlns}"
            root = ET.parse(sys.argv[1]).getroot()
            graph = root.find(ns + "graph")
            keys = [[k.get("id"), k.get("for"), k.get("attr.name"), k.get("attr.type")]
                    for k in root.findall(ns + "key")]
            print(json.dumps({"root": root.tag, "keys": keys, "graph": [graph.get("id"), graph.get("edgedefault")]}))
            """
        let result = try ExternalTool.python(program, [file.path])
        try #require(result.status == 0, "python3: \(result.stderr)")
        struct Declarations: Decodable {
            var root: String
            var keys: [[String]]
            var graph: [String]
        }
        let declared = try JSONDecoder().decode(Declarations.self, from: Data(result.stdout.utf8))
        #expect(declared.root == "{http://graphml.graphdrawing.org/xmlns}graphml")
        #expect(declared.graph == ["routegraph", "directed"])
        var expected: [[String]] = [
            ["n_kind", "node", "kind", "string"], ["n_label", "node", "label", "string"],
            ["n_canonicalId", "node", "canonicalId", "string"],
        ]
        expected += Attribute.nodeAttributes.map { ["n_\($0.rawValue)", "node", $0.rawValue, $0.type.rawValue] }
        expected += [["e_kind", "edge", "kind", "string"], ["e_label", "edge", "label", "string"]]
        expected += Attribute.edgeAttributes.map { ["e_\($0.rawValue)", "edge", $0.rawValue, $0.type.rawValue] }
        #expect(declared.keys == expected)
        #expect(Set(declared.keys.map { $0[0] }).count == declared.keys.count, "key ids must be distinct")
        #expect(declared.keys.contains(["n_gatewayId", "node", "gatewayId", "long"]))
        #expect(declared.keys.contains(["e_percent", "edge", "percent", "int"]))
        #expect(declared.keys.contains(["n_complete", "node", "complete", "boolean"]))
    }

    // MARK: - Ids and text

    @Test("node ids escape every character outside [A-Za-z0-9.:-] as _xHHHH_")
    func idEscaping() {
        #expect(GraphMLWriter.graphMLId(for: "cidr:192.168.10.0/24") == "cidr:192.168.10.0_x002F_24")
        #expect(GraphMLWriter.graphMLId(for: "gateway:gw-7ea3****") == "gateway:gw-7ea3_x002A__x002A__x002A__x002A_")
        #expect(GraphMLWriter.graphMLId(for: "tunnel:a_b") == "tunnel:a_x005F_b")
        #expect(GraphMLWriter.graphMLId(for: "domain:测.com") == "domain:_x6D4B_.com")
        #expect(GraphMLWriter.graphMLId(for: "x:🚀") == "x:_x1F680_")
        #expect(GraphMLWriter.graphMLId(for: "a b\u{0}") == "a_x0020_b_x0000_")
        #expect(GraphMLWriter.graphMLId(for: "Az09.:-") == "Az09.:-")
        // `_` itself is escaped, so an id that looks escaped already stays distinct.
        #expect(GraphMLWriter.graphMLId(for: "a_x002F_") != GraphMLWriter.graphMLId(for: "a/"))
    }

    @Test("escaped ids are XML name tokens and distinct for every node of the sample graph")
    func escapedIdsAreNameTokens() {
        let graph = SampleGraphs.everyKind()
        let ids = graph.nodes.map { GraphMLWriter.graphMLId(for: $0.id) }
        #expect(Set(ids).count == ids.count)
        let nameToken = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.:-_".unicodeScalars)
        for id in ids {
            #expect(id.unicodeScalars.allSatisfy { nameToken.contains($0) }, "\(id)")
        }
    }

    @Test("sanitising replaces exactly the code points XML 1.0 forbids")
    func sanitising() {
        #expect(XMLText.sanitised("plain") == "plain")
        #expect(XMLText.sanitised("tab\tlf\ncr\r") == "tab\tlf\ncr\r")
        #expect(XMLText.sanitised("a\u{0}b") == "a\u{FFFD}b")
        #expect(XMLText.sanitised("\u{1}\u{1F}\u{7F}") == "\u{FFFD}\u{FFFD}\u{7F}")
        #expect(XMLText.sanitised("\u{FFFE}\u{FFFF}\u{FFFD}\u{FFFC}") == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFC}")
        #expect(XMLText.sanitised("訂\u{EFBF}🚀") == "訂\u{EFBF}🚀")
        for text in SampleGraphs.hostileStrings {
            #expect(XMLText.sanitised(text) == replacingForbidden(text))
        }
    }

    // MARK: - Determinism and atomicity

    @Test("the same graph gives byte-identical files")
    func deterministic() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let graph = SampleGraphs.everyKind()
        let shuffled = RouteGraph(nodes: graph.nodes.reversed(), edges: graph.edges.reversed())
        let first = directory.appendingPathComponent("first.graphml")
        let second = directory.appendingPathComponent("second.graphml")
        try GraphMLWriter.write(graph, to: first.path)
        try GraphMLWriter.write(shuffled, to: second.path)
        let bytes = try Data(contentsOf: first)
        #expect(bytes.count > 1000)
        #expect(bytes == (try Data(contentsOf: second)))
    }

    @Test("writing into a missing directory throws and leaves nothing")
    func missingDirectory() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("absent")
        #expect(throws: OutputError.self) {
            try GraphMLWriter.write(SampleGraphs.everyKind(), to: missing.appendingPathComponent("g.graphml").path)
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("an existing file is replaced on success, and no temporary file remains")
    func replacesOnSuccess() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("g.graphml")
        try Data("old contents".utf8).write(to: file)
        try GraphMLWriter.write(SampleGraphs.everyKind(), to: file.path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml"))
        #expect(text.hasSuffix("</graphml>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["g.graphml"])
    }

    @Test("a failure to move the file into place leaves what was there and no temporary file")
    func failureLeavesExisting() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A non-empty directory at the output path: every step succeeds up to the rename, which
        // cannot replace it. (Permissions cannot make the write fail when tests run as root.)
        let target = directory.appendingPathComponent("g.graphml")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        var thrown: OutputError?
        do {
            try GraphMLWriter.write(SampleGraphs.everyKind(), to: target.path)
        } catch {
            thrown = error
        }
        guard case .renameFailed? = thrown else {
            Issue.record("expected renameFailed, got \(String(describing: thrown))")
            return
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["g.graphml"])
        #expect(try Data(contentsOf: target.appendingPathComponent("inside")) == Data("keep".utf8))
    }

    // MARK: - Helpers

    /// What networkx read: node data by GraphML id, edges keyed by their GraphML id.
    struct NetworkxGraph: Decodable {
        struct Edge: Decodable {
            var source: String
            var target: String
            var key: String
            var data: [String: TypedValue]
        }
        var directed: Bool
        var nodes: [String: [String: TypedValue]]
        var edges: [Edge]
    }

    /// A value as networkx typed it, sent as `[python type name, value]`, so an int read back as a
    /// string (a wrong `attr.type`) does not compare equal.
    struct TypedValue: Decodable, Equatable {
        var value: AttributeValue

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            switch try container.decode(String.self) {
            case "int": value = .integer(try container.decode(Int64.self))
            case "bool": value = .boolean(try container.decode(Bool.self))
            case "str": value = .string(try container.decode(String.self))
            case let other:
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "python type \(other)")
            }
        }

        init(_ value: AttributeValue) { self.value = value }

        static func string(_ s: String) -> TypedValue { TypedValue(.string(s)) }
        static func integer(_ i: Int64) -> TypedValue { TypedValue(.integer(i)) }
    }

    /// One service per hostile string, in its name and description and on an edge's `version`.
    static func hostileGraph() -> RouteGraph {
        var nodes: [Node] = []
        var edges: [Edge] = []
        for (index, text) in SampleGraphs.hostileStrings.enumerated() {
            var attributes = Attributes()
            attributes.set(.name, text)
            attributes.set(.description, text)
            nodes.append(Node(id: "service:gw:\(index)", kind: .service, attributes: attributes))
            var edgeAttributes = Attributes()
            edgeAttributes.set(.version, text)
            let edge = Edge(
                source: "service:gw:\(index)", target: "service:gw:0", kind: .routesTo, attributes: edgeAttributes)
            edges.append(edge)
        }
        return RouteGraph(nodes: nodes, edges: edges)
    }

    private func writeToTemporaryFile(_ graph: RouteGraph) throws -> (URL, URL) {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("graph.graphml")
        try GraphMLWriter.write(graph, to: file.path)
        return (directory, file)
    }

    private func readWithNetworkx(_ graph: RouteGraph) throws -> NetworkxGraph {
        let (directory, file) = try writeToTemporaryFile(graph)
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = """
            import sys, json
            import networkx as nx
            g = nx.read_graphml(sys.argv[1], force_multigraph=True)
            def typed(d):
                return {k: [type(v).__name__, v] for k, v in d.items()}
            print(json.dumps({
                "directed": g.is_directed(),
                "nodes": {n: typed(d) for n, d in g.nodes(data=True)},
                "edges": [{"source": u, "target": v, "key": k, "data": typed(d)}
                          for u, v, k, d in g.edges(keys=True, data=True)],
            }, ensure_ascii=True))
            """
        let result = try ExternalTool.python(program, [file.path])
        try #require(result.status == 0, "networkx: \(result.stderr)")
        return try JSONDecoder().decode(NetworkxGraph.self, from: Data(result.stdout.utf8))
    }

    /// The documented replacement, written independently of `XMLText` so that a mistake there
    /// shows up here.
    private func replacingForbidden(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let forbidden = (v < 0x20 && v != 0x9 && v != 0xA && v != 0xD) || v == 0xFFFE || v == 0xFFFF
            scalars.append(forbidden ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }

    private func expected(_ attributes: Attributes, _ columns: [Attribute]) -> [String: TypedValue] {
        var data: [String: TypedValue] = [:]
        for (attribute, value) in attributes.all where columns.contains(attribute) {
            if case .string(let s) = value {
                if !s.isEmpty { data[attribute.rawValue] = .string(replacingForbidden(s)) }
            } else {
                data[attribute.rawValue] = TypedValue(value)
            }
        }
        return data
    }

    private func expectedData(of node: Node) -> [String: TypedValue] {
        var data = expected(node.attributes, Attribute.nodeAttributes)
        data["kind"] = .string(node.kind.rawValue)
        data["label"] = .string(replacingForbidden(node.label))
        data["canonicalId"] = .string(replacingForbidden(node.id))
        return data
    }

    private func expectedData(of edge: Edge) -> [String: TypedValue] {
        var data = expected(edge.attributes, Attribute.edgeAttributes)
        data["kind"] = .string(edge.kind.rawValue)
        data["label"] = .string(replacingForbidden(edge.label))
        return data
    }
}
