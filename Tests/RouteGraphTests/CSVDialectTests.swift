import Foundation
import Testing

@testable import RouteGraph

@Suite("CSV dialects and Excel encoding")
struct CSVDialectTests {
    /// Reads nodes.csv and edges.csv with Python's csv and prints both as rows.
    static let reader = #"""
        import csv, json, sys
        def rows(path, encoding):
            with open(path, encoding=encoding, newline="") as f:
                return list(csv.reader(f, strict=True))
        enc = sys.argv[3] if len(sys.argv) > 3 else "utf-8"
        print(json.dumps({"nodes": rows(sys.argv[1], enc), "edges": rows(sys.argv[2], enc)}, ensure_ascii=True))
        """#

    struct Tables: Decodable {
        var nodes: [[String]]
        var edges: [[String]]
    }

    /// What Gephi's spreadsheet importer (ImporterSpreadsheetCSV) recognises without a mapping dialog:
    /// node columns `Id` and `Label`, edge columns `Source`, `Target`, `Type` (`Directed` or
    /// `Undirected`), `Label` and a numeric `Weight`, all matched case-insensitively, so no other
    /// column may repeat one of those names in another case. Prints the problems found.
    static let gephiExpectation = #"""
        import csv, json, sys
        def rows(p):
            with open(p, encoding="utf-8", newline="") as f:
                return list(csv.reader(f, strict=True))
        nodes, edges = rows(sys.argv[1]), rows(sys.argv[2])
        problems = []
        nh, eh = nodes[0], edges[0]
        if nh[:2] != ["Id", "Label"]: problems.append("node header starts %r" % nh[:2])
        if eh[:5] != ["Source", "Target", "Type", "Label", "Weight"]: problems.append("edge header starts %r" % eh[:5])
        for name, header in (("nodes", nh), ("edges", eh)):
            lower = [h.lower() for h in header]
            if len(set(lower)) != len(lower): problems.append("%s: a column name repeats ignoring case" % name)
        ids = set(r[0] for r in nodes[1:])
        if len(ids) != len(nodes) - 1: problems.append("node ids repeat")
        for r in edges[1:]:
            if r[2] != "Directed": problems.append("Type %r" % r[2])
            try: float(r[4])
            except ValueError: problems.append("Weight %r is not a number" % r[4])
            if r[0] not in ids or r[1] not in ids: problems.append("edge end without node: %r" % r[:2])
        print(json.dumps(problems))
        """#

    /// What `neo4j-admin database import` expects of its header files (Neo4j Operations Manual,
    /// "Import: CSV header format"): nodes with one `:ID` column and a `:LABEL` column, relationships
    /// with `:START_ID`, `:END_ID` and `:TYPE`; every other column `name` or `name:type` with a type
    /// neo4j-admin knows, no property named twice; values of int, long and boolean columns that parse
    /// as such (empty means no property); start and end ids that are node ids. Prints the problems.
    static let neo4jExpectation = #"""
        import csv, json, re, sys
        TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
                 "date", "localtime", "time", "localdatetime", "datetime", "duration"}
        def rows(p):
            with open(p, encoding="utf-8", newline="") as f:
                return list(csv.reader(f, strict=True))
        nodes, edges = rows(sys.argv[1]), rows(sys.argv[2])
        problems = []
        def check_header(header, special, name):
            props = []
            for h in header:
                if h in special: continue
                m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?", h)
                if not m: problems.append("%s: bad column %r" % (name, h)); continue
                if m.group(2) and m.group(2) not in TYPES: problems.append("%s: unknown type %r" % (name, h))
                if m.group(2) in ("ID", "LABEL"): problems.append(h)
                props.append(m.group(1))
            for s in special:
                if header.count(s) != 1: problems.append("%s: %s appears %d times" % (name, s, header.count(s)))
            if len(set(props)) != len(props): problems.append("%s: a property repeats" % name)
        def check_values(table, name):
            header = table[0]
            for i, h in enumerate(header):
                t = h.split(":")[1] if ":" in h and not h.startswith(":") else None
                for r in table[1:]:
                    v = r[i]
                    if v == "": continue
                    if t in ("int", "long") and not re.fullmatch(r"-?[0-9]+", v): problems.append("%s %s=%r" % (name, h, v))
                    if t == "boolean" and v not in ("true", "false"): problems.append("%s %s=%r" % (name, h, v))
        check_header(nodes[0], ["id:ID", ":LABEL"], "nodes")
        check_header(edges[0], [":START_ID", ":END_ID", ":TYPE"], "edges")
        check_values(nodes, "nodes"); check_values(edges, "edges")
        if "id:ID" in nodes[0] and ":START_ID" in edges[0] and ":END_ID" in edges[0]:
            ids = set(r[nodes[0].index("id:ID")] for r in nodes[1:])
            s, e = edges[0].index(":START_ID"), edges[0].index(":END_ID")
            for r in edges[1:]:
                if r[s] not in ids or r[e] not in ids: problems.append("relationship end without node: %r" % r[:2])
        print(json.dumps(problems))
        """#

    private func write(
        _ graph: RouteGraph, _ dialect: CSVDialect, excel: Bool = false, in scratch: borrowing ScratchDirectory
    )
        throws -> (String, String)
    {
        let nodes = scratch.path("nodes.csv")
        let edges = scratch.path("edges.csv")
        try CSVWriter.writeNodes(graph, to: nodes, dialect: dialect, encoding: CSVEncoding(excel: excel))
        try CSVWriter.writeEdges(graph, to: edges, dialect: dialect, encoding: CSVEncoding(excel: excel))
        return (nodes, edges)
    }

    @Test("gephi: nodes Id,Label,Kind and edges Source,Target,Type,Label,Weight as Gephi's spreadsheet import expects")
    func gephi() throws {
        let graph = SampleGraphs.everyKind()
        let scratch = try ScratchDirectory()
        let (nodes, edges) = try write(graph, .gephi, in: scratch)
        let problems = try ExternalTool.pythonJSON([String].self, Self.gephiExpectation, [nodes, edges])
        #expect(problems == [])

        let tables = try ExternalTool.pythonJSON(Tables.self, Self.reader, [nodes, edges])
        #expect(Array(tables.nodes[0].prefix(3)) == ["Id", "Label", "Kind"])
        #expect(Array(tables.edges[0].prefix(6)) == ["Source", "Target", "Type", "Label", "Weight", "Kind"])
        #expect(!tables.edges[0].contains("weight"))
        try #require(tables.nodes.count == graph.nodes.count + 1 && tables.edges.count == graph.edges.count + 1)
        for (row, node) in zip(tables.nodes.dropFirst(), graph.nodes) {
            #expect(row[2] == node.kind.rawValue)
        }
        // Weight: percent where there is one, else the VPN weight, else 1.
        let weights = Dictionary(
            zip(graph.edges, tables.edges.dropFirst()).map { ("\($0.0.kind.rawValue) \($0.0.key)", $0.1[4]) },
            uniquingKeysWith: { a, _ in a })
        #expect(weights["ROUTES_TO "] == "80")
        #expect(weights["ROUTES custom|vco-p0w2jpkhi2eeop6q6****"] == "100")
        #expect(weights["ROUTES bgp|169.254.0.1"] == "1")
        #expect(weights["HAS_ROUTE "] == "1")
    }

    @Test("neo4j: headers, typed columns, labels and types as neo4j-admin database import expects")
    func neo4j() throws {
        let graph = SampleGraphs.everyKind()
        let scratch = try ScratchDirectory()
        let (nodes, edges) = try write(graph, .neo4j, in: scratch)
        let problems = try ExternalTool.pythonJSON([String].self, Self.neo4jExpectation, [nodes, edges])
        #expect(problems == [])

        let tables = try ExternalTool.pythonJSON(Tables.self, Self.reader, [nodes, edges])
        let nodeHeader = tables.nodes[0]
        let edgeHeader = tables.edges[0]
        #expect(Array(nodeHeader.prefix(2)) == ["id:ID", ":LABEL"])
        #expect(Array(edgeHeader.prefix(3)) == [":START_ID", ":END_ID", ":TYPE"])
        for column in [
            "routeId:long", "gatewayId:long", "status:int", "complete:boolean", "ignoreCase:boolean", "name",
        ] {
            #expect(nodeHeader.contains(column), "missing \(column)")
        }
        for column in ["percent:int", "weight:int", "routeSource", "createdAt"] {
            #expect(edgeHeader.contains(column), "missing \(column)")
        }
        let labels = Set(tables.nodes.dropFirst().map { $0[1] })
        #expect(labels == Set(NodeKind.allCases.map(\.neo4jLabel)))
        #expect(labels.contains("GatewayRoute") && labels.contains("IpsecConnection"))
        let types = Set(tables.edges.dropFirst().map { $0[2] })
        #expect(types == Set(EdgeKind.allCases.map(\.rawValue)))
    }

    @Test("neo4j expectation catches a broken header: the check can fail")
    func neo4jExpectationFails() throws {
        let scratch = try ScratchDirectory()
        try "id,:LABEL,percent:integer\nx,Gateway,1\n".write(
            toFile: scratch.path("n.csv"), atomically: true, encoding: .utf8)
        try ":START_ID,:TYPE\nx,A\n".write(toFile: scratch.path("e.csv"), atomically: true, encoding: .utf8)
        let problems = try ExternalTool.pythonJSON(
            [String].self, Self.neo4jExpectation, [scratch.path("n.csv"), scratch.path("e.csv")])
        #expect(problems.count >= 3)
    }

    @Test("--excel: byte-order mark and CRLF in every dialect; rows read back the same as without it")
    func excel() throws {
        let graph = SampleGraphs.everyKind(hostile: false)
        for dialect in CSVDialect.allCases {
            let plain = try ScratchDirectory()
            let excel = try ScratchDirectory()
            let (pn, pe) = try write(graph, dialect, in: plain)
            let (xn, xe) = try write(graph, dialect, excel: true, in: excel)
            for path in [xn, xe] {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(dialect) \(path)")
                let lf = bytes.indices.filter { bytes[$0] == 0x0A }
                #expect(!lf.isEmpty && lf.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D }, "\(dialect): bare LF")
                #expect(bytes.suffix(2) == [0x0D, 0x0A])
            }
            let a = try ExternalTool.pythonJSON(Tables.self, Self.reader, [pn, pe])
            let b = try ExternalTool.pythonJSON(Tables.self, Self.reader, [xn, xe, "utf-8-sig"])
            #expect(a.nodes == b.nodes && a.edges == b.edges, "\(dialect)")
        }
    }

    @Test("Chinese names survive --excel byte for byte")
    func excelChinese() {
        var attributes = Attributes()
        attributes.set(.name, "订单服务")
        let graph = RouteGraph(nodes: [Node(id: "service:g:1", kind: .service, attributes: attributes)], edges: [])
        let text = CSVWriter.renderNodes(graph, dialect: .gephi, encoding: CSVEncoding(excel: true))
        #expect(text.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(text.contains("\r\nservice:g:1,订单服务,service,"))
    }

    @Test("GraphExport writes the dialect asked for")
    func export() throws {
        let scratch = try ScratchDirectory()
        let settings = ExportSettings(csvDialect: .neo4j, csvEncoding: CSVEncoding(excel: true))
        _ = try GraphExport.write(SampleGraphs.everyKind(), formats: [.csv], to: scratch.url.path, settings: settings)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path("nodes.csv")))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("id:ID,:LABEL,kind,label,".utf8)))
    }
}
