extension RouteGraph {
    /// The graph of `graph`'s nodes and edges and of `nodes` and `edges`, which are in canonical
    /// order too: the two are interleaved, not sorted again, and moved rather than copied where
    /// nothing else holds them. Where both hold one id or identity (only fragments edited by hand
    /// do), all are sorted together as `init(nodes:edges:)` does.
    init(joining graph: consuming RouteGraph, _ nodes: consuming [Node], _ edges: consuming [Edge]) {
        var routeEdges = graph.takeEdges()
        var routeNodes = graph.nodes
        graph = RouteGraph(sortedNodes: [], sortedEdges: [])
        let nodeOrder = Self.interleaving(routeNodes, nodes) { ByteOrder.compare($0.pointee.id, $1.pointee.id) }
        let edgeOrder = Self.interleaving(routeEdges, edges) { a, b in
            Edge.precedes(a, b) ? -1 : Edge.precedes(b, a) ? 1 : 0
        }
        guard let nodeOrder, let edgeOrder else {
            self.init(nodes: routeNodes + nodes, edges: routeEdges + edges)
            return
        }
        self.init(
            sortedNodes: Self.interleave(&routeNodes, &nodes, by: nodeOrder, leaving: Node(id: "", kind: .cidr)),
            sortedEdges: Self.interleave(&routeEdges, &edges, by: edgeOrder, leaving: Edge(source: "", target: "", kind: .hasTunnel)))
    }

    /// Which of `a` and `b` each item of their interleaving comes from (true: `a`), or nil if an
    /// item of one equals an item of the other. Compared in place (`Edge.precedes`).
    private static func interleaving<T>(_ a: [T], _ b: [T], _ compare: (UnsafePointer<T>, UnsafePointer<T>) -> Int) -> [Bool]? {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var fromA: [Bool] = []
                fromA.reserveCapacity(a.count + b.count)
                var (i, j) = (0, 0)
                while i < a.count && j < b.count {
                    let order = compare(a.baseAddress! + i, b.baseAddress! + j)
                    if order == 0 { return nil }
                    fromA.append(order < 0)
                    if order < 0 { i += 1 } else { j += 1 }
                }
                fromA += repeatElement(true, count: a.count - i)
                fromA += repeatElement(false, count: b.count - j)
                return fromA
            }
        }
    }

    /// The items of `a` and `b` in the order `fromA` gives, each moved out and `placeholder` left.
    private static func interleave<T>(_ a: inout [T], _ b: inout [T], by fromA: [Bool], leaving placeholder: T) -> [T] {
        a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                var (i, j) = (0, 0)
                return fromA.map { takeA in
                    let slot: UnsafeMutablePointer<T>
                    if takeA {
                        slot = a.baseAddress! + i
                        i += 1
                    } else {
                        slot = b.baseAddress! + j
                        j += 1
                    }
                    defer { slot.initialize(to: placeholder) }
                    return slot.move()
                }
            }
        }
    }
}
