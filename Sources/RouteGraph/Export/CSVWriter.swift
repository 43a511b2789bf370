/// Writes `nodes.csv` and `edges.csv` (DESIGN.md "Outputs", CSV).
///
/// The plain dialect has the header `id,kind,label,` then one column per attribute in
/// `Attribute.nodeAttributes` order for nodes, and `source,target,kind,label,` then
/// `Attribute.edgeAttributes` for edges. Every column is always present, so the header depends on
/// the format version only, never on the graph. Fields follow RFC 4180 (see `CSVField`), lines end
/// in LF, text is UTF-8, missing values are empty fields.
public enum CSVWriter {
    /// Writes one row per node of `graph` to `path`, atomically.
    public static func writeNodes(_ graph: RouteGraph, to path: String) throws(OutputError) {
        try writeNodes(graph, to: path, dialect: .plain)
    }

    /// Writes one row per edge of `graph` to `path`, atomically.
    public static func writeEdges(_ graph: RouteGraph, to path: String) throws(OutputError) {
        try writeEdges(graph, to: path, dialect: .plain)
    }

    static func writeNodes(_ graph: RouteGraph, to path: String, dialect: CSVDialect) throws(OutputError) {
        try AtomicFile.write(to: path) { file throws(OutputError) in try emitNodes(graph, dialect: dialect, into: file)
        }
    }

    static func writeEdges(_ graph: RouteGraph, to path: String, dialect: CSVDialect) throws(OutputError) {
        try AtomicFile.write(to: path) { file throws(OutputError) in try emitEdges(graph, dialect: dialect, into: file)
        }
    }

    /// The text of `nodes.csv`, the same bytes `writeNodes` writes.
    static func renderNodes(_ graph: RouteGraph, dialect: CSVDialect = .plain) -> String {
        let sink = MemorySink()
        try? emitNodes(graph, dialect: dialect, into: sink)  // A memory sink never throws.
        return sink.text
    }

    /// The text of `edges.csv`, the same bytes `writeEdges` writes.
    static func renderEdges(_ graph: RouteGraph, dialect: CSVDialect = .plain) -> String {
        let sink = MemorySink()
        try? emitEdges(graph, dialect: dialect, into: sink)
        return sink.text
    }

    static func emitNodes<Sink: TextSink>(_ graph: RouteGraph, dialect: CSVDialect, into sink: Sink) throws(OutputError)
    {
        var row = CSVRow()
        row.append(contentsOf: dialect.nodeHeader)
        try sink.append(row.finish())
        for node in graph.nodes {
            row.append(node.id)
            row.append(node.kind.rawValue)
            row.append(node.label)
            for attribute in Attribute.nodeAttributes { row.append(node.attributes[attribute]?.text) }
            try sink.append(row.finish())
        }
    }

    static func emitEdges<Sink: TextSink>(_ graph: RouteGraph, dialect: CSVDialect, into sink: Sink) throws(OutputError)
    {
        var row = CSVRow()
        row.append(contentsOf: dialect.edgeHeader)
        try sink.append(row.finish())
        for edge in graph.edges {
            row.append(edge.source)
            row.append(edge.target)
            row.append(edge.kind.rawValue)
            row.append(edge.label)
            for attribute in Attribute.edgeAttributes { row.append(edge.attributes[attribute]?.text) }
            try sink.append(row.finish())
        }
    }
}
