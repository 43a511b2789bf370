#if canImport(Glibc)
import Glibc
#endif
internal import CLibXML2

/// Fuzzed strings → a graph → every writer, each output read back: GraphML by libxml2, JSON Lines
/// by simdjson, CSV and DOT by small readers here. A string that broke out of its place would
/// change the number of nodes or edges read, or the value read back.
///
/// Input layout: the first byte is a separator, the rest is split at it into strings, so any other
/// byte (NUL, quotes, markup, line ends) can appear in a string.
enum GraphExportFuzz {
    static let directory = fuzzScratchPath("export-")

    static func run(_ data: UnsafeRawBufferPointer) {
        guard let separator = data.first else { return }
        let strings = data.dropFirst().split(separator: separator, omittingEmptySubsequences: false)
            .prefix(48).map { String(decoding: $0, as: UTF8.self) }
        let graph = makeGraph(strings)
        checkJSONLines(graph)
        checkCSV(graph)
        checkDOT(graph)
        checkGraphML(graph)
        checkReshaping(graph, strings)
    }

    // MARK: Redaction and focus on the packed graph

    /// Redacting or focusing the packed graph writes what doing it to the graph and then packing
    /// writes (GraphML carries every id, label, key and attribute; DOT the layout by kind).
    static func checkReshaping(_ graph: RouteGraph, _ strings: [String]) {
        func text(_ packed: PackedGraph) -> [UInt8] {
            let sink = MemorySink()
            try? GraphMLWriter.plan(packed).emit(into: sink)
            try? DOTWriter.emit(packed, into: sink)
            return sink.bytes
        }
        let redactor = Redactor(key: try! RedactionKey(bytes: Array(repeating: 7, count: 32)))
        fuzzCheck(text(redactor.redact(PackedGraph(graph))) == text(PackedGraph(redactor.redact(graph))), "packed redaction differs")
        let gateway = graph.nodes.first { $0.kind == .gateway }.map { String($0.id.dropFirst("gateway:".count)) }
        let kinds: Set<NodeKind> = [NodeKind.allCases[strings.count % NodeKind.allCases.count], .cidr, .route]
        for filter in [GraphFilter(gateways: gateway.map { [$0] } ?? []), GraphFilter(kinds: kinds)] {
            guard let swift = try? filter.apply(to: graph), let packed = try? filter.apply(to: PackedGraph(graph)) else {
                fuzzCheck((try? filter.apply(to: graph)) == nil && (try? filter.apply(to: PackedGraph(graph))) == nil, "focus fails one way only")
                continue
            }
            fuzzCheck(text(packed) == text(PackedGraph(swift)), "packed focus differs")
        }
    }

    static func makeGraph(_ strings: [String]) -> RouteGraph {
        var nodes: [Node] = []
        var ids = Set<String>()
        let stringAttributes: [Attribute] = [.name, .description, .pathMatch, .methods, .namespace, .group, .cidr, .input, .requestId]
        for (i, s) in strings.enumerated() {
            let kind = NodeKind.allCases[i % NodeKind.allCases.count]
            let id = kind.idPrefix + s
            guard ids.insert(id).inserted else { continue }
            var attributes = Attributes()
            attributes.set(.name, s)
            attributes.set(stringAttributes[i % stringAttributes.count], s + s)
            attributes.set(.port, Int64(s.utf8.count))
            attributes.set(.complete, s.utf8.count % 2 == 0)
            nodes.append(Node(id: id, kind: kind, attributes: attributes))
        }
        var edges: [Edge] = []
        var identities = Set<EdgeIdentity>()
        for (j, node) in nodes.enumerated() where j > 0 {
            for (offset, source) in [nodes[j - 1], nodes[j / 2]].enumerated() {
                let kind = EdgeKind.allCases[(j + offset) % EdgeKind.allCases.count]
                let text = strings[j % strings.count]
                let key = kind == .routes || kind == .nextHopFor ? "custom|" + text : ""
                var attributes = Attributes()
                attributes.set(.version, text)
                attributes.set(.asPath, text)
                attributes.set(.percent, Int64(text.utf8.count))
                let edge = Edge(source: source.id, target: node.id, kind: kind, key: key, attributes: attributes)
                if identities.insert(edge.identity).inserted { edges.append(edge) }
            }
        }
        return RouteGraph(nodes: nodes, edges: edges)
    }

