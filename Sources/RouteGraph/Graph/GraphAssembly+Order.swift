extension GraphAssembly {
    /// The nodes sorted by id and the edges by identity, each identity once: a repeated edge keeps
    /// its first place and takes the attributes of later copies in the order they were added.
    ///
    /// Ids and keys are sorted once each as bytes; edges are then sorted by the ranks of their
    /// ends, kind and key, integers all, instead of comparing four strings per comparison.
    /// `radixBits` caps the width of the integer `RadixSort` sorts by (tests lower it to check the
    /// comparison sort that takes over past it).
    consuming func sorted(radixBits: Int = UInt64.bitWidth) -> SortedAssembly {
        let nodeOrder = ByteOrder.sortedIndices(count: nodes.count) { nodes[$0].id }
        let keyOrder = ByteOrder.sortedIndices(keys)
        let nodeRank = Self.ranks(of: nodeOrder)
        let keyRank = Self.ranks(of: keyOrder)

        let order = edgeOrder(nodeRank: nodeRank, keyRank: keyRank, radixBits: radixBits)

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
            // An edge's identity is its ends, kind and key: the same as the one before it in
            // order when all four are.
            var previous: (source: Int32, target: Int32, key: Int32, kind: EdgeKind)?
            for position in order {
                let index = Int(position)
                var attributes = Attributes()
                swap(&attributes, &edges[index].attributes)
                let entry = edges[index].entry
                let identity = (source: edges[index].source, target: edges[index].target, key: edges[index].key, kind: edges[index].kind)
                if let previous, previous.source == identity.source, previous.target == identity.target,
                    previous.key == identity.key, previous.kind == identity.kind
                {
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
                previous = identity
                sortedEdges.append(PendingEdge(source: Int32(nodeRank[Int(identity.source)]), target: Int32(nodeRank[Int(identity.target)]),
                                               key: identity.key, entry: entry, kind: identity.kind, attributes: attributes))
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

extension GraphAssembly {
    /// The edges' indices in canonical order: by source rank, target rank, kind and key rank,
    /// then the order added, which puts copies of one identity oldest first. The four are packed
    /// into one integer for `RadixSort` when they fit in 64 bits (they need about 55 at 1 GB);
    /// else compared as two.
    private func edgeOrder(nodeRank: [UInt32], keyRank: [UInt32], radixBits: Int) -> [UInt32] {
        let nodeBits = RadixSort.bits(below: nodes.count), keyBits = RadixSort.bits(below: keys.count)
        let kindBits = RadixSort.bits(below: Int(EdgeKind.allCases.map(\.canonicalRank).max()!) + 1)
        if 2 * nodeBits + kindBits + keyBits <= min(radixBits, UInt64.bitWidth) {
            let (targetShift, kindShift) = (UInt64(kindBits + keyBits), UInt64(keyBits))
            let sourceShift = targetShift + UInt64(nodeBits)
            var items = [RadixSort.Item]()
            items.reserveCapacity(edges.count)
            // Field by field, not edge by edge: a copy of an edge would retain its attributes.
            for i in edges.indices {
                items.append(RadixSort.Item(
                    key: UInt64(nodeRank[Int(edges[i].source)]) << sourceShift | UInt64(nodeRank[Int(edges[i].target)]) << targetShift
                        | UInt64(edges[i].kind.canonicalRank) << kindShift | UInt64(keyRank[Int(edges[i].key)]),
                    index: UInt32(i)))
            }
            return RadixSort.sortedIndices(items)
        }
        var order = [EdgeOrderKey]()
        order.reserveCapacity(edges.count)
        for i in edges.indices {
            order.append(EdgeOrderKey(
                ends: UInt64(nodeRank[Int(edges[i].source)]) << 32 | UInt64(nodeRank[Int(edges[i].target)]),
                kindAndKey: UInt64(edges[i].kind.canonicalRank) << 32 | UInt64(keyRank[Int(edges[i].key)]),
                index: UInt32(i)))
        }
        order.sort()
        return order.map(\.index)
    }
}

/// An edge's place in the canonical order, for graphs too large to pack it into one integer.
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
