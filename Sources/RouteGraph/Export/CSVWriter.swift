/// Writes `nodes.csv` and `edges.csv` (DESIGN.md "Outputs", CSV).
///
/// The plain dialect has the header `id,kind,label,` then one column per attribute in
/// `Attribute.nodeAttributes` order for nodes, and `source,target,kind,label,` then
/// `Attribute.edgeAttributes` for edges; `CSVDialect` has the Gephi and Neo4j headers. Every column
/// is always present, so the header depends on the dialect and format version only, never on the
/// graph. Fields follow RFC 4180 (see `CSVField`), text is UTF-8, missing values are empty fields;
/// lines end in LF, or CRLF after a byte-order mark with `CSVEncoding(excel: true)`.
public enum CSVWriter {
    /// Writes one row per node of `graph` to `path`, atomically.
    public static func writeNodes(
        _ graph: RouteGraph, to path: String, dialect: CSVDialect = .plain, encoding: CSVEncoding = CSVEncoding()
    ) throws(OutputError) {
        try nodesPlan(graph, dialect: dialect, encoding: encoding).write(to: path)
    }

    /// Writes one row per edge of `graph` to `path`, atomically.
    public static func writeEdges(
        _ graph: RouteGraph, to path: String, dialect: CSVDialect = .plain, encoding: CSVEncoding = CSVEncoding()
    ) throws(OutputError) {
        try edgesPlan(graph, dialect: dialect, encoding: encoding).write(to: path)
    }

    /// The text of `nodes.csv`, the same bytes `writeNodes` writes.
    static func renderNodes(
        _ graph: RouteGraph, dialect: CSVDialect = .plain, encoding: CSVEncoding = CSVEncoding()
    ) -> String {
        let sink = MemorySink()
        try? emitNodes(graph, dialect: dialect, encoding: encoding, into: sink)  // A memory sink never throws.
        return sink.text
    }

    /// The text of `edges.csv`, the same bytes `writeEdges` writes.
    static func renderEdges(
        _ graph: RouteGraph, dialect: CSVDialect = .plain, encoding: CSVEncoding = CSVEncoding()
    ) -> String {
        let sink = MemorySink()
        try? emitEdges(graph, dialect: dialect, encoding: encoding, into: sink)
        return sink.text
    }

    static func emitNodes<Sink: TextSink>(
        _ graph: RouteGraph, dialect: CSVDialect, encoding: CSVEncoding, into sink: Sink
    ) throws(OutputError) {
        try nodesPlan(graph, dialect: dialect, encoding: encoding).emit(into: sink)
    }

    static func emitEdges<Sink: TextSink>(
        _ graph: RouteGraph, dialect: CSVDialect, encoding: CSVEncoding, into sink: Sink
    ) throws(OutputError) {
        try edgesPlan(graph, dialect: dialect, encoding: encoding).emit(into: sink)
    }

    /// How many rows a piece of a CSV file holds: under a megabyte (see `RenderPlan` on sizes).
    private static let rowsPerPiece = 2048

    static func nodesPlan(_ graph: RouteGraph, dialect: CSVDialect, encoding: CSVEncoding) -> RenderPlan {
        nodesPlan(PackedGraph(graph), dialect: dialect, encoding: encoding)
    }

    static func edgesPlan(_ graph: RouteGraph, dialect: CSVDialect, encoding: CSVEncoding) -> RenderPlan {
        edgesPlan(PackedGraph(graph), dialect: dialect, encoding: encoding)
    }

    /// `nodes.csv` in pieces: the header, then ranges of rows.
    static func nodesPlan(_ graph: PackedGraph, dialect: CSVDialect, encoding: CSVEncoding) -> RenderPlan {
        let layout = GraphPiece.Layout(
            head: true, tail: false, nodeCount: graph.nodes.count, edgeCount: 0, rowsPerPiece: rowsPerPiece)
        let columns = AttributeColumns.node
        return RenderPlan(pieceCount: layout.count) { index, out in
            CSVLines.appending(to: &out, encoding: encoding, atFileStart: index == 0) { lines in
                switch layout.piece(index) {
                case .head:
                    lines.fields(dialect.nodeHeader)
                    lines.endLine()
                case .nodes(let range):
                    for i in range {
                        let node = graph.nodes[i]
                        dialect.appendLeadingFields(node, of: graph, to: &lines)
                        lines.attributeFields(node.attributes, of: graph, columns)
                        lines.endLine()
                    }
                case .edges, .tail: break
                }
            }
        }
    }

    /// `edges.csv` in pieces: the header, then ranges of rows.
    static func edgesPlan(_ graph: PackedGraph, dialect: CSVDialect, encoding: CSVEncoding) -> RenderPlan {
        let layout = GraphPiece.Layout(
            head: true, tail: false, nodeCount: 0, edgeCount: graph.edges.count, rowsPerPiece: rowsPerPiece)
        let columns = dialect == .gephi ? AttributeColumns(dialect.edgeAttributes) : AttributeColumns.edge
        let ids = NodeTextTable(graph) { node, out in
            CSVField.append(bytes: graph.text(node.id), formulaSafe: encoding.formulaSafe, isPlain: node.id.isPlain, to: &out)
        }
        return RenderPlan(pieceCount: layout.count) { index, out in
            CSVLines.appending(to: &out, encoding: encoding, atFileStart: index == 0) { lines in
                switch layout.piece(index) {
                case .head:
                    lines.fields(dialect.edgeHeader)
                    lines.endLine()
                case .edges(let range):
                    let texts = ids.texts
                    let prefetch = EdgeTargetPrefetch(graph, range, texts)
                    for i in range {
                        prefetch.ahead(of: i)
                        let edge = graph.edges[i]
                        dialect.appendLeadingFields(edge, of: graph, ids: texts, to: &lines)
                        lines.attributeFields(edge.attributes, of: graph, columns)
                        lines.endLine()
                    }
                case .nodes, .tail: break
                }
            }
        }
    }
}
