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
    /// the edges still where they are, in the order of a list of their positions. The nodes and
    /// then the edges are merged in halves on two threads from `threshold` elements
    /// (`HalvedMerge`; the tests pass 0 and `.max` to compare the two ways).
    static func merged(_ a: consuming SortedAssembly, _ b: consuming SortedAssembly, threshold: Int = HalvedMerge.parallelFrom) -> AssembledGraph {
        let (nodeCount, edgeCount) = (a.nodes.count + b.nodes.count, a.edges.count + b.edges.count)
        // Where each node of a and b ends up.
        var placeA = [Int32](repeating: 0, count: a.nodes.count), placeB = [Int32](repeating: 0, count: b.nodes.count)
        // Moved, not copied (`Node.take`): a copy retains an id and an attribute array per node,
        // released again when the assemblies go.
        let nodes = a.nodes.withUnsafeMutableBufferPointer { aNodes in
            b.nodes.withUnsafeMutableBufferPointer { bNodes in
                placeA.withUnsafeMutableBufferPointer { placeA in
                    placeB.withUnsafeMutableBufferPointer { placeB in
                        [Node](unsafeUninitializedCapacity: nodeCount) { merged, count in
                            let (from, to) = (Shared((aNodes.baseAddress, bNodes.baseAddress)), Shared((merged.baseAddress, placeA.baseAddress, placeB.baseAddress)))
                            HalvedMerge.merge(
                                firstCount: aNodes.count, secondCount: bNodes.count, threshold: threshold,
                                precedes: { i, j in
                                    // Most nodes of the two halves differ in kind, and so in their ids'
                                    // first byte: told apart by it, their ids, which lie all over the
                                    // heap, are not read (nor retained), each a cache miss.
                                    let (x, y) = (from.value.0! + i, from.value.1! + j)
                                    if x.pointee.kind != y.pointee.kind { return x.pointee.kind.idFirstByte < y.pointee.kind.idFirstByte }
                                    return ByteOrder.precedes(x.pointee.id, y.pointee.id)
                                },
                                place: { fromA, index, position in
                                    let node = Node.take(&(fromA ? from.value.0! : from.value.1!)[index])
                                    (to.value.0! + position).initialize(to: node)
                                    (fromA ? to.value.1! : to.value.2!)[index] = Int32(position)
                                })
                            count = nodeCount
                        }
                    }
                }
            }
        }
        a.nodes = []
        b.nodes = []

        // The merged order, integers only; through buffers, field by field: reading a whole
        // pending edge would retain its attributes.
        let (places, keys) = ((placeA, placeB), (a.keys, b.keys))
        let order = a.edges.withUnsafeBufferPointer { edgesA in
            b.edges.withUnsafeBufferPointer { edgesB in
                [UInt32](unsafeUninitializedCapacity: edgeCount) { order, count in
                    let (edges, out) = (Shared((edgesA, edgesB)), Shared(order.baseAddress))
                    HalvedMerge.merge(
                        firstCount: edgesA.count, secondCount: edgesB.count, threshold: threshold,
                        precedes: { precedes(edges.value.0, $0, places.0, keys.0, edges.value.1, $1, places.1, keys.1) },
                        place: { fromA, index, position in
                            out.value![position] = fromA ? UInt32(index) : UInt32(index) | AssembledGraph.fromB
                        })
                    count = edgeCount
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