    // MARK: JSON Lines

    nonisolated(unsafe) static let parser = JSONParser()

    static func checkJSONLines(_ graph: RouteGraph) {
        let text = JSONLinesWriter.render(graph)
        let lines = text.utf8.split(separator: 0x0A)
        fuzzCheck(lines.count == graph.nodes.count + graph.edges.count, "graph.jsonl has \(lines.count) lines")
        for (i, line) in lines.enumerated() {
            let tape: Tape
            do throws(DocumentError) { tape = try parser.parse(String(Substring(line))) } catch { fuzzFail("graph.jsonl line \(i + 1): \(error.message)") }
            if i < graph.nodes.count {
                fuzzCheck(tape.root["id"]?.string == graph.nodes[i].id, "graph.jsonl line \(i + 1): id changed")
            } else {
                let edge = graph.edges[i - graph.nodes.count]
                fuzzCheck(tape.root["source"]?.string == edge.source && tape.root["target"]?.string == edge.target
                          && tape.root["key"]?.string == edge.key, "graph.jsonl line \(i + 1): edge changed")
            }
        }
    }

    // MARK: CSV

    static func checkCSV(_ graph: RouteGraph) {
        let nodes = parseCSV(CSVWriter.renderNodes(graph))
        fuzzCheck(nodes.count == graph.nodes.count + 1, "nodes.csv has \(nodes.count) records")
        for (i, row) in nodes.enumerated() {
            fuzzCheck(row.count == nodes[0].count, "nodes.csv record \(i + 1) has \(row.count) fields")
            if i > 0 { fuzzCheck(row[0] == csvText(graph.nodes[i - 1].id), "nodes.csv record \(i + 1): id changed") }
        }
        let edges = parseCSV(CSVWriter.renderEdges(graph))
        fuzzCheck(edges.count == graph.edges.count + 1, "edges.csv has \(edges.count) records")
        for (i, row) in edges.enumerated() {
            fuzzCheck(row.count == edges[0].count, "edges.csv record \(i + 1) has \(row.count) fields")
            if i > 0 {
                let edge = graph.edges[i - 1]
                fuzzCheck(row[0] == csvText(edge.source) && row[1] == csvText(edge.target), "edges.csv record \(i + 1): ends changed")
            }
        }
    }

    /// What CSV promises to keep of a string: everything, except NUL, written U+FFFD (`CSVField`).
    static func csvText(_ text: String) -> String { text.replacingNUL() }

