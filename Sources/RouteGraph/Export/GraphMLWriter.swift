/// Writes the canonical graph as GraphML (DESIGN.md, "Outputs"), valid against the official
/// GraphML XSD and readable by Gephi, yEd, Cytoscape and networkx.
///
/// The file declares one `<key>` per attribute, with its `for` (`node` or `edge`) and `attr.type`,
/// plus `kind` and `label` for nodes and edges and `canonicalId` for nodes. Keys come in the column
/// order of `Attribute.nodeAttributes` and `Attribute.edgeAttributes`, nodes and edges in graph
/// order, so the same graph always gives the same bytes.
///
/// - Node ids: the XSD types them as XML name tokens, which canonical ids are not (`/` in CIDRs,
///   `*` in masked ids), so a node's GraphML id is its canonical id with every character outside
///   `[A-Za-z0-9.:-]` written `_xHHHH_` (see `graphMLId(for:)`); the canonical id itself is kept,
///   unchanged, in the node's `canonicalId` data.
/// - Edge ids: `e0`, `e1`, … in graph order.
/// - Values: missing or empty ones are left out; integers in decimal, booleans `true`/`false`.
/// - Text: code points XML 1.0 forbids (controls other than tab, line feed and carriage return;
///   U+FFFE; U+FFFF) are written as U+FFFD, in data and ids alike, since no XML reader could read
///   the file otherwise. Everything else round-trips exactly.
///
/// Written with libxml2's xmlTextWriter, streaming into a temporary file renamed over `path` only
/// once complete: a failure leaves the previous file, or none. The document and keys go through
/// its element calls; the `<data>` elements, most of the file, as prepared markup around text
/// escaped by libxml2 (see `XMLStreamWriter.textElement`), which gives the same bytes at a
/// fraction of the cost, and so do nodes and edges, but for those with yEd graphics (written
/// through the element calls). Everything is read from the packed graph, as bytes.
public enum GraphMLWriter {
    /// The GraphML namespace and where its schema is published.
    static let namespace = "http://graphml.graphdrawing.org/xmlns"
    static let schemaLocation = namespace + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

    /// Writes `graph` as GraphML to `path`, replacing any file there only on success.
    /// - Parameter style: `.yed` adds yFiles graphics for yEd (see `GraphMLStyle`).
    /// - Throws: `OutputError` when the file cannot be created, written or moved into place.
    public static func write(_ graph: RouteGraph, to path: String, style: GraphMLStyle = .plain) throws(OutputError) {
        try write(graph, style: style, extraColumns: [], to: path)
    }

    /// A string column that a view adds to every node and edge (the diff's `change`), declared as
    /// `n_{name}` and `e_{name}` after the attribute keys; nil or empty values are left out. The
    /// values are asked for by node and edge index, in graph order.
    struct ExtraColumn {
        var name: String
        var node: (Int) -> String?
        var edge: (Int) -> String?
    }

    /// Writes `graph` with `extraColumns` besides its own attributes.
    static func write(
        _ graph: RouteGraph, style: GraphMLStyle = .plain, extraColumns: [ExtraColumn], to path: String
    ) throws(OutputError) {
        try plan(graph, style: style, extraColumns: extraColumns, path: path).write(to: path)
    }

    /// How many nodes or edges a piece holds: under a megabyte (see `RenderPlan` on sizes).
    private static let elementsPerPiece = 512

    /// The document in pieces: the declaration, keys and `<graph>` start tag; ranges of nodes and
    /// of edges; the end tags. Each piece is written by a libxml2 writer of its own, into memory:
    /// one for a range first opens the enclosing elements and writes a stand-in child, whose bytes
    /// it drops, so libxml2 is in the state the whole document's writer is in between two
    /// elements and indents the range exactly as it would.
    /// - Parameter path: the file, named in errors.
    static func plan(
        _ graph: RouteGraph, style: GraphMLStyle = .plain, extraColumns: [ExtraColumn] = [],
        path: String = "graph.graphml"
    ) -> RenderPlan {
        plan(PackedGraph(graph), style: style, extraColumns: extraColumns, path: path)
    }

