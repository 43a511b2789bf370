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
        try plan(graph, decoration: decoration).emit(into: sink)
    }

    /// How many node or edge statements a piece holds (see `RenderPlan`): about a megabyte.
    private static let statementsPerPiece = 8192

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

    /// The file in pieces: the layout is made here, once; the pieces share it.
    static func plan(_ graph: RouteGraph, decoration: DOTDecoration = .none) -> RenderPlan {
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
        let edgeStyles = EdgeKind.allCases.map { kind in
            (kind, DOTStyle.edgeAttributes(kind).map { ", \($0.0)=\(DOTString.quoted($0.1))" }.joined())
        }
        return RenderPlan(pieceCount: pieces.count) { index, out in
            switch pieces[index] {
            case .head: appendHead(decoration: decoration, to: &out)
            case .clusters(let range):
                appendClusters(range, of: graph, layout: layout, decoration: decoration, to: &out)
            case .unclustered(let range):
                graph.nodes.withUnsafeBufferPointer { nodes in
                    for i in range {
                        let node = layout.unclustered[i]
                        out.append("  ")
                        nodeStatement(nodes.baseAddress! + node, name: layout.names.nodeOrdinals[node], layout: layout, decoration: decoration, into: &out)
                    }
                }
            case .dangling: appendDangling(layout: layout, to: &out)
            case .edges(let range):
                appendEdges(range, of: graph, layout: layout, edgeStyles: edgeStyles, decoration: decoration, to: &out)
            case .tail: out.append("}\n")
            }
        }
    }

    private static func appendHead(decoration: DOTDecoration, to out: inout TextBuffer) {
        out.append("digraph routegraph {\n")
        out.append(#"  graph [rankdir="LR", fontname="Helvetica", newrank="true"];"# + "\n")
        out.append(#"  node [style="filled", fontname="Helvetica", fontsize="10"];"# + "\n")
        out.append(#"  edge [fontname="Helvetica", fontsize="9"];"# + "\n")
        emitLegend(extra: decoration.extraLegend, into: &out)
    }

    private static func appendClusters(
        _ range: Range<Int>, of graph: RouteGraph, layout: DOTLayout, decoration: DOTDecoration, to out: inout TextBuffer
    ) {
        graph.nodes.withUnsafeBufferPointer { nodes in
            for c in range {
                let cluster = layout.clusters[c]
                out.append("  subgraph \(DOTString.quoted(cluster.name)) {\n")
                let look = [
                    ("label", DOTString.shortened(cluster.label)), ("tooltip", cluster.ownerId), ("style", "rounded"),
                    ("color", DOTStyle.clusterColor(cluster.kind)),
                ]
                out.append("    graph \(DOTString.attributeList(look));\n")
                for node in cluster.nodes {
                    out.append("    ")
                    nodeStatement(nodes.baseAddress! + node, name: layout.names.nodeOrdinals[node], layout: layout, decoration: decoration, into: &out)
                }
                out.append("  }\n")
            }
        }
    }

    private static func appendDangling(layout: DOTLayout, to out: inout TextBuffer) {
        for id in layout.danglingIds {
            // An edge end the graph has no node for: shown, plainly, rather than left for Graphviz
            // to invent a node without a tooltip.
            let look = [
                ("label", DOTString.shortened(id)), ("tooltip", id), ("shape", "plaintext"), ("style", "dashed"),
            ]
            out.append("  ")
            layout.names.appendQuotedName(layout.names.ordinal(of: id)!, to: &out)
            out.append(" \(DOTString.attributeList(look));\n")
        }
    }

    private static func appendEdges(
        _ range: Range<Int>, of graph: RouteGraph, layout: DOTLayout, edgeStyles: [(EdgeKind, String)],
        decoration: DOTDecoration, to out: inout TextBuffer
    ) {
        let ends = layout.names.edgeEnds
        graph.edges.withUnsafeBufferPointer { edges in
            for i in range {
                let edge = edges.baseAddress! + i
                out.append("  ")
                layout.names.appendQuotedName(ends[2 * i], to: &out)
                out.append(" -> ")
                layout.names.appendQuotedName(ends[2 * i + 1], to: &out)
                out.append(UInt8(ascii: " "))
                if decoration.isPlain {
                    out.append("[label=")
                    out.append(UInt8(ascii: "\""))
                    EdgeLabel.append(edge, to: &out)
                    out.append(UInt8(ascii: "\""))
                    out.append(", tooltip=")
                    appendQuotedId(of: edge, to: &out)
                    let kind = edge.pointee.kind
                    out.append(edgeStyles.first { $0.0 == kind }!.1)
                    out.append("];\n")
                } else {
                    let edge = edge.pointee
                    let look = decoration.edge(
                        edge, [("label", edge.label), ("tooltip", edge.id)] + DOTStyle.edgeAttributes(edge.kind))
                    out.append("\(DOTString.attributeList(look));\n")
                }
            }
        }
    }

    /// `edge.id`, quoted, written in pieces: the id is made for every edge and is the longest text
    /// of its line.
    private static func appendQuotedId(of edge: UnsafePointer<Edge>, to out: inout TextBuffer) {
        let kind = edge.pointee.kind.rawValue
        guard DOTString.isPlain(edge.pointee.source) && DOTString.isPlain(edge.pointee.target) && DOTString.isPlain(edge.pointee.key) else {
            DOTString.appendQuoted(edge.pointee.id, to: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        out.append(edge.pointee.source)
        out.append(UInt8(ascii: ">"))
        out.append(kind)
        out.append(UInt8(ascii: ">"))
        out.append(edge.pointee.target)
        if !edge.pointee.key.isEmpty {
            out.append(UInt8(ascii: ">"))
            out.append(edge.pointee.key)
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func nodeStatement(
        _ node: UnsafePointer<Node>, name: Int32, layout: DOTLayout, decoration: DOTDecoration, into out: inout TextBuffer
    ) {
        layout.names.appendQuotedName(name, to: &out)
        out.append(UInt8(ascii: " "))
        let label = node.pointee.label
        // Only labels made from the id are shortened; a name is what the user typed and stays whole.
        // A label of at most 32 bytes has at most 32 characters: never shortened, whatever it is.
        let shown = label.utf8.count <= 32 || !node.pointee.id.hasSuffix(label) ? label : DOTString.shortened(label)
        if decoration.isPlain {
            out.append("[label=")
            DOTString.appendQuoted(shown, to: &out)
            out.append(", tooltip=")
            DOTString.appendQuoted(node.pointee.id, to: &out)
            out.append(", shape=")
            DOTString.appendQuoted(DOTStyle.shape(node.pointee.kind), to: &out)
            out.append(", fillcolor=")
            DOTString.appendQuoted(DOTStyle.fill(node.pointee.kind), to: &out)
            out.append("];\n")
        } else {
            let node = node.pointee
            let look = [
                ("label", shown), ("tooltip", node.id), ("shape", DOTStyle.shape(node.kind)),
                ("fillcolor", DOTStyle.fill(node.kind)),
            ]
            out.append("\(DOTString.attributeList(decoration.node(node, look)));\n")
        }
    }

    private static func emitLegend(
        extra: [(name: String, attributes: [(String, String)])], into out: inout TextBuffer
    ) {
        out.append("  subgraph \"cluster_legend\" {\n")
        out.append(
            "    graph \(DOTString.attributeList([("label", "Legend"), ("style", "dashed"), ("color", "#999999")]));\n")
        for kind in NodeKind.allCases {
            let look = [
                ("label", kind.rawValue + "\n" + DOTStyle.explanation(kind)), ("shape", DOTStyle.shape(kind)),
                ("fillcolor", DOTStyle.fill(kind)),
            ]
            out.append("    \(DOTString.quoted("legend_" + kind.rawValue)) \(DOTString.attributeList(look));\n")
        }
        for (kind, from, to, label) in DOTStyle.legendEdges {
            let look = [("label", label)] + DOTStyle.edgeAttributes(kind)
            let ends = DOTString.quoted("legend_" + from.rawValue) + " -> " + DOTString.quoted("legend_" + to.rawValue)
            out.append("    \(ends) \(DOTString.attributeList(look));\n")
        }
        for (name, look) in extra {
            out.append("    \(DOTString.quoted(name)) \(DOTString.attributeList(look));\n")
        }
        out.append("  }\n")
    }
}
