/// Which DOT cluster every node goes into, and the DOT name of every node: decided once, in graph
/// order, from the packed graph's records and bytes, so the output is deterministic.
///
/// Ids are read as bytes: a cluster's owner is found by the bytes of its id (`DOTIdTable`), a
/// route's gateway part ends at its last `:` byte. For valid UTF-8 this is what the `String` reading
/// did, except for texts that `String` compares or splits by canonical equivalence or by grapheme
/// (a combining mark after the `:`), which no canonical id has.
struct DOTLayout {
    /// A gateway's or an IPsec connection's cluster.
    struct Cluster {
        /// The canonical id of the gateway or connection that owns the cluster, by number in
        /// `owners`.
        var owner: Int
        var kind: NodeKind
        /// The name's hash and suffix (see `DOTNames`; prefix `cluster_`).
        var hash: UInt64
        var suffix: Int32 = 0
        /// Where its nodes are in `clusteredNodes`.
        var nodes: Range<Int> = 0..<0
    }

    private(set) var clusters: [Cluster] = []
    /// The nodes of every cluster, by index in the graph, cluster after cluster, each in graph order.
    private(set) var clusteredNodes: [Int32] = []
    /// The nodes outside any cluster, by index in the graph.
    private(set) var unclustered: [Int32] = []
    /// The owners' ids.
    private(set) var owners = DOTIdTable()
    let names: DOTNodeNames

    init(_ graph: PackedGraph) {
        names = DOTNodeNames(graph)
        let (nodes, edges) = (graph.nodes, graph.edges)

        // A tunnel's connection: the first HAS_TUNNEL edge to it from an IPsec id; edges are
        // sorted by source, so that is the connection first in sort order.
        var connectionOfTunnel = [Int32](repeating: -1, count: nodes.count)
        for i in edges.indices where edges[i].kind == .hasTunnel && edges[i].targetNode >= 0 {
            let tunnel = Int(edges[i].targetNode)
            if connectionOfTunnel[tunnel] < 0 && Self.hasPrefix(graph.text(edges[i].source), NodeKind.ipsec) {
                connectionOfTunnel[tunnel] = Int32(i)
            }
        }

        // The owner (by number) of every node, -1 for none; the owner's key is made in `key`.
        var ownerOfNode = [Int32](repeating: -1, count: nodes.count)
        var kinds: [NodeKind] = []
        var key: [UInt8] = []
        for node in nodes.indices {
            key.removeAll(keepingCapacity: true)
            guard let kind = Self.owner(of: node, in: graph, connectionOfTunnel: connectionOfTunnel, into: &key) else {
                unclustered.append(Int32(node))
                continue
            }
            let (number, isNew) = key.withUnsafeBufferPointer { owners.number(of: $0, hash: DOTNames.fnv1a64($0)) }
            if isNew { kinds.append(kind) }
            ownerOfNode[node] = number
        }

        // Gateways before connections ("gateway:" < "ipsec:"), each by id: the order nodes are in.
        let order = owners.hashes.indices.sorted { a, b in
            owners.withId(a) { a in owners.withId(b) { b in a.lexicographicallyPrecedes(b) } }
        }
        let suffixes = DOTNodeNames.suffixes(order.map { owners.hashes[$0] })
        clusters = order.indices.map { rank in
            Cluster(owner: order[rank], kind: kinds[order[rank]], hash: owners.hashes[order[rank]], suffix: suffixes[rank])
        }
        var rankOfOwner = [Int](repeating: 0, count: order.count)
        for rank in order.indices { rankOfOwner[order[rank]] = rank }

        // The nodes of each cluster together, in graph order: counted, then placed.
        var sizes = [Int](repeating: 0, count: clusters.count)
        for owner in ownerOfNode where owner >= 0 { sizes[rankOfOwner[Int(owner)]] += 1 }
        var start = 0
        for rank in clusters.indices {
            clusters[rank].nodes = start..<start + sizes[rank]
            start += sizes[rank]
        }
        clusteredNodes = [Int32](repeating: 0, count: start)
        var next = clusters.map(\.nodes.lowerBound)
        for node in nodes.indices where ownerOfNode[node] >= 0 {
            let rank = rankOfOwner[Int(ownerOfNode[node])]
            clusteredNodes[next[rank]] = Int32(node)
            next[rank] += 1
        }
    }

    /// Puts into `key` the canonical id of the gateway or connection whose cluster `node` belongs
    /// in, and returns its kind; nil for a node in no cluster.
    private static func owner(
        of node: Int, in graph: PackedGraph, connectionOfTunnel: [Int32], into key: inout [UInt8]
    ) -> NodeKind? {
        let kind = graph.nodes[node].kind
        switch kind {
        case .gateway, .ipsec:
            key.append(contentsOf: graph.text(graph.nodes[node].id))
            return kind
        case .route, .service:
            // `route:{GatewayUniqueId}:{Id}`: the route or service id is the part after the last `:`.
            let id = graph.text(graph.nodes[node].id)
            let prefix = kind.idPrefix.utf8.count
            guard id.count >= prefix,
                let colon = id[prefix...].lastIndex(of: UInt8(ascii: ":"))
            else { return nil }
            key.append(contentsOf: NodeKind.gateway.idPrefix.utf8)
            key.append(contentsOf: UnsafeBufferPointer(rebasing: id[(id.startIndex + prefix)..<colon]))
            return .gateway
        case .tunnel:
            let edge = connectionOfTunnel[node]
            guard edge >= 0 else { return nil }
            key.append(contentsOf: graph.text(graph.edges[Int(edge)].source))
            return .ipsec
        case .domain, .cidr: return nil
        }
    }

    /// Whether `id` begins with `kind`'s id prefix.
    private static func hasPrefix(_ id: UnsafeBufferPointer<UInt8>, _ kind: NodeKind) -> Bool {
        let prefix = kind.idPrefix.utf8
        return id.count >= prefix.count && id.prefix(prefix.count).elementsEqual(prefix)
    }

    /// Appends `cluster`'s quoted name.
    func appendQuotedName(of cluster: Cluster, to out: inout TextBuffer) {
        DOTNodeNames.appendQuotedName("cluster_", cluster.hash, cluster.suffix, to: &out)
    }
}
