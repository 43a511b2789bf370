import Foundation
import Testing

@testable import RouteGraph

@Suite("GraphJSONLines reader")
struct GraphJSONLinesReaderTests {
    @Test("what JSONLinesWriter writes reads back as the same graph", arguments: [true, false])
    func roundTrip(hostile: Bool) throws {
        let scratch = try ScratchDirectory()
        let graph = SampleGraphs.everyKind(hostile: hostile)
        let path = scratch.path("graph.jsonl")
        try JSONLinesWriter.write(graph, to: path)
        #expect(try GraphJSONLinesReader().read(path: path) == graph)
        #expect(GraphJSONLinesReader.isGraphFile(path: path))
    }

    @Test("a converted graph round-trips, gzip and any file name included")
    func convertedRoundTrip() throws {
        let scratch = try ScratchDirectory()
        let graph = Conversion.run(inputs: [packageRoot.appendingPathComponent("Examples/responses").path]).graph
        let path = scratch.path("graph.jsonl")
        try JSONLinesWriter.write(graph, to: path)
        let gzipped = try ExternalTool.run(["gzip", "-k", path])
        try #require(gzipped.status == 0)
        let renamed = scratch.path("snapshot.json.gz")
        try FileManager.default.moveItem(atPath: path + ".gz", toPath: renamed)
        #expect(GraphJSONLinesReader.isGraphFile(path: renamed))
        #expect(try GraphJSONLinesReader().read(path: renamed) == graph)
    }

    @Test("responses, archives of responses and other files are not graph files")
    func detection() throws {
        for name in ["responses/mse-route.json", "responses/vpn-routes.json", "shapes/archive.jsonl", "shapes/archive.jsonl.gz",
                     "shapes/mse.xml", "bad/empty.json", "bad/truncated.json"] {
            #expect(!GraphJSONLinesReader.isGraphFile(path: packageRoot.appendingPathComponent("Examples/" + name).path), "\(name)")
        }
        #expect(!GraphJSONLinesReader.isGraphFile(path: "/nonexistent/graph.jsonl"))
    }

    @Test("records in canonical order are taken as they come; the first out of order or repeated hands all to a union")
    func collector() {
        let graph = Conversion.run(inputs: [packageRoot.appendingPathComponent("Examples/shapes").path]).graph
        #expect(graph.nodes.count > 10 && graph.edges.count > 10)
        func collect(_ nodes: [Node], _ edges: [Edge]) -> GraphRecordCollector {
            var records = GraphRecordCollector()
            for node in nodes { records.add(node) }
            for edge in edges { records.add(edge) }
            return records
        }
        let inOrder = collect(graph.nodes, graph.edges)
        #expect(inOrder.isCanonical)
        #expect(inOrder.graph == graph)

        // Out of order late in the file: what came before is kept.
        var lateNodes = graph.nodes
        lateNodes.swapAt(lateNodes.count - 1, lateNodes.count - 2)
        let late = collect(lateNodes, graph.edges)
        #expect(!late.isCanonical)
        #expect(late.graph == graph)
        let reversedEdges = collect(graph.nodes, graph.edges.reversed())
        #expect(!reversedEdges.isCanonical)
        #expect(reversedEdges.graph == graph)

        // A record given twice in a row: the later one's attributes win, as in a union.
        var renamed = graph.edges[3]
        renamed.attributes[.createdAt] = .string("2030-01-01T00:00:00Z")
        let repeated = collect(graph.nodes, Array(graph.edges[...3]) + [renamed] + Array(graph.edges[4...]))
        #expect(!repeated.isCanonical)
        #expect(repeated.graph == GraphUnion.of([graph, RouteGraph(nodes: [], edges: [renamed])]))
        #expect(repeated.graph.edges[3].attributes[.createdAt] == .string("2030-01-01T00:00:00Z"))
        // A node after the first edge is out of order, wherever its id sorts.
        var nodeAfterEdges = collect([], graph.edges)
        nodeAfterEdges.add(graph.nodes[0])
        #expect(!nodeAfterEdges.isCanonical)
        #expect(nodeAfterEdges.graph == RouteGraph(nodes: [graph.nodes[0]], edges: graph.edges))
    }

    /// Whether two strings are one string object (or the same small string), not merely equal.
    static func shareStorage(_ a: String, _ b: String) -> Bool {
        unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
    }

    @Test("ids are made once: an edge's ends are its nodes' id strings, through any growth of the table")
    func idsShared() throws {
        var table = GraphIdTable()
        let texts = (0..<5000).map { "service:gw-\(String(repeating: "x", count: $0 % 40)):\($0)" }
        let made = texts.map { text in text.utf8.withContiguousStorageIfAvailable { table.string($0) }! }
        for (text, string) in zip(texts, made) {
            #expect(string == text)
            let again = text.utf8.withContiguousStorageIfAvailable { table.string($0) }!
            #expect(Self.shareStorage(again, string), "\(text)")
            let asSource = text.utf8.withContiguousStorageIfAvailable { table.source($0) }!
            #expect(Self.shareStorage(asSource, string), "\(text)")
        }

        let scratch = try ScratchDirectory()
        let graph = Conversion.run(inputs: [packageRoot.appendingPathComponent("Examples/shapes").path]).graph
        let path = scratch.path("graph.jsonl")
        try JSONLinesWriter.write(graph, to: path)
        let read = try GraphJSONLinesReader().read(path: path)
        #expect(read == graph)
        var ended = 0
        for edge in read.edges {
            for end in [edge.source, edge.target] {
                guard let node = read.node(id: end) else { continue }
                #expect(Self.shareStorage(node.id, end), "\(end)")
                ended += 1
            }
        }
        #expect(ended > 2 * 10)
    }

