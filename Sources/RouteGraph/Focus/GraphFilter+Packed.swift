extension GraphFilter {
    /// The part of `graph` this filter keeps: `apply(to:)` on the graph and then packing give the
    /// same packed graph. The records kept are copied with their ends renumbered; their text and
    /// attributes stay where they are, in the blocks the two graphs share.
    ///
    /// Focusing the Swift graph made the whole graph a `RouteGraph` first, hashed every id into
    /// sets and sorted what was kept again: 1.3–1.6 s at 1 GB, for a picture of one gateway.
    /// - Throws: `FocusError.notFound` as `apply(to:)` does.
    func apply(to graph: PackedGraph) throws(FocusError) -> PackedGraph {
        if keepsEverything { return graph }
        let (nodes, edges) = (graph.nodes, graph.edges)
        var kept = [Bool](repeating: gateways.isEmpty && connections.isEmpty, count: nodes.count)
        if !gateways.isEmpty || !connections.isEmpty {
            let index = PackedGraphIndex(graph)
            // The edges from an edge's target, whether the graph has it or not (as ids are followed
            // in `apply(to:)`), and the targets of those of `kinds` kept.
            func keepTargets(from edge: PackedEdge, _ kinds: [EdgeKind]) {
                for e in index.edgeRange(from: graph.text(edge.target), node: edge.targetNode)
                where kinds.contains(edges[e].kind) && edges[e].targetNode >= 0 {
                    kept[Int(edges[e].targetNode)] = true
                }
            }
            for id in gateways {
                let gateway = try Self.canonical(id, .gateway, in: index)
                kept[gateway] = true
                for e in index.edgeRange(fromNode: gateway) where edges[e].kind == .hasRoute {
                    if edges[e].targetNode >= 0 { kept[Int(edges[e].targetNode)] = true }
                    keepTargets(from: edges[e], Self.fromRoutes)
                }
            }
            for id in connections {
                let connection = try Self.canonical(id, .ipsec, in: index)
                kept[connection] = true
                for e in index.edgeRange(fromNode: connection) where Self.fromConnections.contains(edges[e].kind) && edges[e].targetNode >= 0 {
                    kept[Int(edges[e].targetNode)] = true
                }
            }
        }
        var position = [Int32](repeating: -1, count: nodes.count)
        var count = 0
        for i in nodes.indices where kept[i] && (kinds?.contains(nodes[i].kind) ?? true) {
            position[i] = Int32(count)
            count += 1
        }
        let keptNodes = UnsafeMutableBufferPointer<PackedNode>.allocate(capacity: count)
        for i in nodes.indices where position[i] >= 0 { (keptNodes.baseAddress! + Int(position[i])).initialize(to: nodes[i]) }
        // Only edges between kept nodes stay; in the order they were in, which is still canonical.
        let stays = { (edge: PackedEdge) in edge.sourceNode >= 0 && edge.targetNode >= 0 && position[Int(edge.sourceNode)] >= 0 && position[Int(edge.targetNode)] >= 0 }
        let keptEdges = UnsafeMutableBufferPointer<PackedEdge>.allocate(capacity: edges.lazy.filter(stays).count)
        var k = 0
        for edge in edges where stays(edge) {
            var copy = edge
            copy.sourceNode = position[Int(edge.sourceNode)]
            copy.targetNode = position[Int(edge.targetNode)]
            (keptEdges.baseAddress! + k).initialize(to: copy)
            k += 1
        }
        return PackedGraph(nodes: keptNodes, edges: keptEdges, byteBlocks: graph.byteBlocks, attributeBlocks: graph.attributeBlocks)
    }

    /// The index of the node `id` names, which must be in the graph.
    private static func canonical(_ id: String, _ kind: NodeKind, in index: PackedGraphIndex) throws(FocusError) -> Int {
        let canonical = id.hasPrefix(kind.idPrefix) ? id : kind.idPrefix + id
        guard let node = index.node(id: canonical) else {
            let graph = index.graph
            let known = graph.nodes.lazy.filter { $0.kind == kind }.prefix(5).map {
                String(String(decoding: graph.text($0.id), as: UTF8.self).dropFirst(kind.idPrefix.count))
            }
            throw .notFound(kind: kind, id: id, known: Array(known))
        }
        return node
    }
}
