#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds nodes by id and the edges from a node, for exporters that walk from a node to its
/// neighbours (flat tables, filters), by binary search in the graph's own sorted arrays: nodes are
/// sorted by id and edges by source first (`RouteGraph`), so the edges from one node are one run of
/// indices. Nothing is copied and nothing is built; a lookup costs a few comparisons of bytes.
struct GraphIndex {
    let nodes: [Node]
    let edges: [Edge]

    init(_ graph: RouteGraph) {
        nodes = graph.nodes
        edges = graph.edges
    }

    /// The index in `nodes` of the node with `id`.
    func nodeIndex(_ id: String) -> Int? {
        nodes.withUnsafeBufferPointer { nodes in
            var low = 0, high = nodes.count
            while low < high {
                let mid = (low + high) / 2
                if ByteOrder.compare(nodes[mid].id, id) < 0 { low = mid + 1 } else { high = mid }
            }
            return low < nodes.count && nodes[low].id == id ? low : nil
        }
    }

    /// The indices in `edges` of the edges from `id`, in graph order.
    func edgeRange(from id: String) -> Range<Int> {
        edges.withUnsafeBufferPointer { edges in
            var low = 0, high = edges.count
            while low < high {
                let mid = (low + high) / 2
                if ByteOrder.compare(edges[mid].source, id) < 0 { low = mid + 1 } else { high = mid }
            }
            var end = low
            while end < edges.count && ByteOrder.compare(edges[end].source, id) == 0 { end += 1 }
            return low..<end
        }
    }

    /// The edges from `id` of `kind`, in graph order.
    func edges(from id: String, _ kind: EdgeKind) -> [Edge] {
        edgeRange(from: id).filter { edges[$0].kind == kind }.map { edges[$0] }
    }
}