    /// `plan` for a packed graph, which it reads without building a string per node or edge.
    static func plan(
        _ graph: PackedGraph, style: GraphMLStyle = .plain, extraColumns: [ExtraColumn] = [],
        path: String = "graph.graphml"
    ) -> RenderPlan {
        let layout = GraphPiece.Layout(
            head: true, tail: true, nodeCount: graph.nodes.count, edgeCount: graph.edges.count,
            rowsPerPiece: elementsPerPiece)
        let extraNodeData = extraColumns.map { dataElement("n_" + $0.name) }
        let extraEdgeData = extraColumns.map { dataElement("e_" + $0.name) }
        // yEd positions stack each kind's nodes in graph order: where each piece's nodes start.
        var placements: [YEdGraphics.Placement] = []
        if style == .yed {
            var placement = YEdGraphics.Placement()
            for (i, node) in graph.nodes.enumerated() {
                if i % elementsPerPiece == 0 { placements.append(placement) }
                _ = placement.next(node.kind)
            }
        }
        let empty = graph.nodes.isEmpty && graph.edges.isEmpty
        let ids = NodeTextTable(graph) { node, out in GraphMLId.append(utf8: graph.text(node.id), to: &out) }
        return RenderPlan(pieceCount: empty ? 1 : layout.count) { index, out throws(OutputError) in
            let piece = layout.piece(index)
            var xml: XMLStreamWriter
            do throws(OutputError) {
                if case .head = piece {
                    xml = try XMLStreamWriter(memoryFor: path, buffer: out, declaration: true)
                } else {
                    xml = try XMLStreamWriter(memoryFor: path, buffer: out, declaration: false)
                }
            } catch {
                out = TextBuffer()
                throw error
            }
            do throws(OutputError) {
                switch piece {
                case .head:
                    try writeFrameStart(style: style, extraColumns: extraColumns, to: &xml)
                    if empty {
                        try xml.endElement()  // graph, empty: `<graph …/>`
                        try xml.endElement()  // graphml
                        try xml.finishDocument()
                    } else {
                        try endBeforeFirstChild(&xml)
                    }
                case .nodes(let range):
                    try openRange(&xml)
                    var placement: YEdGraphics.Placement? = style == .yed ? placements[range.lowerBound / elementsPerPiece] : nil
                    for i in range {
                        try writeNode(i, of: graph, ids: ids, extraColumns, extraNodeData, &placement, to: &xml)
                    }
                case .edges(let range):
                    try openRange(&xml)
                    var id = TextBuffer(flushLimit: 0)
                    let prefetch = EdgeTargetPrefetch(graph, range, ids.texts)
                    for i in range {
                        prefetch.ahead(of: i)
                        try writeEdge(i, of: graph, ids: ids, extraColumns, extraEdgeData, yed: style == .yed, scratch: &id, to: &xml)
                    }
                case .tail:
                    try openRange(&xml)
                    try xml.endElement()  // graph
                    try xml.endElement()  // graphml
                    try xml.finishDocument()
                }
                out = try xml.takeBuffer()
            } catch {
                out = (try? xml.takeBuffer()) ?? TextBuffer()
                throw error
            }
        }
    }

    /// Puts a writer for a piece in the state between two children of `<graph>`: opens the
    /// enclosing elements, writes a stand-in child and drops every byte written.
    private static func openRange(_ xml: inout XMLStreamWriter) throws(OutputError) {
        try xml.flush()
        let start = xml.memoryCount
        try xml.startElement("graphml")
        try xml.startElement("graph")
        try xml.startElement("piece")
        try xml.endElement()
        try xml.flush()
        xml.truncateMemory(to: start)
    }

    /// Ends the head piece where the first child of `<graph>` would begin: libxml2 closes the start
    /// tag (and breaks the line) when a child starts, so a stand-in child is written and everything
    /// from its indentation on dropped, the indentation being part of each range's first element.
    private static func endBeforeFirstChild(_ xml: inout XMLStreamWriter) throws(OutputError) {
        try xml.flush()
        let mark = xml.memoryCount
        try xml.startElement("piece")
        try xml.endElement()
        try xml.flush()
        let end = xml.withMemoryBytes { bytes -> Int in
            var end = mark
            while end < bytes.count && bytes[end] != UInt8(ascii: "<") { end += 1 }
            while end > mark && bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return end
        }
        xml.truncateMemory(to: end)
    }

    /// The GraphML id of the node whose canonical id is `canonicalId` (see `GraphMLId`).
    static func graphMLId(for canonicalId: String) -> String {
        var bytes = TextBuffer(flushLimit: 0)
        GraphMLId.append(canonicalId, to: &bytes)
        return String(decoding: bytes.bytes, as: UTF8.self)
    }

    /// One declared `<key>`: what it is called in the file and in `attr.name`, and its type.
    struct Key {
        var id: String
        var name: String
        var type: AttributeType
    }

