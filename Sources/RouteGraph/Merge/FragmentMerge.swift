import Dispatch
import Synchronization

/// Merges canonical graph fragments (`graph.jsonl` written by `convert` on shards of an archive)
/// into the graph one conversion of the whole archive gives (docs/merge.md).
///
/// It works on graphs, not records, so it applies convert's rules to what a graph keeps of them:
/// - a route is taken from the fragment holding its newest snapshot (by `modifiedAt`, then the
///   greatest `input` location), with every edge that route owns; older snapshots contribute nothing;
/// - a gateway, service or domain is taken from each fragment where a winning route reaches it,
///   laid over one another in the order of the newest such route, so the newest record's values win;
/// - VPN entries are a union, each `ROUTES` edge from its latest reading; a connection's counts are
///   recomputed from the merged edges, its TotalCounts taken per entry type from the fragment that
///   read the latest page.
///
/// Every choice depends on content, never on argument order, so the merge is commutative and
/// idempotent, and associative wherever routes that share a node agree on its attributes.
public enum FragmentMerge {
    /// What a merge produced.
    public struct Result: Sendable {
        /// The merged graph.
        public var graph: RouteGraph
        /// Connections whose entries fall short of their TotalCount in the merged graph, as
        /// convert reports them (without the missing page numbers, which a graph does not keep).
        public var warnings: [ConversionWarning]
    }

    /// Merges `fragments`, in any order; one fragment merges to itself. Fragments held nowhere
    /// else are taken apart as they are merged, their edges moved rather than copied.
    public static func merge(_ fragments: consuming [RouteGraph]) -> Result {
        let (graph, warnings, _) = merge(consume fragments) { (value: (), collected: [:], edges: []) }
        return Result(graph: consume graph, warnings: warnings)
    }

    /// What a merge of Swift graphs and a packed merge share: the fragments indexed, with the
    /// readings of `readings` (per fragment, where given) added; the route side and the VPN side's
    /// nodes merged on one core, the VPN side's Swift edges and `beside` on the other (they share
    /// no node or edge); then the connections recounted from both sides' `ROUTES` edges. The
    /// graph holds the route side, every node, and the edges `beside` gives besides its value.
    static func merge<Extra: Sendable>(
        _ fragments: consuming [RouteGraph], readings: [[String: LatestReadings]] = [],
        beside: @escaping @Sendable () -> (value: Extra, collected: [String: [String: Int64]], edges: [Edge])
    ) -> (graph: RouteGraph, warnings: [ConversionWarning], extra: Extra) {
        let count = fragments.count
        let handed = Handover(consume fragments)
        var built = Parallel.inTurn((0..<count).map { i in { FragmentIndex(handed.take(i)) } })
        for (i, fragmentReadings) in readings.enumerated() { built[i].addReadings(fragmentReadings) }
        let handedEdges = Handover([built.indices.map { built[$0].takeVPNEdges() }])
        let indexes = built
        // The VPN side's edges, most of a graph, are walked on one core; the route side and the VPN
        // side's nodes on the other. The route side is small and sorted here; the VPN side comes
        // sorted.
        let ((routes, vpnNodes), (vpnEdges, extra)) = Parallel.both(
            {
                var nodes: [Node] = []
                var edges: [Edge] = []
                mergeRoutes(indexes, nodes: &nodes, edges: &edges)
                return (RouteGraph(nodes: nodes, edges: edges), mergeVPNNodes(indexes))
            },
            { (mergeVPNEdges(indexes, edges: handedEdges.take(0)), beside()) })
        var nodes = consume vpnNodes
        var collected = vpnEdges.collected
        for (connection, counts) in extra.collected { collected[connection, default: [:]].merge(counts, uniquingKeysWith: +) }
        let warnings = recountConnections(&nodes, collected: collected, indexes: indexes)
        var edges = vpnEdges.edges
        if !extra.edges.isEmpty {
            edges += extra.edges
            edges.sort { Edge.precedes($0, $1) }
        }
        return (RouteGraph(joining: consume routes, consume nodes, consume edges), warnings.sorted(), extra.value)
    }

    /// Reads the fragment files at `paths` and merges them.
    public static func merge(paths: [String], reader: GraphJSONLinesReader = GraphJSONLinesReader())
        throws(GraphFileError) -> Result
    {
        merge(try read(paths: paths, reader: reader))
    }

    /// Reads the fragment files at `paths`, up to `threads` at a time, in the order given. When
    /// several cannot be read, the error thrown is that of the first of them in that order, so
    /// the message does not depend on which thread finished first.
    public static func read(
        paths: [String], reader: GraphJSONLinesReader = GraphJSONLinesReader(),
        threads: Int = ConversionOptions.defaultThreads
    ) throws(GraphFileError) -> [RouteGraph] {
        try readEach(paths, threads: threads) { path, _ throws(GraphFileError) in try reader.read(path: path) }
    }

