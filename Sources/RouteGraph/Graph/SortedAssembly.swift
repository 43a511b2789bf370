/// One assembly's nodes and edges in canonical order, edges still naming their ends by position
/// in `nodes`: the graph, but for the last step of making `Edge`s.
struct SortedAssembly: Sendable {
    /// Sorted by id.
    var nodes: [Node]
    /// Sorted by identity, one per identity; ends are positions in `nodes`, keys indices in `keys`.
    var edges: [GraphAssembly.PendingEdge]
    var keys: [String]
    /// The entries of edges that name one.
    var entries: VpnEntryStore

    /// The graph of two assemblies that share no node id (route records and VPN records).
    ///
    /// Edges become `Edge`s here, once, in their final place: their ends take the one id string
    /// of their node, so a million edges share the strings of their nodes.
    static func graph(merging a: consuming SortedAssembly, _ b: consuming SortedAssembly) -> RouteGraph {
        merged(a, b).graph()
    }

    /// Two assemblies that share no node id, in one canonical order: the nodes moved into it,
    /// the edges still where they are, in the order of a list of their positions.
    static func merged(_ a: consuming SortedAssembly, _ b: consuming SortedAssembly) -> AssembledGraph {
        var nodes = [Node]()
        nodes.reserveCapacity(a.nodes.count + b.nodes.count)
        // Where each node of a and b ends up.
        var placeA = [Int32](), placeB = [Int32]()
        placeA.reserveCapacity(a.nodes.count)
        placeB.reserveCapacity(b.nodes.count)
        var i = 0, j = 0
        // Moved, not copied (`Node.take`): a copy retains an id and an attribute array per node,
        // released again when the assemblies go.
        a.nodes.withUnsafeMutableBufferPointer { aNodes in
            b.nodes.withUnsafeMutableBufferPointer { bNodes in
                while i < aNodes.count || j < bNodes.count {
                    if j == bNodes.count || (i < aNodes.count && ByteOrder.precedes(aNodes[i].id, bNodes[j].id)) {
                        placeA.append(Int32(nodes.count))
                        nodes.append(Node.take(&aNodes[i]))
                        i += 1
                    } else {
                        placeB.append(Int32(nodes.count))
                        nodes.append(Node.take(&bNodes[j]))
                        j += 1
                    }
                }
            }
        }
        a.nodes = []
        b.nodes = []

        // The merged order, integers only.
        var order = [UInt32]()
        order.reserveCapacity(a.edges.count + b.edges.count)
        i = 0
        j = 0
        // Through buffers, field by field: reading a whole pending edge would retain its attributes.
        a.edges.withUnsafeBufferPointer { edgesA in
            b.edges.withUnsafeBufferPointer { edgesB in
                while i < edgesA.count || j < edgesB.count {
                    let takeA: Bool
                    if j == edgesB.count {
                        takeA = true
                    } else if i == edgesA.count {
                        takeA = false
                    } else {
                        takeA = precedes(edgesA, i, placeA, a.keys, edgesB, j, placeB, b.keys)
                    }
                    if takeA {
                        order.append(UInt32(i))
                        i += 1
                    } else {
                        order.append(UInt32(j) | AssembledGraph.fromB)
                        j += 1
                    }
                }
            }
        }
        return AssembledGraph(nodes: nodes, order: order, placeA: placeA, placeB: placeB,
                              edgesA: a.edges, edgesB: b.edges, keysA: a.keys, keysB: b.keys,
                              entriesA: a.entries, entriesB: b.entries)
    }

    /// The canonical edge order across two assemblies: node places are comparable across them,
    /// keys only as text.
    private static func precedes(_ edgesX: UnsafeBufferPointer<GraphAssembly.PendingEdge>, _ x: Int, _ placeX: [Int32], _ keysX: [String],
                                 _ edgesY: UnsafeBufferPointer<GraphAssembly.PendingEdge>, _ y: Int, _ placeY: [Int32], _ keysY: [String]) -> Bool {
        let sx = placeX[Int(edgesX[x].source)], sy = placeY[Int(edgesY[y].source)]
        if sx != sy { return sx < sy }
        let tx = placeX[Int(edgesX[x].target)], ty = placeY[Int(edgesY[y].target)]
        if tx != ty { return tx < ty }
        let kx = edgesX[x].kind, ky = edgesY[y].kind
        if kx != ky { return kx.canonicalRank < ky.canonicalRank }
        return ByteOrder.precedes(keysX[Int(edgesX[x].key)], keysY[Int(edgesY[y].key)])
    }
}