    @Test("lines in any order and repeated records combine, the later line winning")
    func anyOrder() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("g.jsonl")
        let text = """
            {"type":"edge","source":"route:g:1","target":"service:g:2","kind":"ROUTES_TO","key":"","label":"","attributes":{"percent":80}}
            {"type":"node","id":"service:g:2","kind":"service","label":"","attributes":{"name":"a","port":1}}
            {"type":"node","id":"service:g:2","kind":"service","label":"","attributes":{"name":"b","port":null}}
            {"type":"edge","source":"route:g:1","target":"service:g:2","kind":"ROUTES_TO","label":"","attributes":{"percent":60,"version":"v2"}}

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let graph = try GraphJSONLinesReader().read(path: path)
        #expect(graph.nodes.count == 1 && graph.edges.count == 1)
        #expect(graph.nodes[0].attributes[.name] == .string("b"))
        #expect(graph.nodes[0].attributes[.port] == .integer(1))
        #expect(graph.edges[0].attributes[.percent] == .integer(60))
        #expect(graph.edges[0].attributes[.version] == .string("v2"))
    }

    @Test("a bad line stops the read with an error naming path:line", arguments: [
        (#"{"type":"node","id":"x"#, "not valid JSON"),
        (#"["node"]"#, "not a JSON object"),
        (#"{"type":"vertex","id":"service:g:1","kind":"service","attributes":{}}"#, "'vertex'"),
        (#"{"type":"node","id":"service:g:1","kind":"server","attributes":{}}"#, "unknown node kind"),
        (#"{"type":"node","id":"route:g:1","kind":"service","attributes":{}}"#, "does not begin with its kind"),
        (#"{"type":"node","id":"service:g:1","kind":"service","attributes":{"colour":"red"}}"#, "'colour'"),
        (#"{"type":"node","id":"service:g:1","kind":"service","attributes":{"percent":1}}"#, "does not belong"),
        (#"{"type":"node","id":"service:g:1","kind":"service","attributes":{"port":"80"}}"#, "must be an integer"),
        (#"{"type":"node","id":"route:g:1","kind":"route","attributes":{"fallback":1}}"#, "must be true or false"),
        (#"{"type":"edge","source":"a:1","target":"b:1","kind":"LINKS","key":"","attributes":{}}"#, "unknown edge kind"),
        (#"{"type":"node","id":"service:g:1","kind":"service"}"#, "'attributes'"),
        (#"{"id":"service:g:1","kind":"service","attributes":{}}"#, "'type' is missing or not a string"),
        (#"{"type":"node","id":7,"kind":"service","attributes":{}}"#, "'id' is missing or not a string"),
        (#"{"type":"node","id":"service:","kind":"service","attributes":{}}"#, "does not begin with its kind"),
        (#"{"type":"node","id":"service:g:1","kind":"Service","attributes":{}}"#, "unknown node kind 'Service'"),
        (#"{"type":"edge","target":"b:1","kind":"SERVES","key":"","attributes":{}}"#, "'source' is missing or not a string"),
    ])
    func badLine(line: String, expected: String) throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("graph.jsonl")
        let first = #"{"type":"node","id":"service:g:0","kind":"service","label":"0","attributes":{}}"#
        try (first + "\n" + line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(GraphJSONLinesReader.isGraphFile(path: path))
        do {
            _ = try GraphJSONLinesReader().read(path: path)
            Issue.record("read a bad line without an error: \(line)")
        } catch {
            #expect(error.description.hasPrefix(path + ":2: "), "\(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test("a string value repeating its attribute's last is that string; any other is its own")
    func recentValues() {
        var values = [RepeatedText](repeating: RepeatedText(), count: 2)
        func string(_ text: String, _ number: Int) -> String {
            Array(text.utf8).withUnsafeBufferPointer { values[number].text($0) }
        }
        let request = "0C865F67-2A43-6448-B6A8-1BD7F5558E6C"
        let first = string(request, 0)
        let again = string(request, 0)
        #expect(first == request && again == request)
        // The same storage, not a copy.
        #expect(unsafeBitCast(first, to: (UInt64, UInt64).self) == unsafeBitCast(again, to: (UInt64, UInt64).self))
        #expect(string("D2C8A835-468C-F1EE-02B6-9781814EEE03", 0) == "D2C8A835-468C-F1EE-02B6-9781814EEE03")
        #expect(string(request, 1) == request)
        #expect(string("", 1) == "")
        #expect(string(request, 0) == request)
    }

    @Test("an unreadable file is a typed error")
    func unreadable() throws {
        #expect(throws: GraphFileError.unreadable(path: "/nonexistent/graph.jsonl", reason: "does not exist")) {
            try GraphJSONLinesReader().read(path: "/nonexistent/graph.jsonl")
        }
    }
}
