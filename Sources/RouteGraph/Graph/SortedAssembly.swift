/// One assembly's nodes and edges in canonical order, edges still naming their ends by position
/// in `nodes`: the graph, but for the last step of making `Edge`s.
struct SortedAssembly: Sendable {
    /// Sorted by id.
    var nodes: [Node]
    /// Sorted by identity, one per identity; ends are positions in `nodes`, keys indices in `keys`.
    var edges: [GraphAssembly.PendingEdge]
    var keys: [String]

    /// The graph of two assemblies that share no node id (route records and VPN records).
    ///
    /// Edges become `Edge`s here, once, in their final place: their ends take the one id string
    /// of their node, so a million edges share the strings of their nodes.
    static func graph(merging a: consuming SortedAssembly, _ b: consuming SortedAssembly) -> RouteGraph {
        var nodes = [Node]()
        nodes.reserveCapacity(a.nodes.count + b.nodes.count)
        // Where each node of a and b ends up.
        var placeA = [Int32](), placeB = [Int32]()
        placeA.reserveCapacity(a.nodes.count)
        placeB.reserveCapacity(b.nodes.count)
        var i = 0, j = 0
        while i < a.nodes.count || j < b.nodes.count {
            if j == b.nodes.count || (i < a.nodes.count && ByteOrder.precedes(a.nodes[i].id, b.nodes[j].id)) {
                placeA.append(Int32(nodes.count))
                nodes.append(a.nodes[i])
                i += 1
            } else {
                placeB.append(Int32(nodes.count))
                nodes.append(b.nodes[j])
                j += 1
            }
        }
        a.nodes = []
        b.nodes = []

        var edges = [Edge]()
        edges.reserveCapacity(a.edges.count + b.edges.count)
        i = 0
        j = 0
        while i < a.edges.count || j < b.edges.count {
            let takeA: Bool
            if j == b.edges.count {
                takeA = true
            } else if i == a.edges.count {
                takeA = false
            } else {
                takeA = precedes(a.edges[i], placeA, a.keys, b.edges[j], placeB, b.keys)
            }
            if takeA {
                edges.append(edge(&a.edges[i], place: placeA, keys: a.keys, nodes: nodes))
                i += 1
            } else {
                edges.append(edge(&b.edges[j], place: placeB, keys: b.keys, nodes: nodes))
                j += 1
            }
        }
        return RouteGraph(sortedNodes: nodes, sortedEdges: edges)
    }

    /// The `Edge`, its attributes moved out of `pending`.
    private static func edge(_ pending: inout GraphAssembly.PendingEdge, place: [Int32], keys: [String], nodes: [Node]) -> Edge {
        var attributes = Attributes()
        swap(&attributes, &pending.attributes)
        return Edge(source: nodes[Int(place[Int(pending.source)])].id, target: nodes[Int(place[Int(pending.target)])].id,
                    kind: pending.kind, key: keys[Int(pending.key)], attributes: attributes)
    }

    /// The canonical edge order across two assemblies: node places are comparable across them,
    /// keys only as text.
    private static func precedes(_ x: GraphAssembly.PendingEdge, _ placeX: [Int32], _ keysX: [String],
                                 _ y: GraphAssembly.PendingEdge, _ placeY: [Int32], _ keysY: [String]) -> Bool {
        let sx = placeX[Int(x.source)], sy = placeY[Int(y.source)]
        if sx != sy { return sx < sy }
        let tx = placeX[Int(x.target)], ty = placeY[Int(y.target)]
        if tx != ty { return tx < ty }
        if x.kind != y.kind { return x.kind.canonicalRank < y.kind.canonicalRank }
        return ByteOrder.precedes(keysX[Int(x.key)], keysY[Int(y.key)])
    }
}
