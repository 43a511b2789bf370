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

    /// The file in pieces of a few thousand lines (see `RenderPlan`).
    static func plan(_ graph: RouteGraph) -> RenderPlan {
        let layout = GraphPiece.Layout(
            head: false, tail: false, nodeCount: graph.nodes.count, edgeCount: graph.edges.count, rowsPerPiece: 4096)
        return RenderPlan(pieceCount: layout.count) { index, out in
            switch layout.piece(index) {
            case .nodes(let range):
                graph.nodes.withUnsafeBufferPointer { nodes in
                    for i in range { appendNode(nodes.baseAddress! + i, to: &out) }
                }
            case .edges(let range):
                graph.edges.withUnsafeBufferPointer { edges in
                    for i in range { appendEdge(edges.baseAddress! + i, to: &out) }
                }
            case .head, .tail: break
            }
        }
    }

    /// The line of `node`, appended to `line`.
    static func appendNode(_ node: Node, to line: inout [UInt8]) {
        var buffer = TextBuffer(flushLimit: 0)
        withUnsafePointer(to: node) { appendNode($0, to: &buffer) }
        buffer.withBytes { line.append(contentsOf: $0) }
    }

    /// The line of `edge`, appended to `line`.
    static func appendEdge(_ edge: Edge, to line: inout [UInt8]) {
        var buffer = TextBuffer(flushLimit: 0)
        withUnsafePointer(to: edge) { appendEdge($0, to: &buffer) }
        buffer.withBytes { line.append(contentsOf: $0) }
    }

    /// The node and edge are read through pointers, in place: copied out of the array, each would
    /// cost a retain and a release of every string and of its attributes.
    static func appendNode(_ node: UnsafePointer<Node>, to line: inout TextBuffer) {
        line.append(#"{"type":"node","id":"#)
        JSONText.appendString(node.pointee.id, to: &line)
        line.append(#","kind":"#)
        JSONText.appendString(node.pointee.kind.rawValue, to: &line)
        line.append(#","label":"#)
        NodeLabel.withUTF8(node) { JSONText.appendString(bytes: $0, to: &line) }
        line.append(#","attributes":"#)
        appendAttributes(node.pointee.attributes, in: .node, to: &line)
        line.append("}\n")
    }

    static func appendEdge(_ edge: UnsafePointer<Edge>, to line: inout TextBuffer) {
        line.append(#"{"type":"edge","source":"#)
        JSONText.appendString(edge.pointee.source, to: &line)
        line.append(#","target":"#)
        JSONText.appendString(edge.pointee.target, to: &line)
        line.append(#","kind":"#)
        JSONText.appendString(edge.pointee.kind.rawValue, to: &line)
        line.append(#","key":"#)
        JSONText.appendString(edge.pointee.key, to: &line)
        line.append(#","label":"#)
        line.append(UInt8(ascii: "\""))
        EdgeLabel.append(edge, to: &line)
        line.append(UInt8(ascii: "\""))
        line.append(#","attributes":"#)
        appendAttributes(edge.pointee.attributes, in: .edge, to: &line)
        line.append("}\n")
    }

    /// Only the attributes of `columns` are written, the same set the CSV columns and the schema
    /// allow, so every format carries the same facts.
    private static func appendAttributes(_ attributes: Attributes, in columns: AttributeColumns, to line: inout TextBuffer) {
        line.append(UInt8(ascii: "{"))
        var first = true
        columns.forEachPresent(in: attributes) { column, value in
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
            JSONText.appendString(columns.attributes[column].rawValue, to: &line)
            line.append(UInt8(ascii: ":"))
            switch value {
            case .string(let s): JSONText.appendString(s, to: &line)
            case .integer(let i): line.appendDecimal(i)
            case .boolean(let b): if b { line.append("true" as StaticString) } else { line.append("false" as StaticString) }
            }
        }
        line.append(UInt8(ascii: "}"))
    }
}
