/// The canonical graph as building leaves it: the two halves (route records and VPN records)
/// merged, the nodes in canonical order and the edges in the canonical order of their positions
/// in the halves' own tables, whose ends are positions among their half's nodes. Made into a
/// `RouteGraph` (`graph()`), or packed for the writers straight away
/// (`GraphExport.write(releasing:…)`), which makes no `Edge` at all.
package struct AssembledGraph: Sendable {
    /// Marks an entry of `order` as an edge of the second assembly.
    static let fromB: UInt32 = 1 << 31

    var nodes: [Node]
    /// Each edge's position in `edgesA`, or in `edgesB` with `fromB` set.
    var order: [UInt32]
    /// Where each node of the first and the second assembly is in `nodes`.
    var placeA: [Int32], placeB: [Int32]
    var edgesA: [GraphAssembly.PendingEdge], edgesB: [GraphAssembly.PendingEdge]
    var keysA: [String], keysB: [String]
    /// The entries that edges of each assembly name.
    var entriesA: VpnEntryStore, entriesB: VpnEntryStore

    /// A graph of nothing.
    package init() {
        self.init(nodes: [], order: [], placeA: [], placeB: [], edgesA: [], edgesB: [], keysA: [""], keysB: [""],
                  entriesA: VpnEntryStore(), entriesB: VpnEntryStore())
    }

    init(nodes: [Node], order: [UInt32], placeA: [Int32], placeB: [Int32], edgesA: [GraphAssembly.PendingEdge],
         edgesB: [GraphAssembly.PendingEdge], keysA: [String], keysB: [String], entriesA: VpnEntryStore, entriesB: VpnEntryStore) {
        self.nodes = nodes
        self.order = order
        self.placeA = placeA
        self.placeB = placeB
        self.edgesA = edgesA
        self.edgesB = edgesB
        self.keysA = keysA
        self.keysB = keysB
        self.entriesA = entriesA
        self.entriesB = entriesB
    }

    /// The graph, its edges made in two halves of the order at once, each thread writing its own
    /// range of the result.
    package consuming func graph() -> RouteGraph {
        let count = order.count
        let (order, placeA, placeB, keysA, keysB, nodes) = (self.order, self.placeA, self.placeB, self.keysA, self.keysB, self.nodes)
        let (entriesA, entriesB) = (self.entriesA, self.entriesB)
        let edges = edgesA.withUnsafeMutableBufferPointer { edgesA in
            edgesB.withUnsafeMutableBufferPointer { edgesB in
                [Edge](unsafeUninitializedCapacity: count) { buffer, initialized in
                    guard let out = buffer.baseAddress else { return }
                    let maker = EdgeMaker(out: out, a: edgesA.baseAddress, b: edgesB.baseAddress, order: order, placeA: placeA,
                                          placeB: placeB, keysA: keysA, keysB: keysB, entriesA: entriesA, entriesB: entriesB, nodes: nodes)
                    if count < 1 << 14 {
                        maker.make(0..<count)
                    } else {
                        _ = Parallel.both({ maker.make(0..<count / 2) }, { maker.make(count / 2..<count) })
                    }
                    initialized = count
                }
            }
        }
        return RouteGraph(sortedNodes: nodes, sortedEdges: edges)
    }

    /// How many nodes and edges the graph has, by kind.
    package var counts: GraphCounts { GraphCounts(nodes: nodeCounts, edges: edgeCounts) }

    /// Node counts by kind, every kind listed.
    private var nodeCounts: [NodeKind: Int] {
        nodes.withUnsafeBufferPointer { all in KindTally.count(all.count) { (all.baseAddress! + $0).pointee.kind } }
    }

    /// Edge counts by kind, every kind listed: the halves share no edge.
    private var edgeCounts: [EdgeKind: Int] {
        edgesA.withUnsafeBufferPointer { a in
            edgesB.withUnsafeBufferPointer { b in
                KindTally.count(a.count + b.count) { $0 < a.count ? (a.baseAddress! + $0).pointee.kind : (b.baseAddress! + $0 - a.count).pointee.kind }
            }
        }
    }
}

/// Makes the `Edge`s of a merged order in their places in the result. Each position of the order
/// is written once and each pending edge read once, so threads given disjoint ranges of the order
/// touch disjoint memory.
private struct EdgeMaker: @unchecked Sendable {
    let out: UnsafeMutablePointer<Edge>
    let a: UnsafeMutablePointer<GraphAssembly.PendingEdge>?
    let b: UnsafeMutablePointer<GraphAssembly.PendingEdge>?
    let order: [UInt32]
    let placeA: [Int32], placeB: [Int32]
    let keysA: [String], keysB: [String]
    let entriesA: VpnEntryStore, entriesB: VpnEntryStore
    let nodes: [Node]

    /// Initialises `out[k]` for each `k` in `range`, moving each edge's attributes out of its
    /// pending edge.
    func make(_ range: Range<Int>) {
        for k in range {
            let entry = order[k]
            let fromB = entry & AssembledGraph.fromB != 0
            let pending = (fromB ? b! : a!) + Int(entry & ~AssembledGraph.fromB)
            let place = fromB ? placeB : placeA
            var attributes = Attributes()
            if pending.pointee.entry >= 0 {
                attributes = (fromB ? entriesB : entriesA).routesAttributes(of: pending.pointee.entry)
            } else {
                swap(&attributes, &pending.pointee.attributes)
            }
            (out + k).initialize(to: Edge(
                source: nodes[Int(place[Int(pending.pointee.source)])].id,
                target: nodes[Int(place[Int(pending.pointee.target)])].id,
                kind: pending.pointee.kind, key: (fromB ? keysB : keysA)[Int(pending.pointee.key)], attributes: attributes))
        }
    }
}
