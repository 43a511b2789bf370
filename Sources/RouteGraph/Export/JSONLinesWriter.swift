/// Writes the canonical JSON Lines form of a graph (`graph.jsonl`, DESIGN.md "Outputs"): the
/// interchange format, one JSON object per line, every node then every edge, in graph order.
///
/// A node line is
/// `{"type":"node","id":…,"kind":…,"label":…,"attributes":{…}}` and an edge line is
/// `{"type":"edge","source":…,"target":…,"kind":…,"key":…,"label":…,"attributes":{…}}`, with `key`
/// always present (`""` for edges without one). Attribute members appear in column order
/// (`Attribute.nodeAttributes` / `Attribute.edgeAttributes`), integers as JSON numbers, booleans as
/// JSON booleans; missing attributes are left out. `Schemas/graph.schema.json` describes one line.
///
/// Serialisation is written by hand rather than with `JSONEncoder`: key order and number format are
/// part of the format, so the same graph always gives the same bytes, and it is several times faster
/// on graphs of millions of records.
public enum JSONLinesWriter {
    /// Writes `graph` to `path`, atomically: the file appears complete or not at all.
    public static func write(_ graph: RouteGraph, to path: String) throws(OutputError) {
        try plan(graph).write(to: path)
    }

    /// The JSON Lines text of `graph`, the same bytes `write(_:to:)` writes.
    static func render(_ graph: RouteGraph) -> String {
        let sink = MemorySink()
        try? emit(graph, into: sink)  // A memory sink never throws.
        return sink.text
    }

    static func emit<Sink: TextSink>(_ graph: RouteGraph, into sink: Sink) throws(OutputError) {
        try plan(graph).emit(into: sink)
    }

    static func plan(_ graph: RouteGraph) -> RenderPlan { plan(PackedGraph(graph)) }

    /// The file in pieces of a thousand lines, under a megabyte (see `RenderPlan` on sizes).
    static func plan(_ graph: PackedGraph) -> RenderPlan {
        let layout = GraphPiece.Layout(
            head: false, tail: false, nodeCount: graph.nodes.count, edgeCount: graph.edges.count, rowsPerPiece: 1024)
        let ids = NodeTextTable(graph) { node, out in JSONText.appendString(bytes: graph.text(node.id), isPlain: node.id.isPlain, to: &out) }
        return RenderPlan(pieceCount: layout.count) { index, out in
            switch layout.piece(index) {
            case .nodes(let range): for i in range { appendNode(i, of: graph, to: &out) }
            case .edges(let range):
                let prefetch = EdgeTargetPrefetch(graph, range, ids.texts)
                for i in range {
                    prefetch.ahead(of: i)
                    appendEdge(i, of: graph, ids: ids, to: &out)
                }
            case .head, .tail: break
            }
        }
    }

    /// The line of `node`, appended to `line`.
    static func appendNode(_ node: Node, to line: inout [UInt8]) {
        let graph = PackedGraph(RouteGraph(sortedNodes: [node], sortedEdges: []))
        var buffer = TextBuffer(flushLimit: 0)
        appendNode(0, of: graph, to: &buffer)
        buffer.withBytes { line.append(contentsOf: $0) }
    }

    /// The line of `edge`, appended to `line`.
    static func appendEdge(_ edge: Edge, to line: inout [UInt8]) {
        let graph = PackedGraph(RouteGraph(sortedNodes: [], sortedEdges: [edge]))
        var buffer = TextBuffer(flushLimit: 0)
        appendEdge(0, of: graph, to: &buffer)
        buffer.withBytes { line.append(contentsOf: $0) }
    }

    static func appendNode(_ index: Int, of graph: PackedGraph, to line: inout TextBuffer) {
        let node = graph.nodes[index]
        line.append(#"{"type":"node","id":"#)
        JSONText.appendString(bytes: graph.text(node.id), isPlain: node.id.isPlain, to: &line)
        line.append(#","kind":"#)
        line.append(JSONNames.shared.quoted(node.kind))
        line.append(#","label":"#)
        JSONText.appendString(bytes: graph.text(node.label), isPlain: node.label.isPlain, to: &line)
        line.append(#","attributes":"#)
        appendAttributes(graph.attributes(node.attributes), of: graph, to: &line)
        line.append("}\n")
    }

    /// The line of edge `index`; with `ids`, the quoted ids of the graph's nodes (made once per
    /// node rather than escaped again for every edge end).
    static func appendEdge(_ index: Int, of graph: PackedGraph, ids: NodeTextTable? = nil, to line: inout TextBuffer) {
        let edge = graph.edges[index]
        line.append(#"{"type":"edge","source":"#)
        appendEnd(edge.sourceNode, edge.source, of: graph, ids: ids, to: &line)
        line.append(#","target":"#)
        appendEnd(edge.targetNode, edge.target, of: graph, ids: ids, to: &line)
        line.append(#","kind":"#)
        line.append(JSONNames.shared.quoted(edge.kind))
        line.append(#","key":"#)
        JSONText.appendString(bytes: graph.text(edge.key), isPlain: edge.key.isPlain, to: &line)
        line.append(#","label":"#)
        line.append(UInt8(ascii: "\""))
        EdgeLabel.append(edge, of: graph, to: &line)
        line.append(UInt8(ascii: "\""))
        line.append(#","attributes":"#)
        appendAttributes(graph.attributes(edge.attributes), of: graph, to: &line)
        line.append("}\n")
    }

    @inline(__always)
    private static func appendEnd(_ node: Int32, _ end: ByteSpan, of graph: PackedGraph, ids: NodeTextTable?, to line: inout TextBuffer) {
        if node >= 0, let ids {
            line.append(ids.text(of: Int(node)))
        } else {
            JSONText.appendString(bytes: graph.text(end), isPlain: end.isPlain, to: &line)
        }
    }

    /// The packed attributes are those of the node or edge columns, in column order: the same set
    /// the CSV columns and the schema allow, so every format carries the same facts.
    private static func appendAttributes(_ attributes: UnsafeBufferPointer<PackedAttribute>, of graph: PackedGraph, to line: inout TextBuffer) {
        line.append(UInt8(ascii: "{"))
        let names = JSONNames.shared
        var first = true
        for attribute in attributes {
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
            line.append(names.key(attribute.attribute))
            switch attribute.tag {
            case .string: JSONText.appendString(bytes: graph.text(attribute.span), isPlain: attribute.span.isPlain, to: &line)
            case .integer: line.appendDecimal(attribute.integer)
            case .boolean: if attribute.boolean { line.append("true" as StaticString) } else { line.append("false" as StaticString) }
            }
        }
        line.append(UInt8(ascii: "}"))
    }
}
