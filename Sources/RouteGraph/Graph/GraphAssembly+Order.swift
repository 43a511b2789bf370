extension GraphAssembly {
    /// The nodes sorted by id and the edges by identity, each identity once: a repeated edge keeps
    /// its first place and takes the attributes of later copies in the order they were added.
    ///
    /// Ids and keys are sorted once each as bytes; edges are then sorted by the ranks of their
    /// ends, kind and key, integers all, instead of comparing four strings per comparison.
    consuming func sorted() -> SortedAssembly {
        let nodeOrder = ByteOrder.sortedIndices(count: nodes.count) { nodes[$0].id }
        let keyOrder = ByteOrder.sortedIndices(keys)
        let nodeRank = Self.ranks(of: nodeOrder)
        let keyRank = Self.ranks(of: keyOrder)

        var order = [EdgeOrderKey]()
        order.reserveCapacity(edges.count)
        // Field by field, not edge by edge: a copy of an edge would retain its attributes.
        for i in edges.indices {
            order.append(EdgeOrderKey(
                ends: UInt64(nodeRank[Int(edges[i].source)]) << 32 | UInt64(nodeRank[Int(edges[i].target)]),
                kindAndKey: UInt64(edges[i].kind.canonicalRank) << 32 | UInt64(keyRank[Int(edges[i].key)]),
                index: UInt32(i)))
        }
        order.sort()

        // Nodes and edges are moved to their places, not copied: a copy would retain every id and
        // attribute array once more, only to release them all when the unsorted tables go.
        var sortedNodes = [Node]()
        sortedNodes.reserveCapacity(nodes.count)
        nodes.withUnsafeMutableBufferPointer { nodes in
            for index in nodeOrder { sortedNodes.append(Node.take(&nodes[Int(index)])) }
        }
        nodes = []

        var sortedEdges = [PendingEdge]()
        sortedEdges.reserveCapacity(order.count)
        edges.withUnsafeMutableBufferPointer { edges in
            var previous: EdgeOrderKey?
            for position in order {
                var attributes = Attributes()
                swap(&attributes, &edges[Int(position.index)].attributes)
                let entry = edges[Int(position.index)].entry
                if let previous, previous.ends == position.ends, previous.kindAndKey == position.kindAndKey {
                    // A repeat of an edge whose attributes are an entry's (never made by the VPN
                    // half, whose entries are one per edge) takes them as values to overlay.
                    let last = sortedEdges.count - 1
                    if sortedEdges[last].entry >= 0 {
                        sortedEdges[last].attributes = self.entries.routesAttributes(of: sortedEdges[last].entry)
                        sortedEdges[last].entry = -1
                    }
                    sortedEdges[last].attributes.overlay(entry >= 0 ? self.entries.routesAttributes(of: entry) : attributes)
                    continue
                }
                previous = position
                let index = Int(position.index)
                sortedEdges.append(PendingEdge(source: Int32(nodeRank[Int(edges[index].source)]), target: Int32(nodeRank[Int(edges[index].target)]),
                                               key: edges[index].key, entry: entry, kind: edges[index].kind, attributes: attributes))
            }
        }
        edges = []
        return SortedAssembly(nodes: sortedNodes, edges: sortedEdges, keys: keys, entries: entries)
    }

    /// `rank[i]`: where item `i` stands in `order`.
    private static func ranks(of order: [Int32]) -> [UInt32] {
        var rank = [UInt32](repeating: 0, count: order.count)
        for (position, index) in order.enumerated() { rank[Int(index)] = UInt32(position) }
        return rank
    }
}

/// An edge's place in the canonical order: source and target ranks, kind and key rank, then the
/// order added, which puts copies of one identity oldest first.
private struct EdgeOrderKey: Comparable {
    var ends: UInt64
    var kindAndKey: UInt64
    var index: UInt32

    static func < (a: EdgeOrderKey, b: EdgeOrderKey) -> Bool {
        if a.ends != b.ends { return a.ends < b.ends }
        if a.kindAndKey != b.kindAndKey { return a.kindAndKey < b.kindAndKey }
        return a.index < b.index
    }
}
