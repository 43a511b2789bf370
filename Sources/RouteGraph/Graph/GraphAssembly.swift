/// Nodes and edges while a graph is put together from records: a node or edge seen again takes
/// the newer attributes over the older ones, attribute by attribute.
///
/// Nodes live in one table and edges name their ends by table index, so a million edges share one
/// string per node id instead of holding copies; edge keys are stored once each the same way.
/// Every node of one kind is found by the part of its id after the kind's prefix.
/// Edges are kept as added, duplicates too, and merged when sorted (`GraphAssembly+Order`), which
/// keeps the newer-over-older rule without hashing an identity per edge.
struct GraphAssembly {
    /// Every node, in the order first seen.
    var nodes: [Node] = []
    /// Index in `nodes` by kind and id without its prefix, so callers build only the part of an
    /// id that varies, and the whole id only for a node not seen before.
    private var nodeIndex = NodeTable()
    /// Every distinct edge key; index 0 is the empty key.
    private(set) var keys: [String] = [""]
    private var keyIndex: [String: Int32] = ["": 0]
    /// Every edge added, in the order added; one identity may be added more than once.
    var edges: [PendingEdge] = []
    /// Shortcuts for VPN entries (`GraphAssembly+Vpn`).
    var vpn = VpnShortcuts()
    /// The entries `ROUTES` edges take their attributes from.
    var entries = VpnEntryStore()

    /// An edge whose ends are indices in `nodes` and whose key is an index in `keys`. Its
    /// attributes are `attributes`, or, when `entry` is not negative, those of that entry of the
    /// assembly's `entries` (a `ROUTES` edge).
    struct PendingEdge {
        var source: Int32
        var target: Int32
        var key: Int32
        var entry: Int32 = -1
        var kind: EdgeKind
        var attributes: Attributes
    }

    /// The node `kind.idPrefix + suffix`, made when new with room for `capacity` attributes;
    /// `update` then sets its attributes over the ones it has, as `Attributes.overlay` would with
    /// the attributes it sets.
    @discardableResult
    mutating func mergeNode(kind: NodeKind, suffix: String, capacity: Int = 0, hash: UInt64? = nil, _ update: (inout Attributes) -> Void) -> Int32 {
        let (index, _) = node(kind: kind, suffix: suffix, capacity: capacity, hash: hash)
        update(&nodes[Int(index)].attributes)
        return index
    }

    /// The index of node `kind.idPrefix + suffix`, and whether it was made now (with room for
    /// `capacity` attributes and none set): one hash lookup either way, by `hash` if it was made
    /// ahead (`NodeHashes`).
    mutating func node(kind: NodeKind, suffix: String, capacity: Int = 0, hash: UInt64? = nil) -> (index: Int32, isNew: Bool) {
        let next = Int32(nodes.count)
        let found = nodeIndex.claim(kind: kind, suffix: suffix, next: next, in: nodes, hash: hash)
        if found >= 0 { return (found, false) }
        nodes.append(Node(id: kind.idPrefix + suffix, kind: kind, attributes: Attributes(capacity: capacity)))
        return (next, true)
    }

    /// Starts loading what finding the node of `hash` reads, up to `depth`
    /// (`NodeTable.prefetch(hash:depth:in:)`). Mutating though it changes nothing: called on an
    /// assembly a closure holds `inout`, a non-mutating method was given a copy of it, at a retain
    /// and a release of each of its tables per call.
    mutating func prefetchNode(hash: UInt64, depth: NodeTable.PrefetchDepth) {
        nodes.withUnsafeBufferPointer { nodeIndex.prefetch(hash: hash, depth: depth, in: $0) }
    }

    /// The key the node table hashes with, for hashes made ahead (`NodeHashes`).
    var nodeHashKey: UInt64 { nodeIndex.hashKey }

    /// Starts loading what finding the nodes of `hashes` reads, up to `depth`
    /// (`prefetchNode(hash:depth:)` for each).
    mutating func prefetchNodes(_ hashes: NodeHashes, depth: NodeTable.PrefetchDepth) {
        hashes.forEach { prefetchNode(hash: $0, depth: depth) }
    }

    /// Room for `nodes` nodes and `edges` edges without growing: growing a table of a million
    /// edges moves it several times over, and growing the node map hashes every id again.
    mutating func reserve(nodes nodeCount: Int, edges edgeCount: Int) {
        nodes.reserveCapacity(nodes.count + nodeCount)
        nodeIndex.reserve(nodeCount)
        edges.reserveCapacity(edges.count + edgeCount)
    }

    /// The index of `key` in `keys`, added when new.
    mutating func index(ofKey key: String) -> Int32 {
        if let known = keyIndex[key] { return known }
        let index = Int32(keys.count)
        keys.append(key)
        keyIndex[key] = index
        return index
    }

    /// Adds an edge between two nodes of this assembly; an edge with the same identity added
    /// earlier keeps its place and takes these attributes over its own.
    mutating func addEdge(from source: Int32, to target: Int32, kind: EdgeKind, key: Int32 = 0, attributes: Attributes = Attributes()) {
        edges.append(PendingEdge(source: source, target: target, key: key, kind: kind, attributes: attributes))
    }

    /// `addEdge` for an edge whose attributes are those of entry `entry` of `entries`.
    mutating func addEdge(from source: Int32, to target: Int32, kind: EdgeKind, key: Int32, entry: Int32) {
        edges.append(PendingEdge(source: source, target: target, key: key, entry: entry, kind: kind, attributes: Attributes()))
    }
}
