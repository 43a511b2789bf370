import Foundation
import Testing

@testable import RouteGraph

@Suite("JSON Lines writer")
struct JSONLinesWriterTests {
    /// What Python makes of one line: the keys in order, and every value with its Python type.
    struct ParsedRecord: Decodable {
        var keys: [String]
        var fields: [String: String]
        var attributeNames: [String]
        /// name → [Python type name, value as text]
        var attributes: [String: [String]]
    }

    struct ParsedFile: Decodable {
        var errors: [String]
        var endsWithNewline: Bool
        var records: [ParsedRecord]
    }

    /// Parses every line with `json`, validates it with `jsonschema` against our schema.
    static let reader = #"""
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        data = open(sys.argv[2], encoding="utf-8", newline="").read()
        lines = data.split("\n")
        out = {"errors": [], "endsWithNewline": lines[-1] == "", "records": []}
        def text(v):
            return ("true" if v else "false") if isinstance(v, bool) else str(v)
        for number, line in enumerate(lines[:-1], 1):
            record = json.loads(line)
            for error in validator.iter_errors(record):
                out["errors"].append("line %d: %s" % (number, error.message))
            attributes = record.get("attributes", {})
            out["records"].append({
                "keys": list(record.keys()),
                "fields": {k: v for k, v in record.items() if isinstance(v, str)},
                "attributeNames": list(attributes.keys()),
                "attributes": {k: [type(v).__name__, text(v)] for k, v in attributes.items()},
            })
        print(json.dumps(out, ensure_ascii=True))
        """#

    static var schemaPath: String { packageRoot.appendingPathComponent("Schemas/graph.schema.json").path }

    private func parse(_ graph: RouteGraph) throws -> ParsedFile {
        let scratch = try ScratchDirectory()
        let path = scratch.path("graph.jsonl")
        try JSONLinesWriter.write(graph, to: path)
        return try ExternalTool.pythonJSON(ParsedFile.self, Self.reader, [Self.schemaPath, path])
    }

    private func expectedAttributes(_ attributes: Attributes, _ columns: [Attribute]) -> ([String], [String: [String]])
    {
        let present = columns.filter { attributes[$0] != nil }
        var typed: [String: [String]] = [:]
        for attribute in present {
            let value = attributes[attribute]!
            let type =
                switch value {
                case .string: "str"
                case .integer: "int"
                case .boolean: "bool"
                }
            typed[attribute.rawValue] = [type, value.text]
        }
        return (present.map(\.rawValue), typed)
    }

    @Test("every line parses, validates against the schema and gives back the graph, types included")
    func roundTripsThroughPythonAndSchema() throws {
        let graph = SampleGraphs.everyKind()
        let parsed = try parse(graph)
        #expect(parsed.errors == [])
        #expect(parsed.endsWithNewline)
        try #require(parsed.records.count == graph.nodes.count + graph.edges.count)

        for (node, record) in zip(graph.nodes, parsed.records) {
            #expect(record.keys == ["type", "id", "kind", "label", "attributes"])
            #expect(record.fields == ["type": "node", "id": node.id, "kind": node.kind.rawValue, "label": node.label])
            let (names, typed) = expectedAttributes(node.attributes, Attribute.nodeAttributes)
            #expect(record.attributeNames == names, "attribute order of \(node.id)")
            #expect(record.attributes == typed, "attributes of \(node.id)")
        }
        for (edge, record) in zip(graph.edges, parsed.records.dropFirst(graph.nodes.count)) {
            #expect(record.keys == ["type", "source", "target", "kind", "key", "label", "attributes"])
            #expect(
                record.fields == [
                    "type": "edge", "source": edge.source, "target": edge.target, "kind": edge.kind.rawValue,
                    "key": edge.key, "label": edge.label,
                ])
            let (names, typed) = expectedAttributes(edge.attributes, Attribute.edgeAttributes)
            #expect(record.attributeNames == names, "attribute order of \(edge.id)")
            #expect(record.attributes == typed, "attributes of \(edge.id)")
        }
    }

    @Test("hostile strings come back exactly, NUL and all")
    func hostileStringsRoundTrip() throws {
        let parsed = try parse(SampleGraphs.everyKind())
        let values = Set(parsed.records.flatMap { Array($0.fields.values) + $0.attributes.values.map { $0[1] } })
        for hostile in SampleGraphs.hostileStrings.prefix(6) {
            #expect(values.contains(hostile), "lost: \(hostile.debugDescription)")
        }
    }

    @Test("integers and booleans are JSON numbers and booleans, strings escaped per RFC 8259")
    func exactLineFormat() {
        var attributes = Attributes()
        attributes.set(.name, "a\"b\\c\n\t\u{0}\u{1F}\u{7F}é🚀/")
        attributes.set(.routeId, Int64(-9_007_199_254_740_993))
        attributes.set(.ignoreCase, false)
        attributes.set(.input, "f.jsonl:3")
        let route = Node(id: "route:gw:1", kind: .route, attributes: attributes)
        var edgeAttributes = Attributes()
        edgeAttributes.set(.weight, Int64(100))
        edgeAttributes.set(.routeSource, "CLOUD")
        let edge = Edge(
            source: "ipsec:v", target: "cidr:10.0.0.0/8", kind: .routes, key: "custom|v", attributes: edgeAttributes)
        let plain = Edge(source: "gateway:gw", target: "route:gw:1", kind: .hasRoute)
        let text = JSONLinesWriter.render(RouteGraph(nodes: [route], edges: [edge, plain]))
        let name = #""a\"b\\c\n\t\u0000\u001f"# + "\u{7F}é🚀/\""
        #expect(
            text == """
                {"type":"node","id":"route:gw:1","kind":"route","label":\(name),"attributes":{"routeId":-9007199254740993,"name":\(name),"ignoreCase":false,"input":"f.jsonl:3"}}
                {"type":"edge","source":"gateway:gw","target":"route:gw:1","kind":"HAS_ROUTE","key":"","label":"HAS_ROUTE","attributes":{}}
                {"type":"edge","source":"ipsec:v","target":"cidr:10.0.0.0/8","kind":"ROUTES","key":"custom|v","label":"weight 100","attributes":{"weight":100,"routeSource":"CLOUD"}}

