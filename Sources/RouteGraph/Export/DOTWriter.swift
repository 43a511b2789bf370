/// Writes a graph as Graphviz DOT for architects (DESIGN.md "Outputs", DOT).
///
/// The file is a `digraph` (never `strict`, which would merge parallel edges such as two tunnels to
/// one CIDR) laid out left to right, with:
/// - a cluster per gateway holding the gateway, its routes (`route:G:*`) and its services
///   (`service:G:*`), labelled with the gateway id;
/// - a cluster per IPsec connection holding the connection and its tunnels (a tunnel belongs to the
///   connection with a `HAS_TUNNEL` edge to it, the first in graph order if several), labelled with
///   the connection id;
/// - domains and CIDRs, which several clusters share, outside any cluster;
/// - one shape and fill colour per node kind, explained in a legend cluster of sample nodes named
///   `legend_*`, joined by a sample edge of every kind;
/// - edge labels from `Edge.label` (`80%`, `weight 100`, else the kind), fallbacks dashed, mirrors
///   dotted.
///
/// Nodes are named with short stable names (`DOTNames`) and carry their canonical id in `tooltip`;
/// labels are `Node.label`, with ids longer than 32 characters shortened (the full id is in the
/// tooltip). Every string is quoted and escaped (`DOTString`). The same graph gives the same bytes.
///
/// Written from the packed graph (`PackedGraph`), whose ids are UTF-8 bytes and are compared as
/// such: unlike `String` equality, two canonically equivalent ids of different bytes (`é` as one
/// scalar or as `e` and a combining accent) are two nodes with two names, and such an edge end is
/// not taken for the node (see `DOTIdTable`, `DOTLayout`).
public enum DOTWriter {
    /// Writes `graph` to `path`, atomically: the file appears complete or not at all.
    public static func write(_ graph: RouteGraph, to path: String) throws(OutputError) {
        try plan(graph).write(to: path)
    }

    /// The DOT text of `graph`, the same bytes `write(_:to:)` writes.
    public static func render(_ graph: RouteGraph) -> String {
        let sink = MemorySink()
        try? emit(graph, into: sink)  // A memory sink never throws.
        return sink.text
    }

    static func emit<Sink: TextSink>(
        _ graph: RouteGraph, decoration: DOTDecoration = .none, into sink: Sink
    ) throws(OutputError) {
        try plan(PackedGraph(graph), decoration: decoration).emit(into: sink)
    }

    /// `emit` for a packed graph.
    static func emit<Sink: TextSink>(
        _ graph: PackedGraph, decoration: DOTDecoration = .none, into sink: Sink
    ) throws(OutputError) {
        try plan(graph, decoration: decoration).emit(into: sink)
    }

    /// How many node or edge statements a piece holds: under a megabyte (see `RenderPlan` on sizes).
    private static let statementsPerPiece = 2048

    /// What a piece of the file holds.
    private enum Piece {
        /// The graph's attributes and the legend.
        case head
        /// These clusters, whole.
        case clusters(Range<Int>)
        /// These nodes of `unclustered`.
        case unclustered(Range<Int>)
        /// The stand-ins for edge ends with no node.
        case dangling
        case edges(Range<Int>)
        case tail
    }

    /// The file in pieces, from the graph packed.
    static func plan(_ graph: RouteGraph, decoration: DOTDecoration = .none) -> RenderPlan {
        plan(PackedGraph(graph), decoration: decoration)
    }

