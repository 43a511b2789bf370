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

    /// Merges `fragments`, in any order; one fragment merges to itself.
    public static func merge(_ fragments: [RouteGraph]) -> Result {
        let indexes = fragments.map(FragmentIndex.init)
        var nodes: [Node] = []
        var edges: [Edge] = []
        mergeRoutes(indexes, nodes: &nodes, edges: &edges)
        let warnings = mergeVPN(indexes, nodes: &nodes, edges: &edges)
        return Result(graph: RouteGraph(nodes: nodes, edges: edges), warnings: warnings.sorted())
    }

    /// Reads the fragment files at `paths` and merges them.
    public static func merge(paths: [String], reader: GraphJSONLinesReader = GraphJSONLinesReader())
        throws(GraphFileError) -> Result
    {
        var graphs: [RouteGraph] = []
        for path in paths { graphs.append(try reader.read(path: path)) }
        return merge(graphs)
    }

    /// Routes, their edges, and the gateways, services and domains they reach.
    private static func mergeRoutes(_ indexes: [FragmentIndex], nodes: inout [Node], edges: inout [Edge]) {
        // The winning snapshot of each route: the fragment holding it and its rank.
        var winners: [String: (fragment: Int, rank: SnapshotRank)] = [:]
        for (i, index) in indexes.enumerated() {
            for node in index.nodes.values where node.kind == .route {
                let rank = SnapshotRank(route: node)
                if let held = winners[node.id] {
                    // Equal ranks are one record read twice; content decides, for commutativity.
                    let better = held.rank < rank
                        || (held.rank == rank && ContentOrder.precedes(indexes[held.fragment].nodes[node.id]!, node))
                    if !better { continue }
                }
                winners[node.id] = (i, rank)
            }
        }
        // Per shared node, per fragment: the newest winning route reaching it there.
        var stamps: [String: [Int: SnapshotRank]] = [:]
        for (routeId, winner) in winners {
            let index = indexes[winner.fragment]
            nodes.append(index.nodes[routeId]!)
            for edge in index.routeEdges[routeId] ?? [] {
                edges.append(edge)
                let neighbour = FragmentIndex.neighbour(of: edge)
                var perFragment = stamps[neighbour, default: [:]]
                if let held = perFragment[winner.fragment], !(held < winner.rank) { continue }
                perFragment[winner.fragment] = winner.rank
                stamps[neighbour] = perFragment
            }
        }
        for (id, perFragment) in stamps {
            let versions = perFragment.compactMap { fragment, stamp in indexes[fragment].nodes[id].map { (stamp, $0) } }
                .sorted { a, b in a.0 != b.0 ? a.0 < b.0 : ContentOrder.precedes(a.1, b.1) }
            guard var merged = versions.first?.1 else { continue }
            for (_, version) in versions.dropFirst() { merged.attributes.overlay(version.attributes) }
            nodes.append(merged)
        }
    }
}