    /// `read(path, i)` for each of `paths`, up to `threads` at a time, the results in the order of
    /// `paths`. When several cannot be read, the error thrown is that of the first of them in that
    /// order, so the message does not depend on which thread finished first.
    static func readEach<T: Sendable>(
        _ paths: [String], threads: Int, _ read: @Sendable (String, Int) throws(GraphFileError) -> T
    ) throws(GraphFileError) -> [T] {
        let outcomes = Mutex<[Swift.Result<T, GraphFileError>?]>(Array(repeating: nil, count: paths.count))
        let next = Atomic<Int>(0)
        // Fragments are read whole and one per thread: a shard's fragment is mostly one file, and
        // a merge mostly has as many fragments as there were shards.
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, paths.count))) { _ in
            CompactAllocation.adoptOnThisThread()
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < paths.count else { return }
                let outcome: Swift.Result<T, GraphFileError>
                do throws(GraphFileError) {
                    outcome = .success(try read(paths[i], i))
                } catch {
                    outcome = .failure(error)
                }
                outcomes.withLock { $0[i] = outcome }
            }
        }
        var results: [T] = []
        results.reserveCapacity(paths.count)
        for outcome in outcomes.withLock({ $0 }) {
            switch outcome! {
            case .success(let result): results.append(result)
            case .failure(let error): throw error
            }
        }
        return results
    }

    /// Routes, their edges, and the gateways, services and domains they reach.
    static func mergeRoutes(_ indexes: [FragmentIndex], nodes: inout [Node], edges: inout [Edge]) {
        // The winning snapshot of each route: the fragment holding it and its rank.
        var winners: [String: (fragment: Int, rank: SnapshotRank)] = [:]
        for (i, index) in indexes.enumerated() {
            for node in index.routes {
                let rank = SnapshotRank(route: node)
                if let held = winners[node.id] {
                    // Equal ranks are one record read twice; content decides, for commutativity.
                    let better =
                        held.rank < rank
                        || (held.rank == rank && ContentOrder.precedes(indexes[held.fragment].node(node.id)!, node))
                    if !better { continue }
                }
                winners[node.id] = (i, rank)
            }
        }
        // Per shared node, per fragment: the newest winning route reaching it there, once by any
        // edge and once by an edge that carries every attribute of the node.
        var stamps: [String: [Int: NodeStamps]] = [:]
        for (routeId, winner) in winners {
            let index = indexes[winner.fragment]
            nodes.append(index.node(routeId)!)
            for edge in index.routeEdges[routeId] ?? [] {
                edges.append(edge)
                stamps[FragmentIndex.neighbour(of: edge), default: [:]][winner.fragment, default: NodeStamps()]
                    .add(winner.rank, full: !FragmentIndex.carriesNameOnly(edge.kind))
            }
        }
        for (id, perFragment) in stamps {
            let found = perFragment.compactMap { fragment, stamp in indexes[fragment].node(id).map { (stamp, $0) } }
            guard !found.isEmpty else { continue }
            // Versions that are one record read in several shards, as most are, give every
            // attribute the same value in any order: only differing ones are put in content order.
            let versions = found.dropFirst().allSatisfy { ContentOrder.identical($0.1, found[0].1) }
                ? found : ContentOrder.sorted(found, by: \.1)
            // Per attribute, the version from the fragment whose newest route able to give it is
            // newest: an attribute a route cannot give there came from another route, maybe a
            // snapshot that lost.
            var merged = Node(id: id, kind: versions[0].1.kind, attributes: Attributes())
            var best: [Attribute: SnapshotRank] = [:]
            for (stamp, version) in versions {
                for (attribute, value) in version.attributes.all {
                    guard let rank = FragmentIndex.givesNameOnly(attribute) ? stamp.any : stamp.full else { continue }
                    if let held = best[attribute], rank < held { continue }
                    best[attribute] = rank
                    merged.attributes[attribute] = value
                }
            }
            nodes.append(merged)
        }
    }
}

/// The newest winning routes that reach a node in one fragment.
struct NodeStamps {
    /// By any edge.
    var any: SnapshotRank?
    /// By an edge whose route gives every attribute of the node (not a bare default or mirror).
    var full: SnapshotRank?

    mutating func add(_ rank: SnapshotRank, full isFull: Bool) {
        if any.map({ $0 < rank }) ?? true { any = rank }
        if isFull, full.map({ $0 < rank }) ?? true { full = rank }
    }
}
