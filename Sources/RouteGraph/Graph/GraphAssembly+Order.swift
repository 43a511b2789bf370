internal import CGNUExtras

extension GraphAssembly {
    /// The nodes sorted by id and the edges by identity, each identity once: a repeated edge keeps
    /// its first place and takes the attributes of later copies in the order they were added.
    ///
    /// Ids and keys are sorted once each as bytes; edges are then sorted by the ranks of their
    /// ends, kind and key, integers all, instead of comparing four strings per comparison.
    /// `radixBits` caps the width of the integer `RadixSort` sorts by (tests lower it to check the
    /// comparison sort that takes over past it), and from `halvesFrom` edges on, two threads sort
    /// half each and move half each into place (tests lower it to check the merge of the halves
    /// and the cut between them).
    consuming func sorted(radixBits: Int = UInt64.bitWidth, halvesFrom: Int = GraphAssembly.edgesSortedInHalves) -> SortedAssembly {
        sortedAndRanked(radixBits: radixBits, halvesFrom: halvesFrom).assembly
    }

    /// `sorted()`, with where each node went: `nodeRank[i]` is the position in the sorted nodes of
    /// the node at `i` before, for callers that set attributes on nodes they made before sorting.
    consuming func sortedAndRanked(radixBits: Int = UInt64.bitWidth, halvesFrom: Int = GraphAssembly.edgesSortedInHalves)
        -> (assembly: SortedAssembly, nodeRank: [UInt32])
    {
        let nodeOrder = ByteOrder.sortedIndices(count: nodes.count) { nodes[$0].id }
        let keyOrder = ByteOrder.sortedIndices(keys)
        let nodeRank = Self.ranks(of: nodeOrder)
        let keyRank = Self.ranks(of: keyOrder)

        let order = edgeOrder(nodeRank: nodeRank, keyRank: keyRank, radixBits: radixBits, halvesFrom: halvesFrom)

        // Nodes are moved to their places, not copied: a copy would retain every id and attribute
        // array once more, only to release them all when the unsorted table goes.
        var sortedNodes = [Node]()
        sortedNodes.reserveCapacity(nodes.count)
        nodes.withUnsafeMutableBufferPointer { nodes in
            for index in nodeOrder { sortedNodes.append(Node.take(&nodes[Int(index)])) }
        }
        nodes = []

        let sortedEdges = edges.withUnsafeMutableBufferPointer { edges in
            EdgeMover(order: order, edges: edges, nodeRank: nodeRank, entries: entries).moved(halvesFrom: halvesFrom)
        }
        edges = []
        return (SortedAssembly(nodes: sortedNodes, edges: sortedEdges, keys: keys, entries: entries), nodeRank)
    }

    /// `rank[i]`: where item `i` stands in `order`.
    private static func ranks(of order: [Int32]) -> [UInt32] {
        var rank = [UInt32](repeating: 0, count: order.count)
        for (position, index) in order.enumerated() { rank[Int(index)] = UInt32(position) }
        return rank
    }
}

extension GraphAssembly {
    /// From how many edges their order is sorted in two halves at once.
    static let edgesSortedInHalves = 1 << 18

