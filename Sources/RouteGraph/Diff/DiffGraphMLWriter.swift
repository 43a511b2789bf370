/// Writes `diff.graphml`: the union of both graphs as `GraphMLWriter` writes a graph (so valid
/// against the GraphML XSD), every node and edge with a string `change` attribute (`added`,
/// `removed`, `changed` or `unchanged`), and changed ones with `changes`, their changed attributes
/// as `attribute: old → new` joined by `; `. Removed nodes and edges carry their old attributes,
/// the others their new ones.
public enum DiffGraphMLWriter {
    /// Writes the union graph of `diff` to `path`, atomically.
    public static func write(_ diff: GraphDiff, to path: String) throws(OutputError) {
        let view = DiffView(diff)
        let graph = view.graph
        let columns = [
            GraphMLWriter.ExtraColumn(
                name: "change",
                node: { view.nodeDeltas[graph.nodes[$0].id]?.change.rawValue },
                edge: { view.edgeDeltas[graph.edges[$0].identity]?.change.rawValue }),
            GraphMLWriter.ExtraColumn(
                name: "changes",
                node: { summary(view.nodeDeltas[graph.nodes[$0].id]?.attributeChanges) },
                edge: { summary(view.edgeDeltas[graph.edges[$0].identity]?.attributeChanges) }),
        ]
        try GraphMLWriter.write(graph, extraColumns: columns, to: path)
    }

    private static func summary(_ changes: [GraphDiff.AttributeChange]?) -> String? {
        guard let changes, !changes.isEmpty else { return nil }
        return changes.map(\.summary).joined(separator: "; ")
    }
}