    /// Node keys: `kind`, `label`, `canonicalId`, then every node attribute in column order. The
    /// `n_` and `e_` prefixes keep node and edge keys distinct where an attribute (`port`,
    /// `createdAt`) belongs to both.
    static let nodeKeys: [Key] =
        [
            Key(id: "n_kind", name: "kind", type: .string),
            Key(id: "n_label", name: "label", type: .string),
            Key(id: "n_canonicalId", name: "canonicalId", type: .string),
        ] + Attribute.nodeAttributes.map { Key(id: "n_" + $0.rawValue, name: $0.rawValue, type: $0.type) }

    /// Edge keys: `kind`, `label`, then every edge attribute in column order.
    static let edgeKeys: [Key] =
        [
            Key(id: "e_kind", name: "kind", type: .string),
            Key(id: "e_label", name: "label", type: .string),
        ] + Attribute.edgeAttributes.map { Key(id: "e_" + $0.rawValue, name: $0.rawValue, type: $0.type) }

    /// The `<data>` element of each key, prepared once (see `XMLTextElement`).
    private static func dataElement(_ key: String) -> XMLTextElement {
        XMLTextElement("data", attributes: [("key", key)])
    }

    private static let nodeKindData = dataElement("n_kind")
    private static let nodeLabelData = dataElement("n_label")
    private static let nodeCanonicalIdData = dataElement("n_canonicalId")
    private static let edgeKindData = dataElement("e_kind")
    private static let edgeLabelData = dataElement("e_label")
    /// The attribute columns of one domain with their `<data>` elements, in key order. Two arrays,
    /// not one of pairs: walking pairs would copy (retain and release) every element's tags for
    /// every column of every node, where most columns are absent.
    private struct Columns {
        let order: AttributeColumns
        let data: [XMLTextElement]

        init(_ attributes: [Attribute], prefix: String) {
            order = AttributeColumns(attributes)
            data = attributes.map { dataElement(prefix + $0.rawValue) }
        }
    }

    private static let nodeColumns = Columns(Attribute.nodeAttributes, prefix: "n_")
    private static let edgeColumns = Columns(Attribute.edgeAttributes, prefix: "e_")

    /// The declaration's followers: `<graphml>`, the keys and the `<graph>` start tag, left open.
    private static func writeFrameStart(
        style: GraphMLStyle, extraColumns: [ExtraColumn], to xml: inout XMLStreamWriter
    ) throws(OutputError) {
        let yed = style == .yed
        try xml.startElement("graphml")
        try xml.attribute("xmlns", namespace)
        try xml.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        if yed { try xml.attribute("xmlns:y", YEdGraphics.namespace) }
        try xml.attribute("xsi:schemaLocation", schemaLocation)
        for key in nodeKeys { try writeKey(key, for: "node", to: &xml) }
        for key in edgeKeys { try writeKey(key, for: "edge", to: &xml) }
        for column in extraColumns {
            try writeKey(Key(id: "n_" + column.name, name: column.name, type: .string), for: "node", to: &xml)
        }
        for column in extraColumns {
            try writeKey(Key(id: "e_" + column.name, name: column.name, type: .string), for: "edge", to: &xml)
        }
        if yed { try YEdGraphics.writeKeys(to: &xml) }
        try xml.startElement("graph")
        try xml.attribute("id", "routegraph")
        try xml.attribute("edgedefault", "directed")
    }

    /// The `index`th `<node>`; `placement` only for the yEd style.
    private static func writeNode(
        _ index: Int, of graph: PackedGraph, ids: NodeTextTable, _ extraColumns: [ExtraColumn], _ extraData: [XMLTextElement],
        _ placement: inout YEdGraphics.Placement?, to xml: inout XMLStreamWriter
    ) throws(OutputError) {
        let node = graph.nodes[index]
        // Without yEd graphics (libxml2 elements) a node is all markup: its id, a name token, needs
        // no escaping, and libxml2 then takes no call for it but the markup's.
        let markup = placement == nil
        if markup {
            try xml.startMarkupElement("node")
        } else {
            try xml.startElement("node")
        }
        try writeId("id", ids.text(of: index), markup: markup, to: &xml)
        xml.textElement(nodeKindData, utf8: KindNames.shared.name(node.kind), isPlain: true)
        xml.textElement(nodeLabelData, utf8: graph.text(node.label), isPlain: node.label.isPlain)
        xml.textElement(nodeCanonicalIdData, utf8: graph.text(node.id), isPlain: node.id.isPlain)
        writeAttributes(graph.attributes(node.attributes), of: graph, nodeColumns, to: &xml)
        for (column, data) in zip(extraColumns, extraData) {
            if let value = column.node(index) { xml.textElement(data, value) }
        }
        if let position = placement?.next(node.kind) {
            try YEdGraphics.writeNode(node, of: graph, at: position, to: &xml)
        }
        if markup { try xml.endMarkupElement("node") } else { try xml.endElement() }
    }