    /// The edges' indices in canonical order: by source rank, target rank, kind and key rank,
    /// then the order added, which puts copies of one identity oldest first. The four are packed
    /// into one integer for `RadixSort` when they fit in 64 bits (they need about 55 at 1 GB);
    /// else compared as two.
    private func edgeOrder(nodeRank: [UInt32], keyRank: [UInt32], radixBits: Int, halvesFrom: Int) -> [UInt32] {
        let nodeBits = RadixSort.bits(below: nodes.count), keyBits = RadixSort.bits(below: keys.count)
        let kindBits = RadixSort.bits(below: Int(EdgeKind.allCases.map(\.canonicalRank).max()!) + 1)
        if 2 * nodeBits + kindBits + keyBits <= min(radixBits, UInt64.bitWidth) {
            let targetShift = kindBits + keyBits
            let shifts = EdgeKeys.Shifts(source: targetShift + nodeBits, target: targetShift, kind: keyBits)
            return edges.withUnsafeBufferPointer { edges in
                nodeRank.withUnsafeBufferPointer { nodeRank in
                    keyRank.withUnsafeBufferPointer { keyRank in
                        let keys = EdgeKeys(edges: edges, nodeRank: nodeRank, keyRank: keyRank, shifts: shifts)
                        guard edges.count >= halvesFrom else { return RadixSort.sortedIndices(keys.items(edges.indices)) }
                        // The other half's thread is done by now at 1 GB (the VPN half is the
                        // long one) and waits for this one: each sorts half, and the halves merge.
                        let (half, count) = (edges.count / 2, edges.count)
                        let (first, second) = Parallel.alongside(
                            { RadixSort.sorted(keys.items(0..<half)) }, { RadixSort.sorted(keys.items(half..<count)) })
                        return RadixSort.mergedIndices(first, second)
                    }
                }
            }
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

/// Moves the edges into their canonical order, each identity once: a repeated edge keeps its
/// first place and takes the attributes of later copies in the order they were added. The edges
/// are moved, not copied: a copy would retain every attribute array once more, only to release
/// them all when the unsorted table goes.
private struct EdgeMover: @unchecked Sendable {
    let order: [UInt32]
    let edges: UnsafeMutableBufferPointer<GraphAssembly.PendingEdge>
    let nodeRank: [UInt32]
    let entries: VpnEntryStore

    /// How many edges ahead of its move into order an edge is loaded.
    private static let edgesLoadedAhead = 16

    /// The edges in order. From `halvesFrom` edges, each half of the order is moved on a thread of
    /// its own: at 1 GB the VPN half's million edges took 50 ms on one thread while the route
    /// half's thread, done, waited.
    func moved(halvesFrom: Int) -> [GraphAssembly.PendingEdge] {
        [GraphAssembly.PendingEdge](unsafeUninitializedCapacity: order.count) { out, count in
            guard let out = out.baseAddress else { return }
            guard order.count >= max(2, halvesFrom) else {
                count = move(0..<order.count, to: out)
                return
            }
            // The second half begins with an identity of its own, so each repeat meets the copy it
            // repeats on one thread. It is moved to where the first half would end if nothing
            // repeated, then down to where it did end.
            var end = order.count / 2
            while end < order.count && sameIdentity(order[end - 1], order[end]) { end += 1 }
            let (cut, second) = (end, Shared(out + end))
            let (first, moved) = Parallel.alongside({ move(0..<cut, to: out) }, { move(cut..<order.count, to: second.value) })
            if first < cut { (out + first).moveInitialize(from: out + cut, count: moved) }
            count = first + moved
        }
    }

    /// Moves the edges of `order[range]` to `out` on, and returns how many identities they had.
    private func move(_ range: Range<Int>, to out: UnsafeMutablePointer<GraphAssembly.PendingEdge>) -> Int {
        var placed = 0
        var previous: UInt32?
        for k in range {
            // The edges lie in the order they were added, so each one read here is a cache
            // miss: loaded this far ahead, it has arrived when its turn comes.
            if k + Self.edgesLoadedAhead < order.count { rg_prefetch(edges.baseAddress! + Int(order[k + Self.edgesLoadedAhead])) }
            let index = Int(order[k])
            var attributes = Attributes()
            swap(&attributes, &edges[index].attributes)
            let entry = edges[index].entry
            if let previous, sameIdentity(previous, order[k]) {
                // A repeat of an edge whose attributes are an entry's (never made by the VPN
                // half, whose entries are one per edge) takes them as values to overlay.
                let last = out + placed - 1
                if last.pointee.entry >= 0 {
                    last.pointee.attributes = entries.routesAttributes(of: last.pointee.entry)
                    last.pointee.entry = -1
                }
                last.pointee.attributes.overlay(entry >= 0 ? entries.routesAttributes(of: entry) : attributes)
                continue
            }
            previous = order[k]
            (out + placed).initialize(to: GraphAssembly.PendingEdge(
                source: Int32(nodeRank[Int(edges[index].source)]), target: Int32(nodeRank[Int(edges[index].target)]),
                key: edges[index].key, entry: entry, kind: edges[index].kind, attributes: attributes))
            placed += 1
        }
        return placed
    }

    /// Whether two edges have one identity: their ends, kind and key.
    private func sameIdentity(_ i: UInt32, _ j: UInt32) -> Bool {
        let (a, b) = (edges.baseAddress! + Int(i), edges.baseAddress! + Int(j))
        return a.pointee.source == b.pointee.source && a.pointee.target == b.pointee.target
            && a.pointee.key == b.pointee.key && a.pointee.kind == b.pointee.kind
    }
}

/// The edges' packed order keys (`edgeOrder`), read in place by either thread.
private struct EdgeKeys: @unchecked Sendable {
    struct Shifts {
        let source: Int, target: Int, kind: Int
    }

    let edges: UnsafeBufferPointer<GraphAssembly.PendingEdge>
    let nodeRank: UnsafeBufferPointer<UInt32>
    let keyRank: UnsafeBufferPointer<UInt32>
    let shifts: Shifts

    /// The keys of the edges at `range`, each with its edge's index. Field by field, not edge by
    /// edge: a copy of an edge would retain its attributes.
    func items(_ range: Range<Int>) -> [RadixSort.Item] {
        var items = [RadixSort.Item]()
        items.reserveCapacity(range.count)
        for i in range {
            let key = UInt64(nodeRank[Int(edges[i].source)]) << UInt64(shifts.source)
                | UInt64(nodeRank[Int(edges[i].target)]) << UInt64(shifts.target)
                | UInt64(edges[i].kind.canonicalRank) << UInt64(shifts.kind) | UInt64(keyRank[Int(edges[i].key)])
            items.append(RadixSort.Item(key: key, index: UInt32(i)))
        }
        return items
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
