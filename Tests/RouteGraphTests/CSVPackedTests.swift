import Testing

@testable import RouteGraph

/// The CSV files read from the packed graph: the byte-level escaper, the cuts of ids made on bytes,
/// the index of edges by source node, and every file against a writer that reads `String`s.
@Suite("CSV from the packed graph")
struct CSVPackedTests {
    static let encodings = [
        CSVEncoding(), CSVEncoding(excel: true), CSVEncoding(formulaSafe: true), CSVEncoding(excel: true, formulaSafe: true),
    ]

    /// Fields that need every rule: quotes, separators, line breaks, leading and trailing blanks,
    /// formula starts and plain numbers, NUL, non-ASCII, and a long value.
    static let hostileFields: [String] = SampleGraphs.hostileStrings + [
        "", "plain", "a,b", "say \"hi\"", "\"", "a\nb", "a\rb", "a\r\nb", " lead", "trail ", "\tlead", "trail\t",
        "=1+2", "+x", "-x", "@SUM(A1)", "\t=1", "\r=1", "-5", "+3.5", "-", "+", "-.5", "-1.2.3", "= spaced ",
        "=a,b", "@\"q\"", "nul\u{0}", "\u{0}", "订单,服务", "é", "e\u{301}", "🚀", String(repeating: "x,\"", count: 5000),
    ]