    /// The `index`th `<edge>`.
    private static func writeEdge(
        _ index: Int, of graph: PackedGraph, ids: NodeTextTable, _ extraColumns: [ExtraColumn], _ extraData: [XMLTextElement],
        yed: Bool, scratch id: inout TextBuffer, to xml: inout XMLStreamWriter
    ) throws(OutputError) {
        let edge = graph.edges[index]
        // All markup without yEd graphics, as a node (see `writeNode`).
        let markup = !yed
        if markup { try xml.startMarkupElement("edge") } else { try xml.startElement("edge") }
        id.removeAll()
        id.append(UInt8(ascii: "e"))
        id.appendDecimal(Int64(index))
        try writeId("id", id.bytes, markup: markup, to: &xml)
        try writeEnd("source", edge.sourceNode, edge.source, of: graph, ids: ids, scratch: &id, markup: markup, to: &xml)
        try writeEnd("target", edge.targetNode, edge.target, of: graph, ids: ids, scratch: &id, markup: markup, to: &xml)
        xml.textElement(edgeKindData, utf8: KindNames.shared.name(edge.kind), isPlain: true)
        id.removeAll()
        EdgeLabel.append(edge, of: graph, to: &id)
        xml.textElement(edgeLabelData, utf8: id.bytes, isPlain: true)
        writeAttributes(graph.attributes(edge.attributes), of: graph, edgeColumns, to: &xml)
        for (column, data) in zip(extraColumns, extraData) {
            if let value = column.edge(index) { xml.textElement(data, value) }
        }
        if yed {
            id.removeAll()
            EdgeLabel.append(edge, of: graph, to: &id)
            try YEdGraphics.writeEdge(edge.kind, label: id.bytes, to: &xml)
        }
        if markup { try xml.endMarkupElement("edge") } else { try xml.endElement() }
    }

    /// An id attribute (a name token) of an element, as markup or through libxml2.
    private static func writeId(
        _ name: StaticString, _ id: UnsafeBufferPointer<UInt8>, markup: Bool, to xml: inout XMLStreamWriter
    ) throws(OutputError) {
        if markup {
            xml.markupAttribute(name, id)
        } else {
            try xml.attribute(name.description, utf8: id)
        }
    }

    /// An edge end's id: its node's, made once per node, or (for an end the graph has no node
    /// for, which only a graph made by hand can have) escaped here.
    private static func writeEnd(
        _ name: StaticString, _ node: Int32, _ end: ByteSpan, of graph: PackedGraph, ids: NodeTextTable,
        scratch: inout TextBuffer, markup: Bool, to xml: inout XMLStreamWriter
    ) throws(OutputError) {
        if node >= 0 { return try writeId(name, ids.text(of: Int(node)), markup: markup, to: &xml) }
        scratch.removeAll()
        GraphMLId.append(utf8: graph.text(end), to: &scratch)
        try writeId(name, scratch.bytes, markup: markup, to: &xml)
    }

    private static func writeKey(_ key: Key, for domain: String, to xml: inout XMLStreamWriter) throws(OutputError) {
        try xml.startElement("key")
        try xml.attribute("id", key.id)
        try xml.attribute("for", domain)
        try xml.attribute("attr.name", key.name)
        try xml.attribute("attr.type", key.type.rawValue)
        try xml.endElement()
    }

    /// The packed attributes are those of the domain's columns, in column order, so data come in
    /// key order whatever order the attributes were set in, and an attribute with no key for the
    /// domain (which would have nowhere valid to go) is not there.
    private static func writeAttributes(
        _ attributes: UnsafeBufferPointer<PackedAttribute>, of graph: PackedGraph, _ columns: borrowing Columns,
        to xml: inout XMLStreamWriter
    ) {
        for attribute in attributes {
            let data = columns.data[columns.order.column(of: attribute.attribute)]
            switch attribute.tag {
            case .string: xml.textElement(data, utf8: graph.text(attribute.span), isPlain: attribute.span.isPlain)
            case .integer: xml.textElement(data, attribute.integer)
            case .boolean: xml.textElement(data, attribute.boolean)
            }
        }
    }
}
