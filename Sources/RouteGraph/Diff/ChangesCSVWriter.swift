/// Writes `changes.csv`: what changed between two graphs, as a table.
///
/// The header is `change,element,kind,id,attribute,old,new`. One row per added or removed node or
/// edge (`attribute`, `old` and `new` empty) and one row per changed attribute of a changed node or
/// edge (`old` or `new` empty where that side has no value). `element` is `node` or `edge`; `id` is
/// the node's canonical id or the edge's `Edge.id` (`source>KIND>target[>key]`). Nodes come first,
/// then edges, each in canonical order, attributes in column order. Fields are quoted as RFC 4180
/// wants (`CSVField`), lines end in LF.
public enum ChangesCSVWriter {
    /// The column names, in order.
    public static let header = ["change", "element", "kind", "id", "attribute", "old", "new"]

    /// Writes the changes of `diff` to `path`, atomically.
    public static func write(_ diff: GraphDiff, to path: String) throws(OutputError) {
        try AtomicFile.write(to: path) { file throws(OutputError) in try emit(diff, into: file) }
    }

    /// The text of `changes.csv`, the same bytes `write(_:to:)` writes.
    public static func render(_ diff: GraphDiff) -> String {
        let sink = MemorySink()
        try? emit(diff, into: sink)  // A memory sink never throws.
        return sink.text
    }

    static func emit<Sink: TextSink>(_ diff: GraphDiff, into sink: Sink) throws(OutputError) {
        var row = CSVRow()
        row.append(contentsOf: header)
        try sink.append(row.finish())
        for delta in diff.nodes where delta.change != .unchanged {
            try emit(delta.change, "node", delta.node.kind.rawValue, delta.node.id, delta.attributeChanges, row: &row, into: sink)
        }
        for delta in diff.edges where delta.change != .unchanged {
            try emit(delta.change, "edge", delta.edge.kind.rawValue, delta.edge.id, delta.attributeChanges, row: &row, into: sink)
        }
    }

    private static func emit<Sink: TextSink>(
        _ change: GraphDiff.Change, _ element: String, _ kind: String, _ id: String,
        _ attributes: [GraphDiff.AttributeChange], row: inout CSVRow, into sink: Sink
    ) throws(OutputError) {
        let lead = [change.rawValue, element, kind, id]
        if change != .changed {
            row.append(contentsOf: lead + ["", "", ""])
            try sink.append(row.finish())
            return
        }
        for attribute in attributes {
            row.append(contentsOf: lead + [attribute.attribute.rawValue])
            row.append(attribute.old?.text)
            row.append(attribute.new?.text)
            try sink.append(row.finish())
        }
    }
}