    /// The file in pieces: the layout is made here, once; the pieces share it. Reads only the packed
    /// graph; the plain diagram makes no `String` per node or edge.
    static func plan(_ graph: PackedGraph, decoration: DOTDecoration = .none) -> RenderPlan {
        let layout = DOTLayout(graph)
        var pieces: [Piece] = [.head]
        var first = 0, statements = 0
        for (c, cluster) in layout.clusters.enumerated() {
            statements += cluster.nodes.count + 2
            if statements >= statementsPerPiece {
                pieces.append(.clusters(first..<c + 1))
                (first, statements) = (c + 1, 0)
            }
        }
        if first < layout.clusters.count { pieces.append(.clusters(first..<layout.clusters.count)) }
        for start in stride(from: 0, to: layout.unclustered.count, by: statementsPerPiece) {
            pieces.append(.unclustered(start..<min(layout.unclustered.count, start + statementsPerPiece)))
        }
        pieces.append(.dangling)
        for start in stride(from: 0, to: graph.edges.count, by: statementsPerPiece) {
            pieces.append(.edges(start..<min(graph.edges.count, start + statementsPerPiece)))
        }
        pieces.append(.tail)
        let kindText = DOTEdgeKindText()
        // Each node's id escaped once: every edge's tooltip names both its ends, so each id was
        // escaped a dozen times on average.
        let escapedIds = decoration.isPlain ? NodeTextTable(graph) { node, out in DOTString.appendEscaped(graph.text(node.id), isPlain: node.id.isPlain, to: &out) } : nil
        return RenderPlan(pieceCount: pieces.count) { index, out in
            switch pieces[index] {
            case .head: appendHead(decoration: decoration, to: &out)
            case .clusters(let range):
                appendClusters(range, of: graph, layout: layout, decoration: decoration, to: &out)
            case .unclustered(let range):
                for i in range {
                    out.append("  ")
                    nodeStatement(Int(layout.unclustered[i]), of: graph, layout: layout, decoration: decoration, into: &out)
                }
            case .dangling: appendDangling(of: graph, layout: layout, to: &out)
            case .edges(let range):
                appendEdges(range, of: graph, layout: layout, kindText: kindText, escapedIds: escapedIds?.texts, decoration: decoration, to: &out)
            case .tail: out.append("}\n")
            }
        }
    }

