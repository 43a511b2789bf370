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
        try AtomicFile.write(to: path) { file throws(OutputError) in
            try emitNodes(graph, dialect: dialect, encoding: encoding, into: file)
        }
    }

    /// Writes one row per edge of `graph` to `path`, atomically.
    public static func writeEdges(
        _ graph: RouteGraph, to path: String, dialect: CSVDialect = .plain, encoding: CSVEncoding = CSVEncoding()
    ) throws(OutputError) {
        try AtomicFile.write(to: path) { file throws(OutputError) in
            try emitEdges(graph, dialect: dialect, encoding: encoding, into: file)
        }
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
        var row = CSVRow(encoding: encoding)
        try sink.append(encoding.preamble)
        row.append(contentsOf: dialect.nodeHeader)
        try sink.append(row.finish())
        for node in graph.nodes {
            row.append(contentsOf: dialect.leadingFields(node))
            for attribute in Attribute.nodeAttributes { row.append(node.attributes[attribute]?.text) }
            try sink.append(row.finish())
        }
    }

    static func emitEdges<Sink: TextSink>(
        _ graph: RouteGraph, dialect: CSVDialect, encoding: CSVEncoding, into sink: Sink
    ) throws(OutputError) {
        var row = CSVRow(encoding: encoding)
        try sink.append(encoding.preamble)
        row.append(contentsOf: dialect.edgeHeader)
        try sink.append(row.finish())
        let columns = dialect.edgeAttributes
        for edge in graph.edges {
            row.append(contentsOf: dialect.leadingFields(edge))
            for attribute in columns { row.append(edge.attributes[attribute]?.text) }
            try sink.append(row.finish())
        }
    }
}