    /// The field as RFC 4180 and `neutralisingFormula` describe it, worked out on `String`s and
    /// Unicode scalars rather than bytes.
    static func expectedField(_ text: String, formulaSafe: Bool) -> String {
        var text = text
        if formulaSafe, let first = text.unicodeScalars.first {
            let rest = text.unicodeScalars.dropFirst()
            let plainNumber = rest.contains { ("0"..."9").contains($0) }
                && rest.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
                && rest.filter { $0 == "." }.count <= 1
            if "=@\t\r".unicodeScalars.contains(first) || ("+-".unicodeScalars.contains(first) && !plainNumber) {
                text = "'" + text
            }
        }
        text = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
        let scalars = text.unicodeScalars
        let quoted = scalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
            || [" ", "\t"].contains(scalars.first) || [" ", "\t"].contains(scalars.last)
        guard quoted else { return text }
        return "\"" + String(String.UnicodeScalarView(scalars.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] })) + "\""
    }

    @Test("the byte escaper quotes, doubles quotes, neutralises and replaces NUL as the rules say")
    func byteEscaper() {
        for formulaSafe in [false, true] {
            for text in Self.hostileFields {
                var buffer = TextBuffer(flushLimit: 0)
                var copy = text
                copy.withUTF8 { CSVField.append(bytes: $0, formulaSafe: formulaSafe, to: &buffer) }
                let written = String(decoding: buffer.bytes, as: UTF8.self)
                #expect(written == Self.expectedField(text, formulaSafe: formulaSafe), "\(text.debugDescription) \(formulaSafe)")
                var row = CSVRow(formulaSafe: formulaSafe)
                row.append(text)
                #expect(row.finish() == Array((written + "\n").utf8))
            }
        }
    }

    @Test("escaped examples, byte for byte")
    func escapedExamples() {
        func field(_ text: String, _ formulaSafe: Bool) -> String {
            var buffer = TextBuffer(flushLimit: 0)
            CSVField.append(text, formulaSafe: formulaSafe, to: &buffer)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        #expect(field("say \"hi\", you", false) == "\"say \"\"hi\"\", you\"")
        #expect(field("a\r\nb", false) == "\"a\r\nb\"")
        #expect(field("=1", false) == "=1")
        #expect(field("=1", true) == "'=1")
        #expect(field("=a,b", true) == "\"'=a,b\"")
        #expect(field("-5", true) == "-5")
        #expect(field("-5%", true) == "'-5%")
        #expect(field("@x", true) == "'@x")
        #expect(field("\tx", false) == "\"\tx\"")
        #expect(field("\tx", true) == "'\tx")
        #expect(field(" x", true) == "\" x\"")
        #expect(field("订单", true) == "订单")
        #expect(field("a\u{0}b", false) == "a\u{FFFD}b")
    }

    @Test("ids cut on bytes are the ids cut as Strings, whatever their characters")
    func idCuts() {
        let ids = [
            "route:gw-1:17", "route:gw:1:", "route:::", "route:", "", "route", "route:\r\nx:1", "route\r:\nx",
            "route:é:1", "route:e\u{301}:1", ":\u{301}x:y", "\u{600}:x:y", "route:订单:1", "service:g:7", "service:g:",
            "gateway:gw-7", "gateway:\r\n", "x:a,b:\"q\"", "domain:=cmd", "cidr:2408:4000::/64",
        ]
        func text(_ cut: IdText.Cut) -> String? {
            switch cut {
            case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
            case .string(let string): string
            case .missing: nil
            }
        }
        for id in ids {
            var copy = id
            copy.withUTF8 { bytes in
                for count in [0, 3, 6, 8] {
                    #expect(text(IdText.droppingFirst(count, of: bytes)) == String(id.dropFirst(count)), "\(id.debugDescription)")
                }
                #expect(text(IdText.withoutPrefix(bytes)) == GatewayRoutesTable.idWithoutPrefix(id), "\(id.debugDescription)")
                let last = GatewayRoutesTable.idWithoutPrefix(id).split(separator: ":").last.map(String.init)
                #expect(text(IdText.lastPart(bytes)) == last, "\(id.debugDescription)")
                #expect(text(IdText.scopeGateway(bytes, kind: .route)) == GatewayRoutesTable.gateway(ofScopedId: id, kind: .route),
                        "\(id.debugDescription)")
            }
        }
    }

    /// Gateways, routes, services, domains, IPsec connections, tunnels and CIDRs with hostile ids
    /// and values, some edge ends with no node, a route no `HAS_ROUTE` edge names.
    static func hostileTables() -> RouteGraph {
        var nodes: [Node] = [], edges: [Edge] = []
        for (g, gateway) in ["gw-a", "gw,\"b\"", "=gw\r\nc", "网关-d"].enumerated() {
            nodes.append(Node(id: "gateway:\(gateway)", kind: .gateway))
            for r in 0..<3 {
                let route = "route:\(gateway):\(r)"
                var a = Attributes()
                a.set(.routeId, Int64(r - 1))
                a.set(.name, Self.hostileFields[(g * 3 + r) % Self.hostileFields.count])
                a.set(.statusName, r == 0 ? "-1" : "+published")
                a.set(.pathMatch, "@/api,\(r)")
                a.set(.methods, "GET,POST")
                a.set(.createdAt, "2022\r\n")
                nodes.append(Node(id: route, kind: .route, attributes: a))
                if r < 2 { edges.append(Edge(source: "gateway:\(gateway)", target: route, kind: .hasRoute)) }
                for s in 0..<r {
                    let service = "service:\(gateway):\(s)"
                    var e = Attributes()
                    e.set(.percent, Int64(-s))
                    e.set(.version, "v\"\(s)")
                    edges.append(Edge(source: route, target: service, kind: .routesTo, attributes: e))
                    edges.append(Edge(source: route, target: service, kind: .fallsBackTo))
                }
                edges.append(Edge(source: route, target: "service:\(gateway):missing:\(r):", kind: .routesTo))
                edges.append(Edge(source: route, target: "service:\(gateway):missing\(r)", kind: .mirrorsTo,
                                  attributes: { var m = Attributes(); m.set(.percentage, Int64(-9)); return m }()))
                edges.append(Edge(source: route, target: "service:\(gateway):0", kind: .defaultsTo))
                edges.append(Edge(source: route, target: "domain:=\(r).com", kind: .serves))
                edges.append(Edge(source: route, target: "domain:例子,\(g).com", kind: .serves))
            }
            for s in 0..<2 {
                var a = Attributes()
                if s == 0 { a.set(.serviceId, Int64(700 + g)) }
                a.set(.name, "svc \"\(s)\", \n=\(g)")
                nodes.append(Node(id: "service:\(gateway):\(s)", kind: .service, attributes: a))
            }
        }
        nodes.append(Node(id: "domain:=0.com", kind: .domain, attributes: { var a = Attributes(); a.set(.name, "@0.com"); return a }()))
        for (c, connection) in ["vco-1", "vco,\"2\"", "-vco\n3", "连接"].enumerated() {
            nodes.append(Node(id: "ipsec:\(connection)", kind: .ipsec))
            for t in 0..<2 {
                let tunnel = "tunnel:tun-\(c)-\(t);\"x\""
                if t == 0 { nodes.append(Node(id: tunnel, kind: .tunnel)) }
                edges.append(Edge(source: "ipsec:\(connection)", target: tunnel, kind: .hasTunnel))
                for i in 0..<3 where (i + t) % 2 == 0 {
                    edges.append(Edge(source: tunnel, target: "cidr:10.\(c).\(i).0/24", kind: .nextHopFor, key: "k\(i),\"\(c)\""))
                }
            }
            for i in 0..<4 {
                var e = Attributes()
                e.set(.entryType, i == 3 ? "=bgp" : "custom")
                e.set(.nextHop, "+\(connection)")
                e.set(.weight, Int64(i - 2))
                e.set(.asPath, "[1,2]")
                e.set(.community, "65535:\"x\"")
                edges.append(Edge(source: "ipsec:\(connection)", target: "cidr:10.\(c).\(i).0/24", kind: .routes, key: "k\(i),\"\(c)\"", attributes: e))
            }
            var cidr = Attributes()
            cidr.set(.cidr, "10.\(c).0.0/24 \"node\"")
            nodes.append(Node(id: "cidr:10.\(c).0.0/24", kind: .cidr, attributes: cidr))
            nodes.append(Node(id: "cidr:10.\(c).1.0/24", kind: .cidr))
        }
        return RouteGraph(nodes: nodes, edges: edges)
    }

    @Test("flat tables from the packed graph are the tables written from Strings, in every encoding")
    func flatTablesMatchStrings() {
        let graphs = [Self.hostileTables(), SampleGraphs.everyKind(hostile: true), SampleGraphs.everyKind(hostile: false)]
        for graph in graphs {
            for encoding in Self.encodings {
                for written in [
                    (FlatTableWriter.render(GatewayRoutesTable.self, graph, encoding: encoding),
                     StringFlatTables.render(GatewayRoutesTable.self, graph, encoding: encoding)),
                    (FlatTableWriter.render(IpsecRoutesTable.self, graph, encoding: encoding),
                     StringFlatTables.render(IpsecRoutesTable.self, graph, encoding: encoding)),
                ] {
                    #expect(written.0 == written.1, "\(encoding)")
                    #expect(written.0.split(whereSeparator: \.isNewline).count >= 2, "a header and rows")
                }
            }
        }
    }

    /// `nodes.csv` and `edges.csv` as `CSVRow` writes them from the graph's `String`s and values.
    static func rowsFromStrings(_ graph: RouteGraph, _ dialect: CSVDialect, _ encoding: CSVEncoding) -> (nodes: String, edges: String) {
        var row = CSVRow(encoding: encoding)
        func text(_ rows: [[String?]]) -> String {
            var bytes = encoding.preamble
            for fields in rows {
                for field in fields { row.append(field) }
                bytes += row.finish()
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let nodes = [dialect.nodeHeader] + graph.nodes.map { node -> [String?] in
            let lead: [String?] = switch dialect {
            case .plain: [node.id, node.kind.rawValue, node.label]
            case .gephi: [node.id, node.label, node.kind.rawValue]
            case .neo4j: [node.id, node.kind.neo4jLabel, node.kind.rawValue, node.label]
            }
            return lead + Attribute.nodeAttributes.map { node.attributes[$0]?.text }
        }
        let edges = [dialect.edgeHeader] + graph.edges.map { edge -> [String?] in
            var weight = "1"
            if case .integer(let w)? = edge.attributes[.weight] { weight = String(w) }
            if case .integer(let p)? = edge.attributes[.percent] { weight = String(p) }
            let lead: [String?] = dialect == .gephi
                ? [edge.source, edge.target, "Directed", edge.label, weight, edge.kind.rawValue]
                : [edge.source, edge.target, edge.kind.rawValue, edge.label]
            return lead + dialect.edgeAttributes.map { edge.attributes[$0]?.text }
        }
        return (text(nodes), text(edges))
    }

    @Test("nodes.csv and edges.csv from the packed graph are the rows CSVRow writes from Strings, every dialect and encoding")
    func nodesAndEdgesMatchStrings() {
        var graphs = [Self.hostileTables(), SampleGraphs.everyKind(hostile: true)]
        var nodes: [Node] = [], edges: [Edge] = []
        for (i, text) in Self.hostileFields.enumerated() {
            var a = Attributes()
            a.set(.name, text)
            a.set(.description, text)
            a.set(.port, Int64(i - 20))
            a.set(.complete, i % 2 == 0)
            let kind = NodeKind.allCases[i % NodeKind.allCases.count]
            nodes.append(Node(id: kind.idPrefix + text + "\(i)", kind: kind, attributes: a))
            var e = Attributes()
            if i % 3 == 0 { e.set(.percent, Int64(-i)) }
            if i % 3 == 1 { e.set(.percentage, Int64(i)) }
            if i % 2 == 0 { e.set(.weight, Int64(i)) }
            e.set(.version, text)
            e.set(.nextHop, "=" + text)
            edges.append(Edge(source: nodes[i].id, target: text, kind: EdgeKind.allCases[i % EdgeKind.allCases.count], key: text, attributes: e))
        }
        graphs.append(RouteGraph(nodes: nodes, edges: edges))
        for graph in graphs {
            for dialect in CSVDialect.allCases {
                for encoding in Self.encodings {
                    let expected = Self.rowsFromStrings(graph, dialect, encoding)
                    #expect(CSVWriter.renderNodes(graph, dialect: dialect, encoding: encoding) == expected.nodes, "\(dialect) \(encoding)")
                    #expect(CSVWriter.renderEdges(graph, dialect: dialect, encoding: encoding) == expected.edges, "\(dialect) \(encoding)")
                }
            }
        }
    }

    @Test("a flat table cut into many pieces is the table in one piece: each connection's run written once")
    func flatTablePieces() {
        let graph = PackedGraph(Self.hostileTables())
        func text<Table: FlatTable>(_ table: Table.Type, perPiece: Int) -> String {
            let sink = MemorySink()
            try? FlatTableWriter.plan(table, graph, encoding: CSVEncoding(excel: true), perPiece: perPiece).emit(into: sink)
            return sink.text
        }
        for perPiece in [1, 2, 3, 5, 7, 64] {
            #expect(text(GatewayRoutesTable.self, perPiece: perPiece) == text(GatewayRoutesTable.self, perPiece: 8192))
            #expect(text(IpsecRoutesTable.self, perPiece: perPiece) == text(IpsecRoutesTable.self, perPiece: 8192))
        }
        #expect(FlatTableWriter.plan(IpsecRoutesTable.self, graph, encoding: CSVEncoding(), perPiece: 2).pieceCount > 10)
    }

    /// Every node and every id's edges, found by scanning.
    @Test("the packed index finds the edges from every node, and from ids no node has")
    func packedIndex() {
        let graph = Self.hostileTables()
        let packed = PackedGraph(graph)
        let index = PackedGraphIndex(packed)
        for (n, node) in graph.nodes.enumerated() {
            let expected = graph.edges.indices.filter { graph.edges[$0].source == node.id }
            #expect(Array(index.edgeRange(fromNode: n)) == expected, "\(node.id.debugDescription)")
        }
        let ids = Set(graph.edges.map(\.source) + graph.edges.map(\.target) + ["nowhere", "", "tunnel:\u{0}"])
        for id in ids {
            let expected = graph.edges.indices.filter { graph.edges[$0].source == id }
            let node = graph.nodes.firstIndex { $0.id == id }.map(Int32.init) ?? -1
            var copy = id
            copy.withUTF8 { bytes in
                #expect(Array(index.edgeRange(from: bytes, node: node)) == expected, "\(id.debugDescription)")
                #expect(Array(index.edgeRange(from: bytes, node: -1)) == expected, "\(id.debugDescription)")
            }
        }
        #expect(graph.edges.contains { $0.source.hasPrefix("tunnel:") && !graph.nodes.map(\.id).contains($0.source) })
    }
}
