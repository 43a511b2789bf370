import Foundation
import Testing

@testable import RouteGraph

@Suite("CSV writer")
struct CSVWriterTests {
    /// Reads a CSV file with Python's `csv` module, strictly, and prints its rows.
    static let reader = #"""
        import csv, json, sys
        with open(sys.argv[1], encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, strict=True))
        print(json.dumps(rows, ensure_ascii=True))
        """#

    static let nodeHeader = "id,kind,label," + Attribute.nodeAttributes.map(\.rawValue).joined(separator: ",")
    static let edgeHeader =
        "source,target,kind,label," + Attribute.edgeAttributes.map(\.rawValue).joined(separator: ",")

    /// What a string becomes in CSV: itself, but for NUL.
    static func csvText(_ text: String) -> String { text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }

    static func expectedRows(nodes graph: RouteGraph) -> [[String]] {
        graph.nodes.map { node in
            [node.id, node.kind.rawValue, node.label].map(csvText)
                + Attribute.nodeAttributes.map { csvText(node.attributes[$0]?.text ?? "") }
        }
    }

    static func expectedRows(edges graph: RouteGraph) -> [[String]] {
        graph.edges.map { edge in
            [edge.source, edge.target, edge.kind.rawValue, edge.label].map(csvText)
                + Attribute.edgeAttributes.map { csvText(edge.attributes[$0]?.text ?? "") }
        }
    }

    private func read(_ path: String) throws -> [[String]] {
        try ExternalTool.pythonJSON([[String]].self, Self.reader, [path])
    }

    @Test("nodes.csv reads back with Python's csv: fixed header, one row per node, every value exact")
    func nodesRoundTrip() throws {
        let graph = SampleGraphs.everyKind()
        let scratch = try ScratchDirectory()
        let path = scratch.path("nodes.csv")
        try CSVWriter.writeNodes(graph, to: path)
        let rows = try read(path)
        try #require(rows.count == graph.nodes.count + 1)
        #expect(rows[0].joined(separator: ",") == Self.nodeHeader)
        for row in rows { #expect(row.count == rows[0].count) }
        #expect(Array(rows.dropFirst()) == Self.expectedRows(nodes: graph))
    }

    @Test("edges.csv reads back with Python's csv: fixed header, one row per edge, every value exact")
    func edgesRoundTrip() throws {
        let graph = SampleGraphs.everyKind()
        let scratch = try ScratchDirectory()
        let path = scratch.path("edges.csv")
        try CSVWriter.writeEdges(graph, to: path)
        let rows = try read(path)
        try #require(rows.count == graph.edges.count + 1)
        #expect(rows[0].joined(separator: ",") == Self.edgeHeader)
        for row in rows { #expect(row.count == rows[0].count) }
        #expect(Array(rows.dropFirst()) == Self.expectedRows(edges: graph))
    }

    @Test("hostile strings survive, NUL as U+FFFD; the file is UTF-8 with LF line ends and no BOM")
    func hostileStrings() throws {
        let graph = SampleGraphs.everyKind()
        let scratch = try ScratchDirectory()
        try CSVWriter.writeNodes(graph, to: scratch.path("nodes.csv"))
        try CSVWriter.writeEdges(graph, to: scratch.path("edges.csv"))
        let cells = Set(
            try read(scratch.path("nodes.csv")).flatMap { $0 } + read(scratch.path("edges.csv")).flatMap { $0 })
        for hostile in SampleGraphs.hostileStrings.prefix(6) {
            #expect(cells.contains(Self.csvText(hostile)), "lost: \(hostile.debugDescription)")
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: scratch.path("nodes.csv"))))
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(!bytes.contains(0))
        #expect(bytes.last == 0x0A)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(Self.nodeHeader + "\n"))
    }

    @Test(
        "fields are quoted exactly when RFC 4180 needs it",
        arguments: [
            ("plain", "plain"), ("", ""), ("a,b", #""a,b""#), (#"say "hi""#, #""say ""hi""""#),
            ("a\nb", "\"a\nb\""), ("a\r\nb", "\"a\r\nb\""), (" lead", #"" lead""#), ("trail ", #""trail ""#),
            ("nul\u{0}", "nul\u{FFFD}"), ("订单;x\ty", "订单;x\ty"), ("=cmd", "=cmd"),
        ])
    func quoting(field: String, written: String) {
        var bytes: [UInt8] = []
        CSVField.append(field, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == written)
    }

    @Test("missing values are empty fields, so every row has every column")
    func missingValues() {
        let graph = RouteGraph(nodes: [Node(id: "tunnel:t", kind: .tunnel)], edges: [])
        let text = CSVWriter.renderNodes(graph)
        let empty = String(repeating: ",", count: Attribute.nodeAttributes.count)
        #expect(text == Self.nodeHeader + "\n" + "tunnel:t,tunnel,t" + empty + "\n")
    }

    @Test("the same graph, given in any order, gives the same bytes")
    func deterministic() {
        let graph = SampleGraphs.everyKind()
        let shuffled = RouteGraph(nodes: graph.nodes.shuffled(), edges: graph.edges.shuffled())
        #expect(CSVWriter.renderNodes(graph) == CSVWriter.renderNodes(shuffled))
        #expect(CSVWriter.renderEdges(graph) == CSVWriter.renderEdges(shuffled))
    }

    @Test("writing into a missing directory throws OutputError and leaves no file")
    func missingDirectory() throws {
        let scratch = try ScratchDirectory()
        let graph = SampleGraphs.everyKind()
        #expect(throws: OutputError.self) { try CSVWriter.writeNodes(graph, to: scratch.path("missing/nodes.csv")) }
        #expect(throws: OutputError.self) { try CSVWriter.writeEdges(graph, to: scratch.path("missing/edges.csv")) }
        #expect(try scratch.contents() == [])
    }
}