    /// RFC 4180 as a strict reader applies it: a quote inside a quoted field is doubled, a quote in
    /// an unquoted field is an error.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, inQuotes = false, fieldStarted = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == 0x22 {
                fuzzCheck(!fieldStarted, "CSV: a quote inside an unquoted field")
                quoted = true; inQuotes = true; fieldStarted = true
            } else if b == 0x2C || b == 0x0A {
                record.append(String(decoding: field, as: UTF8.self))
                field = []; quoted = false; fieldStarted = false
                if b == 0x0A { records.append(record); record = [] }
            } else {
                fuzzCheck(!quoted, "CSV: text after a closing quote")
                field.append(b); fieldStarted = true
            }
            i += 1
        }
        fuzzCheck(!inQuotes && record.isEmpty && field.isEmpty, "CSV: the file does not end with a complete record")
        return records
    }

    // MARK: DOT

    /// Lexes DOT as Graphviz does (double-quoted strings with backslash escapes) and checks the
    /// structure outside strings: one digraph, braces balanced, one `->` per edge plus the legend's.
    static func checkDOT(_ graph: RouteGraph) {
        let bytes = Array(DOTWriter.render(graph).utf8)
        var depth = 0, arrows = 0, digraphs = 0, closedAt = -1
        var inString = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == 0x5C { i += 1 } else if b == 0x22 { inString = false }
            } else {
                switch b {
                case 0x22: inString = true
                case 0x7B: depth += 1
                case 0x7D:
                    depth -= 1
                    fuzzCheck(depth >= 0, "DOT: a brace closes more than was opened")
                    if depth == 0 { closedAt = i }
                case 0x2D where i + 1 < bytes.count && bytes[i + 1] == 0x3E: arrows += 1
                case 0x64 where bytes[i...].starts(with: "digraph".utf8): digraphs += 1
                default: break
                }
            }
            i += 1
        }
        fuzzCheck(!inString, "DOT: a string runs to the end of the file")
        fuzzCheck(depth == 0 && closedAt == bytes.count - 2, "DOT: the graph does not close at the end")
        fuzzCheck(digraphs == 1, "DOT: \(digraphs) digraph keywords outside strings")
        fuzzCheck(arrows == graph.edges.count + legendEdges,
                  "DOT: \(arrows) edges for \(graph.edges.count) + \(legendEdges) legend edges")
    }

    /// The legend's sample edges: what the DOT of an empty graph holds, however the legend changes.
    static let legendEdges: Int = DOTWriter.render(RouteGraph(nodes: [], edges: []))
        .split(separator: "\n").filter { $0.contains("\"legend_") && $0.contains(" -> ") }.count

    // MARK: GraphML

    static func checkGraphML(_ graph: RouteGraph) {
        mkdir(directory, 0o700)
        let path = directory + "/graph.graphml"
        do throws(OutputError) { try GraphMLWriter.write(graph, to: path) } catch { fuzzFail("GraphML: \(error)") }
        defer { unlink(path) }
        guard let reader = xmlReaderForFile(path, nil, Int32(XML_PARSE_NONET.rawValue)) else { fuzzFail("GraphML: libxml2 cannot open it") }
        defer { xmlFreeTextReader(reader) }
        var nodes = 0, edges = 0
        var canonicalIds: [String] = []
        var inCanonicalId = false
        while true {
            let status = xmlTextReaderRead(reader)
            fuzzCheck(status >= 0, "GraphML: not well-formed")
            if status == 0 { break }
            let type = UInt32(bitPattern: xmlTextReaderNodeType(reader))
            let name = XMLDocumentReader.string(xmlTextReaderConstLocalName(reader))
            if type == XML_READER_TYPE_ELEMENT.rawValue {
                if name == "node" { nodes += 1 }
                if name == "edge" { edges += 1 }
                if name == "data" {
                    // Borrowed strings only: libxml2 owns them, nothing to free.
                    inCanonicalId = xmlTextReaderMoveToAttribute(reader, "key") == 1
                        && XMLDocumentReader.string(xmlTextReaderConstValue(reader)) == "n_canonicalId"
                    xmlTextReaderMoveToElement(reader)
                    if inCanonicalId { canonicalIds.append("") }
                }
            } else if type == XML_READER_TYPE_END_ELEMENT.rawValue {
                inCanonicalId = false
            } else if inCanonicalId, type == XML_READER_TYPE_TEXT.rawValue || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue
                        || type == XML_READER_TYPE_CDATA.rawValue {
                canonicalIds[canonicalIds.count - 1] += XMLDocumentReader.string(xmlTextReaderConstValue(reader))
            }
        }
        fuzzCheck(nodes == graph.nodes.count && edges == graph.edges.count, "GraphML: \(nodes) nodes, \(edges) edges read back")
        fuzzCheck(canonicalIds == graph.nodes.map { XMLText.sanitised($0.id) }, "GraphML: canonical ids changed")
    }
}

extension String {
    func replacingNUL() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}
