extension RouteGraph {
    /// The graph of `graph`'s nodes and edges and of `nodes` and `edges`, which are in canonical
    /// order too: the two are interleaved, not sorted again, and moved rather than copied where
    /// nothing else holds them. Where both hold one id or identity (only fragments edited by hand
    /// do), all are sorted together as `init(nodes:edges:)` does.
    init(joining graph: consuming RouteGraph, _ nodes: consuming [Node], _ edges: consuming [Edge]) {
        var routeEdges = graph.takeEdges()
        var routeNodes = graph.nodes
        graph = RouteGraph(sortedNodes: [], sortedEdges: [])
        let nodeStretches = Self.stretches(routeNodes, nodes) { ByteOrder.compare($0.pointee.id, $1.pointee.id) }
        let edgeStretches = Self.stretches(routeEdges, edges) { a, b in
            Edge.precedes(a, b) ? -1 : Edge.precedes(b, a) ? 1 : 0
        }
        guard let nodeStretches, let edgeStretches else {
            self.init(nodes: routeNodes + nodes, edges: routeEdges + edges)
            return
        }
        self.init(
            sortedNodes: Self.interleave(&routeNodes, &nodes, nodeStretches, taking: Node.take),
            sortedEdges: Self.interleave(&routeEdges, &edges, edgeStretches, taking: Edge.take))
    }

    /// A stretch of items of one side in the interleaving: `a`'s when `fromA`.
    struct Stretch {
        var fromA: Bool
        var count: Int
    }

    /// How `a` and `b` interleave, as stretches taken from one side and then the other, or nil if
    /// an item of one equals an item of the other. The two sides come in long stretches (the route
    /// side's gateways and routes, the VPN side's connections, tunnels and CIDRs), so each stretch
    /// is measured by galloping: a few comparisons for a stretch, not one for each item.
    static func stretches<T>(_ a: [T], _ b: [T], _ compare: (UnsafePointer<T>, UnsafePointer<T>) -> Int) -> [Stretch]? {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var stretches: [Stretch] = []
                var (i, j) = (0, 0)
                // How many items of `side` from `start` come before `pivot`: steps that double
                // until one passes it, then halving between the last two.
                func before(_ pivot: UnsafePointer<T>, in side: UnsafeBufferPointer<T>, from start: Int) -> Int {
                    // side[start..<low] come before the pivot; side[high] does not, or high is the end.
                    var (low, high, step) = (start, side.count, 1)
                    while low + step - 1 < side.count {
                        let probe = low + step - 1
                        guard compare(side.baseAddress! + probe, pivot) < 0 else {
                            high = probe
                            break
                        }
                        low = probe + 1
                        step *= 2
                    }
                    while low < high {
                        let middle = (low + high) / 2
                        if compare(side.baseAddress! + middle, pivot) < 0 { low = middle + 1 } else { high = middle }
                    }
                    return low - start
                }
                while i < a.count && j < b.count {
                    let fromA = compare(a.baseAddress! + i, b.baseAddress! + j) < 0
                    let n = fromA ? before(b.baseAddress! + j, in: a, from: i) : before(a.baseAddress! + i, in: b, from: j)
                    if n == 0 { return nil }
                    stretches.append(Stretch(fromA: fromA, count: n))
                    if fromA { i += n } else { j += n }
                }
                if i < a.count { stretches.append(Stretch(fromA: true, count: a.count - i)) }
                if j < b.count { stretches.append(Stretch(fromA: false, count: b.count - j)) }
                return stretches
            }
        }
    }

    /// The items of `a` and `b` in the order `stretches` gives, each moved out by `take`
    /// (`Edge.take`, `Node.take`).
    static func interleave<T>(_ a: inout [T], _ b: inout [T], _ stretches: [Stretch], taking take: (inout T) -> T) -> [T] {
        var joined: [T] = []
        joined.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        for stretch in stretches {
            if stretch.fromA {
                for k in i..<i + stretch.count { joined.append(take(&a[k])) }
                i += stretch.count
            } else {
                for k in j..<j + stretch.count { joined.append(take(&b[k])) }
                j += stretch.count
            }
        }
        return joined
    }
}