    private static func appendHead(decoration: DOTDecoration, to out: inout TextBuffer) {
        out.append("digraph routegraph {\n")
        out.append(#"  graph [rankdir="LR", fontname="Helvetica", newrank="true"];\#n"#)
        out.append(#"  node [style="filled", fontname="Helvetica", fontsize="10"];\#n"#)
        out.append(#"  edge [fontname="Helvetica", fontsize="9"];\#n"#)
        emitLegend(extra: decoration.extraLegend, into: &out)
    }

    private static func appendClusters(
        _ range: Range<Int>, of graph: PackedGraph, layout: DOTLayout, decoration: DOTDecoration, to out: inout TextBuffer
    ) {
        for c in range {
            let cluster = layout.clusters[c]
            out.append("  subgraph ")
            layout.appendQuotedName(of: cluster, to: &out)
            out.append(" {\n")
            // [label=…, tooltip=…, style="rounded", color=…]: the label is the id without its kind.
            layout.owners.withId(cluster.owner) { owner in
                out.append("    graph [label=")
                let prefix = min(owner.count, cluster.kind.idPrefix.utf8.count)
                DOTString.appendShortenedQuoted(UnsafeBufferPointer(rebasing: owner[prefix...]), to: &out)
                out.append(", tooltip=")
                DOTString.appendQuoted(owner, to: &out)
            }
            out.append(##", style="rounded", color=""##)
            out.append(string: DOTStyle.clusterColor(cluster.kind))
            out.append("\"];\n")
            for i in cluster.nodes {
                out.append("    ")
                nodeStatement(Int(layout.clusteredNodes[i]), of: graph, layout: layout, decoration: decoration, into: &out)
            }
            out.append("  }\n")
        }
    }

    private static func appendDangling(of graph: PackedGraph, layout: DOTLayout, to out: inout TextBuffer) {
        let names = layout.names
        for number in 0..<names.dangling.count {
            // An edge end the graph has no node for: shown, plainly, rather than left for Graphviz
            // to invent a node without a tooltip.
            out.append("  ")
            names.appendQuotedName(names.danglingBase + Int32(number), to: &out)
            names.dangling.withId(number) { id in
                out.append(" [label=")
                DOTString.appendShortenedQuoted(id, to: &out)
                out.append(", tooltip=")
                DOTString.appendQuoted(id, to: &out)
            }
            out.append(#", shape="plaintext", style="dashed"];\#n"#)
        }
    }

    private static func appendEdges(
        _ range: Range<Int>, of graph: PackedGraph, layout: DOTLayout, kindText: DOTEdgeKindText, escapedIds: NodeTexts?,
        decoration: DOTDecoration, to out: inout TextBuffer
    ) {
        let ends = layout.names.edgeEnds
        let prefetch = escapedIds.map { EdgeTargetPrefetch(graph, range, $0) }
        kindText.withTable { kindText in
            for i in range {
                prefetch?.ahead(of: i)
                let ahead = i + EdgeTargetPrefetch.distance
                if ahead < range.upperBound { layout.names.prefetchName(ends[2 * ahead + 1]) }
                let edge = graph.edges[i]
                out.append("  ")
                layout.names.appendQuotedName(ends[2 * i], to: &out)
                out.append(" -> ")
                layout.names.appendQuotedName(ends[2 * i + 1], to: &out)
                out.append(UInt8(ascii: " "))
                if decoration.isPlain {
                    out.append("[label=")
                    out.append(UInt8(ascii: "\""))
                    EdgeLabel.append(edge, of: graph, to: &out)
                    out.append(UInt8(ascii: "\""))
                    out.append(", tooltip=")
                    out.append(UInt8(ascii: "\""))
                    appendEscapedId(of: edge, in: graph, kindName: kindText.name(edge.kind), escapedIds: escapedIds, to: &out)
                    out.append(UInt8(ascii: "\""))
                    out.append(kindText.style(edge.kind))
                    out.append("];\n")
                } else {
                    let identity = EdgeIdentity(
                        source: string(edge.source, of: graph), target: string(edge.target, of: graph), kind: edge.kind,
                        key: string(edge.key, of: graph))
                    var label = TextBuffer(flushLimit: 0)
                    EdgeLabel.append(edge, of: graph, to: &label)
                    var id = TextBuffer(flushLimit: 0)
                    appendId(of: edge, in: graph, to: &id)
                    let look = decoration.edge(
                        identity, [("label", label.string), ("tooltip", id.string)] + DOTStyle.edgeAttributes(edge.kind))
                    out.append(string: "\(DOTString.attributeList(look));\n")
                }
            }
        }
    }

    /// `Edge.id` (`source>KIND>target`, then `>key` if there is one), escaped, written in pieces:
    /// the id is made for every edge and is the longest text of its line. Escaping the pieces
    /// apart is escaping the whole, as they are joined by plain `>`; an end that is a node takes
    /// its id escaped already (`escapedIds`).
    @inline(__always)
    private static func appendEscapedId(
        of edge: PackedEdge, in graph: PackedGraph, kindName: UnsafeBufferPointer<UInt8>, escapedIds: NodeTexts?,
        to out: inout TextBuffer
    ) {
        if let escapedIds, edge.sourceNode >= 0 {
            out.append(escapedIds.text(of: Int(edge.sourceNode)))
        } else {
            DOTString.appendEscaped(graph.text(edge.source), isPlain: edge.source.isPlain, to: &out)
        }
        out.append(UInt8(ascii: ">"))
        out.append(kindName)
        out.append(UInt8(ascii: ">"))
        if let escapedIds, edge.targetNode >= 0 {
            out.append(escapedIds.text(of: Int(edge.targetNode)))
        } else {
            DOTString.appendEscaped(graph.text(edge.target), isPlain: edge.target.isPlain, to: &out)
        }
        let key = graph.text(edge.key)
        if !key.isEmpty {
            out.append(UInt8(ascii: ">"))
            DOTString.appendEscaped(key, isPlain: edge.key.isPlain, to: &out)
        }
    }

    /// `Edge.id`'s bytes, unescaped.
    private static func appendId(of edge: PackedEdge, in graph: PackedGraph, to out: inout TextBuffer) {
        out.append(graph.text(edge.source))
        out.append(UInt8(ascii: ">"))
        out.append(KindNames.shared.name(edge.kind))
        out.append(UInt8(ascii: ">"))
        out.append(graph.text(edge.target))
        let key = graph.text(edge.key)
        if !key.isEmpty {
            out.append(UInt8(ascii: ">"))
            out.append(key)
        }
    }

    /// The text of `span` as a `String`: only for decorated views, whose decorations take strings.
    private static func string(_ span: ByteSpan, of graph: PackedGraph) -> String {
        String(decoding: graph.text(span), as: UTF8.self)
    }

    /// Whether a node's label is shown shortened: only labels made from the id are (the label is
    /// the id's end, compared as bytes); a name is what the user typed and stays whole. A label of
    /// at most 32 bytes has at most 32 characters: never shortened, whatever it is.
    @inline(__always)
    private static func isShortened(_ node: PackedNode, of graph: PackedGraph) -> Bool {
        let label = graph.text(node.label)
        guard label.count > 32 else { return false }
        let id = graph.text(node.id)
        guard id.count >= label.count else { return false }
        if id.baseAddress! + id.count == label.baseAddress! + label.count { return true }  // The id's own tail.
        return ByteOrder.same(UnsafeBufferPointer(rebasing: id[(id.count - label.count)...]), label)
    }

    private static func nodeStatement(
        _ index: Int, of graph: PackedGraph, layout: DOTLayout, decoration: DOTDecoration, into out: inout TextBuffer
    ) {
        let node = graph.nodes[index]
        layout.names.appendQuotedName(Int32(index), to: &out)
        out.append(UInt8(ascii: " "))
        let shortened = isShortened(node, of: graph)
        if decoration.isPlain {
            out.append("[label=")
            if shortened {
                DOTString.appendShortenedQuoted(graph.text(node.label), to: &out)
            } else {
                DOTString.appendQuoted(graph.text(node.label), isPlain: node.label.isPlain, to: &out)
            }
            out.append(", tooltip=")
            DOTString.appendQuoted(graph.text(node.id), isPlain: node.id.isPlain, to: &out)
            out.append(", shape=\"")
            out.append(string: DOTStyle.shape(node.kind))
            out.append("\", fillcolor=\"")
            out.append(string: DOTStyle.fill(node.kind))
            out.append("\"];\n")
        } else {
            let label = string(node.label, of: graph)
            let id = string(node.id, of: graph)
            let look = [
                ("label", shortened ? DOTString.shortened(label) : label), ("tooltip", id),
                ("shape", DOTStyle.shape(node.kind)), ("fillcolor", DOTStyle.fill(node.kind)),
            ]
            out.append(string: "\(DOTString.attributeList(decoration.node(id, look)));\n")
        }
    }

    private static func emitLegend(
        extra: [(name: String, attributes: [(String, String)])], into out: inout TextBuffer
    ) {
        out.append("  subgraph \"cluster_legend\" {\n")
        out.append(string:
            "    graph \(DOTString.attributeList([("label", "Legend"), ("style", "dashed"), ("color", "#999999")]));\n")
        for kind in NodeKind.allCases {
            let look = [
                ("label", kind.rawValue + "\n" + DOTStyle.explanation(kind)), ("shape", DOTStyle.shape(kind)),
                ("fillcolor", DOTStyle.fill(kind)),
            ]
            out.append(string: "    \(DOTString.quoted("legend_" + kind.rawValue)) \(DOTString.attributeList(look));\n")
        }
        for (kind, from, to, label) in DOTStyle.legendEdges {
            let look = [("label", label)] + DOTStyle.edgeAttributes(kind)
            let ends = DOTString.quoted("legend_" + from.rawValue) + " -> " + DOTString.quoted("legend_" + to.rawValue)
            out.append(string: "    \(ends) \(DOTString.attributeList(look));\n")
        }
        for (name, look) in extra {
            out.append(string: "    \(DOTString.quoted(name)) \(DOTString.attributeList(look));\n")
        }
        out.append("  }\n")
    }
}
