/// Writes `diff.dot`: the union of both graphs drawn as `DOTWriter` draws a graph (clusters,
/// shapes, names, escaping), coloured by change: added parts green, removed parts red and dashed,
/// changed parts orange with `attribute: old → new` lines under their label, unchanged parts grey.
/// The legend explains the colours as well as the kinds. With `context`, only the changed parts
/// and what lies within `context` hops of them are drawn (`DiffView`).
public enum DiffDOTWriter {
    /// Writes the diagram of `diff` to `path`, atomically.
    public static func write(_ diff: GraphDiff, context: Int? = nil, to path: String) throws(OutputError) {
        let view = DiffView(diff, context: context)
        try AtomicFile.write(to: path) { file throws(OutputError) in
            try DOTWriter.emit(view.graph, decoration: decoration(view), into: file)
        }
    }

    /// The DOT text, the same bytes `write` writes.
    public static func render(_ diff: GraphDiff, context: Int? = nil) -> String {
        let view = DiffView(diff, context: context)
        let sink = MemorySink()
        try? DOTWriter.emit(view.graph, decoration: decoration(view), into: sink)  // A memory sink never throws.
        return sink.text
    }

    /// The colours of one kind of change: outline and text, and the fill of nodes.
    private static func colours(_ change: GraphDiff.Change) -> (line: String, fill: String) {
        switch change {
        case .added: ("#2e7d32", "#c8e6c9")
        case .removed: ("#c62828", "#ffcdd2")
        case .changed: ("#ef6c00", "#ffe0b2")
        case .unchanged: ("#9e9e9e", "#f5f5f5")
        }
    }

    private static func nodeLook(_ change: GraphDiff.Change) -> [(String, String)] {
        let (line, fill) = colours(change)
        var look = [("color", line), ("fillcolor", fill), ("fontcolor", change == .unchanged ? line : "#000000")]
        look.append(("penwidth", change == .unchanged ? "1" : "2"))
        if change == .removed { look.append(("style", "filled,dashed")) }
        return look
    }

    private static func edgeLook(_ change: GraphDiff.Change) -> [(String, String)] {
        let (line, _) = colours(change)
        var look = [("color", line), ("fontcolor", line), ("penwidth", change == .unchanged ? "1" : "2")]
        if change == .removed { look.append(("style", "dashed")) }
        return look
    }

    /// The label with one line per changed attribute under it, values shortened.
    private static func label(_ base: [(String, String)], _ changes: [GraphDiff.AttributeChange]) -> [(String, String)] {
        guard !changes.isEmpty else { return [] }
        let text = base.first { $0.0 == "label" }?.1 ?? ""
        let lines = changes.map { change in
            "\(change.attribute.rawValue): \(DOTString.shortened(change.old?.text ?? "(none)", limit: 24))"
                + " → \(DOTString.shortened(change.new?.text ?? "(none)", limit: 24))"
        }
        return [("label", ([text] + lines).joined(separator: "\n"))]
    }

    private static func decoration(_ view: DiffView) -> DOTDecoration {
        var decoration = DOTDecoration()
        decoration.node = { id, base in
            let delta = view.nodeDeltas[id]
            let change = delta?.change ?? .unchanged
            return DOTDecoration.overriding(base, with: nodeLook(change) + label(base, delta?.attributeChanges ?? []))
        }
        decoration.edge = { identity, base in
            let delta = view.edgeDeltas[identity]
            let change = delta?.change ?? .unchanged
            return DOTDecoration.overriding(base, with: edgeLook(change) + label(base, delta?.attributeChanges ?? []))
        }
        decoration.extraLegend = GraphDiff.Change.allCases.map { change in
            let look = DOTDecoration.overriding(
                [("label", change.rawValue), ("shape", "box"), ("style", "filled")], with: nodeLook(change))
            return (name: "legend_change_" + change.rawValue, attributes: look)
        }
        return decoration
    }
}