                """)
    }

    @Test("the schema lists exactly the attributes of the model, with their types")
    func schemaMatchesModel() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        for (name, columns) in [
            ("nodeAttributes", Attribute.nodeAttributes), ("edgeAttributes", Attribute.edgeAttributes),
        ] {
            let object = try #require(defs[name] as? [String: Any])
            #expect(object["additionalProperties"] as? Bool == false)
            let properties = try #require(object["properties"] as? [String: [String: Any]])
            #expect(Set(properties.keys) == Set(columns.map(\.rawValue)), "\(name) names")
            for attribute in columns {
                let expected =
                    switch attribute.type {
                    case .string: "string"
                    case .int, .long: "integer"
                    case .boolean: "boolean"
                    }
                #expect(properties[attribute.rawValue]?["type"] as? String == expected, "\(name).\(attribute.rawValue)")
            }
        }
        let node = try #require(defs["node"] as? [String: Any])
        let kinds = try #require((node["properties"] as? [String: [String: Any]])?["kind"]?["enum"] as? [String])
        #expect(kinds == NodeKind.allCases.map(\.rawValue))
        let edge = try #require(defs["edge"] as? [String: Any])
        let edgeKinds = try #require((edge["properties"] as? [String: [String: Any]])?["kind"]?["enum"] as? [String])
        #expect(edgeKinds == EdgeKind.allCases.map(\.rawValue))
    }

    @Test("the schema rejects what is not a record")
    func schemaRejects() throws {
        let program = #"""
            import json, sys, jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1], encoding="utf-8")))
            bad = [
                {"type": "node", "id": "route:g:1", "kind": "route", "label": "x", "attributes": {"routeId": "1"}},
                {"type": "node", "id": "route:g:1", "kind": "route", "label": "x", "attributes": {"bogus": 1}},
                {"type": "node", "id": "route:g:1", "kind": "router", "label": "x", "attributes": {}},
                {"type": "edge", "source": "a", "target": "b", "kind": "ROUTES", "label": "x", "attributes": {}},
                {"type": "edge", "source": "a", "target": "b", "kind": "ROUTES", "key": "", "label": "x", "attributes": {"weight": True}},
            ]
            print(json.dumps([validator.is_valid(record) for record in bad]))
            """#
        let valid = try ExternalTool.pythonJSON([Bool].self, program, [Self.schemaPath])
        #expect(valid == [false, false, false, false, false])
    }

    @Test("edge lines of a whole file, ends quoted once per node, are the lines of each edge alone", arguments: [false, true])
    func edgeEnds(hostile: Bool) {
        // The file's edges take their ends' text from a table of the nodes' ids; an edge written
        // alone, and an end without a node, escape theirs where they are written.
        let sample = SampleGraphs.everyKind(hostile: hostile)
        let dangling = DOTBytesTests.danglingGraph()
        for graph in [sample, dangling] {
            let lines = JSONLinesWriter.render(graph).split(separator: "\n").map(String.init)
            let edgeLines = lines.suffix(graph.edges.count)
            #expect(lines.count == graph.nodes.count + graph.edges.count)
            for (line, edge) in zip(edgeLines, graph.edges) {
                var alone: [UInt8] = []
                JSONLinesWriter.appendEdge(edge, to: &alone)
                #expect(line + "\n" == String(decoding: alone, as: UTF8.self))
            }
        }
        #expect(dangling.edges.contains { dangling.node(id: $0.target) == nil })
    }

    @Test("the same graph, given in any order, gives the same bytes")
    func deterministic() throws {
        let graph = SampleGraphs.everyKind()
        let shuffled = RouteGraph(nodes: graph.nodes.shuffled(), edges: graph.edges.shuffled())
        let scratch = try ScratchDirectory()
        try JSONLinesWriter.write(graph, to: scratch.path("a.jsonl"))
        try JSONLinesWriter.write(shuffled, to: scratch.path("b.jsonl"))
        let a = try Data(contentsOf: URL(fileURLWithPath: scratch.path("a.jsonl")))
        let b = try Data(contentsOf: URL(fileURLWithPath: scratch.path("b.jsonl")))
        #expect(!a.isEmpty)
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self) == JSONLinesWriter.render(graph))
    }

    @Test("writing into a missing directory throws OutputError and leaves no file")
    func missingDirectory() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("missing/graph.jsonl")
        #expect(throws: OutputError.self) { try JSONLinesWriter.write(SampleGraphs.everyKind(), to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try scratch.contents() == [])
    }

    @Test("the names made once are every attribute's and kind's JSON text, whatever the enum's order")
    func namesMadeOnce() throws {
        let names = JSONNames.shared
        for attribute in Attribute.allCases {
            let decoded = try JSONSerialization.jsonObject(with: Data("{".utf8 + Array(names.key(attribute)) + "0}".utf8)) as? [String: Int]
            #expect(decoded == [attribute.rawValue: 0], "\(attribute)")
        }
        for kind in NodeKind.allCases {
            #expect(Array(names.quoted(kind)) == Array("\"\(kind.rawValue)\"".utf8))
        }
        for kind in EdgeKind.allCases {
            #expect(Array(names.quoted(kind)) == Array("\"\(kind.rawValue)\"".utf8))
        }
    }
}
