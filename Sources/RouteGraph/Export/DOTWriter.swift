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
        try AtomicFile.write(to: path) { file throws(OutputError) in try emit(graph, into: file) }
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
        var out = DOTLines(sink: sink)
        let layout = DOTLayout(graph)
        try out.line("digraph routegraph {")
        try out.line(#"  graph [rankdir="LR", fontname="Helvetica", newrank="true"];"#)
        try out.line(#"  node [style="filled", fontname="Helvetica", fontsize="10"];"#)
        try out.line(#"  edge [fontname="Helvetica", fontsize="9"];"#)
        try emitLegend(extra: decoration.extraLegend, into: &out)
        for cluster in layout.clusters {
            try out.line("  subgraph \(DOTString.quoted(cluster.name)) {")
            let look = [
                ("label", DOTString.shortened(cluster.label)), ("tooltip", cluster.ownerId), ("style", "rounded"),
                ("color", DOTStyle.clusterColor(cluster.kind)),
            ]
            try out.line("    graph \(DOTString.attributeList(look));")
            for node in cluster.nodes {
                try out.line("    " + nodeStatement(node, layout: layout, decoration: decoration))
            }
            try out.line("  }")
        }
        for node in layout.unclustered { try out.line("  " + nodeStatement(node, layout: layout, decoration: decoration)) }
        for id in layout.danglingIds {
            // An edge end the graph has no node for: shown, plainly, rather than left for Graphviz
            // to invent a node without a tooltip.
            let name = DOTString.quoted(layout.names.existingName(for: id)!)
            let look = [
                ("label", DOTString.shortened(id)), ("tooltip", id), ("shape", "plaintext"), ("style", "dashed"),
            ]
            try out.line("  \(name) \(DOTString.attributeList(look));")
        }
        for edge in graph.edges {
            let tail = DOTString.quoted(layout.names.existingName(for: edge.source)!)
            let head = DOTString.quoted(layout.names.existingName(for: edge.target)!)
            let look = decoration.edge(edge, [("label", edge.label), ("tooltip", edge.id)] + DOTStyle.edgeAttributes(edge.kind))
            try out.line("  \(tail) -> \(head) \(DOTString.attributeList(look));")
        }
        try out.line("}")
    }

    private static func nodeStatement(_ node: Node, layout: DOTLayout, decoration: DOTDecoration) -> String {
        let name = DOTString.quoted(layout.names.existingName(for: node.id)!)
        let label = node.label
        // Only labels made from the id are shortened; a name is what the user typed and stays whole.
        let shown = node.id.hasSuffix(label) ? DOTString.shortened(label) : label
        let look = [
            ("label", shown), ("tooltip", node.id), ("shape", DOTStyle.shape(node.kind)),
            ("fillcolor", DOTStyle.fill(node.kind)),
        ]
        return "\(name) \(DOTString.attributeList(decoration.node(node, look)));"
    }

    private static func emitLegend<Sink: TextSink>(
        extra: [(name: String, attributes: [(String, String)])], into out: inout DOTLines<Sink>
    ) throws(OutputError) {
        try out.line("  subgraph \"cluster_legend\" {")
        try out.line(
            "    graph \(DOTString.attributeList([("label", "Legend"), ("style", "dashed"), ("color", "#999999")]));")
        for kind in NodeKind.allCases {
            let look = [
                ("label", kind.rawValue + "\n" + DOTStyle.explanation(kind)), ("shape", DOTStyle.shape(kind)),
                ("fillcolor", DOTStyle.fill(kind)),
            ]
            try out.line("    \(DOTString.quoted("legend_" + kind.rawValue)) \(DOTString.attributeList(look));")
        }
        for (kind, from, to, label) in DOTStyle.legendEdges {
            let look = [("label", label)] + DOTStyle.edgeAttributes(kind)
            let ends = DOTString.quoted("legend_" + from.rawValue) + " -> " + DOTString.quoted("legend_" + to.rawValue)
            try out.line("    \(ends) \(DOTString.attributeList(look));")
        }
        for (name, look) in extra {
            try out.line("    \(DOTString.quoted(name)) \(DOTString.attributeList(look));")
        }
        try out.line("  }")
    }
}

/// Lines of DOT into a sink.
private struct DOTLines<Sink: TextSink> {
    let sink: Sink

    mutating func line(_ text: String) throws(OutputError) {
        try sink.append(Array((text + "\n").utf8))
    }
}
