extension GraphAssembly {
    /// The nodes and edges of one VPN route entry, entry `number` of `entries`, whose fields
    /// its `ROUTES` edge takes as attributes when packed. Read in place, field by field, as a
    /// copy of the whole entry would retain every string in it.
    ///
    /// Entries come in location order, so one page's entries follow one another and share their
    /// connection and tunnels: those are looked up once a run. Setting a found node's attributes
    /// again would set the same text, so it is skipped.
    ///
    /// `cidrHash` is the cidr node's hash if it was made ahead (`cidrHash(of:)`), for the lookup
    /// to use rather than hash the text again.
    mutating func add(_ entry: UnsafePointer<VpnRouteEntry>, number: Int32, cidrHash: UInt64? = nil) {
        let connection: Int32
        if let last = vpn.lastConnection, last.id == entry.pointee.connectionId {
            connection = last.index
        } else {
            connection = mergeNode(kind: .ipsec, suffix: entry.pointee.connectionId) { c in
                c.set(.connectionId, entry.pointee.connectionId)
            }
            vpn.lastConnection = (entry.pointee.connectionId, connection)
        }
        // A cidr node's attributes follow from its id (a normalised CIDR reads as itself, so text
        // that is no CIDR never names the node of one): only a new node needs them set.
        let (cidr, isNew) = node(kind: .cidr, suffix: Self.cidrSuffix(of: entry), capacity: 3, hash: cidrHash)
        if isNew {
            if let cidrValue = entry.pointee.cidr {
                nodes[Int(cidr)].attributes.add(.cidr, cidrValue.text)
                nodes[Int(cidr)].attributes.add(.family, Int64(cidrValue.family))
                nodes[Int(cidr)].attributes.add(.prefixLength, Int64(cidrValue.prefixLength))
            } else {
                nodes[Int(cidr)].attributes.add(.cidr, entry.pointee.routeDest)
            }
        }
        let key = index(ofEdgeKeyOf: entry)

        addEdge(from: connection, to: cidr, kind: .routes, key: key, entry: number)

        guard !entry.pointee.tunnels.isEmpty else { return }
        let nextHopAttributes = nextHopForAttributes(entryType: entry.pointee.entryType)
        for tunnel in tunnels(of: entry, connection: connection) {
            addEdge(from: tunnel, to: cidr, kind: .nextHopFor, key: key, attributes: nextHopAttributes)
        }
    }

    /// The hash the lookup of the entry's cidr node starts from (`NodeTable.hash`), for the loop
    /// that adds entries: it prefetches the node's slot and record some entries ahead by it, and
    /// hands it to `add`. Connections and tunnels need no such help, as consecutive entries mostly
    /// share them (`VpnShortcuts`), while cidr nodes are looked up once per entry, all over a
    /// large table. Mutating for the reason `prefetchNode(hash:depth:)` is.
    mutating func cidrHash(of entry: UnsafePointer<VpnRouteEntry>) -> UInt64? {
        NodeTable.hash(kind: .cidr, suffix: Self.cidrSuffix(of: entry), key: nodeHashKey)
    }

    private static func cidrSuffix(of entry: UnsafePointer<VpnRouteEntry>) -> String {
        entry.pointee.cidr?.text ?? entry.pointee.routeDest
    }

    /// The tunnel nodes of an entry, each with its `HAS_TUNNEL` edge from the connection.
    private mutating func tunnels(of entry: UnsafePointer<VpnRouteEntry>, connection: Int32) -> [Int32] {
        if let last = vpn.lastTunnels, last.connection == connection, last.ids == entry.pointee.tunnels {
            return last.indices
        }
        var indices: [Int32] = []
        indices.reserveCapacity(entry.pointee.tunnels.count)
        for tunnelId in entry.pointee.tunnels {
            let tunnel = mergeNode(kind: .tunnel, suffix: tunnelId) { t in
                t.set(.tunnelId, tunnelId)
            }
            // A connection lists its tunnels with every entry: one edge each is enough, and as it
            // has no attributes, a repeat would change nothing.
            if vpn.tunnelsOfConnections.insert(UInt64(UInt32(connection)) << 32 | UInt64(UInt32(tunnel))).inserted {
                addEdge(from: connection, to: tunnel, kind: .hasTunnel)
            }
            indices.append(tunnel)
        }
        vpn.lastTunnels = (connection, entry.pointee.tunnels, indices)
        return indices
    }

    /// `index(ofKey: entry.pointee.edgeKey)` without building the key for a pair seen before.
    private mutating func index(ofEdgeKeyOf entry: UnsafePointer<VpnRouteEntry>) -> Int32 {
        let parts = VpnShortcuts.KeyParts(entryType: entry.pointee.entryType, nextHop: entry.pointee.nextHop)
        if let last = vpn.lastKey, last.parts == parts { return last.index }
        let index: Int32
        if let known = vpn.keys[parts] {
            index = known
        } else {
            index = self.index(ofKey: entry.pointee.edgeKey)
            vpn.keys[parts] = index
        }
        vpn.lastKey = (parts, index)
        return index
    }

    /// The attributes of a `NEXT_HOP_FOR` edge, which depend on the entry type alone: every edge
    /// of a type shares one copy.
    private mutating func nextHopForAttributes(entryType: String) -> Attributes {
        if let known = vpn.nextHopAttributes[entryType] { return known }
        var h = Attributes()
        h.set(.entryType, entryType)
        vpn.nextHopAttributes[entryType] = h
        return h
    }
}

/// What `GraphAssembly.add(_: VpnRouteEntry)` remembers between entries so that the values most
/// entries share are found, not built again.
struct VpnShortcuts {
    struct KeyParts: Hashable {
        var entryType: String
        var nextHop: String?
    }

    var keys: [KeyParts: Int32] = [:]
    var lastKey: (parts: KeyParts, index: Int32)?
    var lastConnection: (id: String, index: Int32)?
    var lastTunnels: (connection: Int32, ids: [String], indices: [Int32])?
    var nextHopAttributes: [String: Attributes] = [:]
    /// `HAS_TUNNEL` edges added: connection index in the high half, tunnel index in the low.
    var tunnelsOfConnections: Set<UInt64> = []
}
