extension PackedGraph {
    /// The merged graph: `graph`, packed from the merge's Swift side (every node, the routes' edges
    /// and any VPN edge settled from differing versions), with the VPN edges `merge` chose from
    /// `runs` interleaved in canonical order. The fragments' blocks become the graph's, after
    /// `graph`'s, as their numbers say (`FragmentMerge.firstFragmentBlock`); an edge end takes its
    /// node's position and id span, found once per distinct id of each fragment.
    convenience init(joining graph: PackedGraph, _ merge: PackedVPNMerge, of runs: [PackedFragmentEdges]) {
        precondition(graph.byteBlocks.count == FragmentMerge.firstFragmentBlock && graph.attributeBlocks.count == FragmentMerge.firstFragmentBlock)
        precondition(runs.indices.allSatisfy { runs[$0].block == FragmentMerge.firstFragmentBlock + $0 })
        let nodes = UnsafeMutableBufferPointer<PackedNode>.allocate(capacity: graph.nodes.count)
        _ = nodes.initialize(from: graph.nodes)
        let chosen = merge.chosen
        let total = graph.edges.count + chosen.count
        let edges = UnsafeMutableBufferPointer<PackedEdge>.allocate(capacity: total)
        let table = NodeIdTable(graph)
        let views = runs.map(\.view)
        let ids = runs.map(\.ids)
        // Per fragment, the node of each of its ids: -2 until looked up.
        var found = runs.map { [Int32](repeating: -2, count: $0.ids.spans.count) }
        func node(_ run: Int, _ id: Int32) -> Int32 {
            if found[run][Int(id)] != -2 { return found[run][Int(id)] }
            let index = table.index(of: views[run].text(ids[run].spans[Int(id)]), hash: ids[run].hashes[Int(id)])
            found[run][Int(id)] = index
            return index
        }
        var (i, j) = (0, 0)
        for k in 0..<total {
            let fromGraph: Bool
            if i == graph.edges.count {
                fromGraph = false
            } else if j == chosen.count {
                fromGraph = true
            } else {
                let run = Int(chosen[j].run)
                fromGraph = PackedFragmentEdges.compare(
                    graph.edges[i], { graph.text($0) }, views[run].edges[Int(chosen[j].index)], { views[run].text($0) }) < 0
            }
            if fromGraph {
                (edges.baseAddress! + k).initialize(to: graph.edges[i])
                i += 1
                continue
            }
            let (run, index) = (Int(chosen[j].run), Int(chosen[j].index))
            var edge = views[run].edges[index]
            edge.sourceNode = node(run, views[run].sourceIds[index])
            edge.targetNode = node(run, views[run].targetIds[index])
            if edge.sourceNode >= 0 { edge.source = nodes[Int(edge.sourceNode)].id }
            if edge.targetNode >= 0 { edge.target = nodes[Int(edge.targetNode)].id }
            (edges.baseAddress! + k).initialize(to: edge)
            j += 1
        }
        self.init(
            nodes: nodes, edges: edges, byteBlocks: graph.byteBlocks + runs.map(\.bytes),
            attributeBlocks: graph.attributeBlocks + runs.map(\.attributes))
    }
}

/// A packed graph's nodes by the bytes of their ids, hashed as a fragment's ids are
/// (`GraphIdTable.hash`), so that an id is looked up with the hash its fragment made.
private struct NodeIdTable {
    private let graph: PackedGraph
    private var hashes: [UInt64] = []
    private var slots = HashSlots()

    init(_ graph: PackedGraph) {
        self.graph = graph
        hashes.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            let hash = GraphIdTable.hash(graph.text(node.id))
            // Ids are distinct: each goes into the empty slot its probe ends at.
            let slot = slots.find(hash) { _ in false }.slot
            hashes.append(hash)
            slots.put(at: slot, hashes: hashes)
        }
    }

    /// The position of the node whose id is `id` (of hash `hash`), or -1.
    func index(of id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        slots.find(hash) { i in hashes[Int(i)] == hash && ByteOrder.same(graph.text(graph.nodes[Int(i)].id), id) }.found ?? -1
    }
}
