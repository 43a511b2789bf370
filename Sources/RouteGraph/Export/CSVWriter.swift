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
        var lines = CSVLines(encoding: encoding)
        lines.fields(dialect.nodeHeader)
        lines.endLine()
        let columns = Attribute.nodeAttributes
        var next = 0
        while next < graph.nodes.count {
            next = InPlace.visit(graph.nodes, from: next) { node in
                dialect.appendLeadingFields(node, to: &lines)
                // Once per row: read through the pointer in the loop, the attributes were retained and
                // released once per column.
                let attributes = node.pointee.attributes
                for attribute in columns { lines.field(attributes[attribute]) }
                lines.endLine()
            }
            try lines.flushIfFull(into: sink)
        }
        try lines.finish(into: sink)
    }

    static func emitEdges<Sink: TextSink>(
        _ graph: RouteGraph, dialect: CSVDialect, encoding: CSVEncoding, into sink: Sink
    ) throws(OutputError) {
        var lines = CSVLines(encoding: encoding)
        lines.fields(dialect.edgeHeader)
        lines.endLine()
        let columns = dialect.edgeAttributes
        var next = 0
        while next < graph.edges.count {
            next = InPlace.visit(graph.edges, from: next) { edge in
                dialect.appendLeadingFields(edge, to: &lines)
                let attributes = edge.pointee.attributes
                for attribute in columns { lines.field(attributes[attribute]) }
                lines.endLine()
            }
            try lines.flushIfFull(into: sink)
        }
        try lines.finish(into: sink)
    }
}
