extension FragmentMerge {
    /// What a merge straight to the packed form produced.
    package struct PackedResult: Sendable {
        /// The merged graph, ready for the writers.
        let graph: PackedGraph
        /// As `Result.warnings`.
        package var warnings: [ConversionWarning]
        /// The merged graph's nodes and edges by kind.
        package var counts: GraphCounts { graph.counts }
    }

    /// One fragment as a packed merge reads it.
    private struct FragmentRead: @unchecked Sendable {
        var graph: RouteGraph
        var edges: PackedFragmentEdges
    }

    /// The first block number of the fragments' packed edges: packing a `RouteGraph` makes four
    /// blocks (`PackedGraph(releasing:)`), numbered from 0, and the merged graph keeps them and
    /// then each fragment's.
    static let firstFragmentBlock = 4

    /// How many fragments a packed merge takes: each brings a block, and a packed graph has room
    /// for 64 (`ByteSpan.blockLimit`), some of them for redaction's.
    static let packedFragmentLimit = 48

    /// Fragments read for `mergePacked`: their VPN edges packed, the rest Swift values.
    package struct PackedFragments: Sendable {
        fileprivate var graphs: [RouteGraph]
        fileprivate var runs: [PackedFragmentEdges]
    }

    /// Reads the fragment files at `paths` as `read(paths:)` does, each one's VPN edges packed
    /// (`PackedFragmentEdges`) for `mergePacked`. Nil when the fragments are not all canonical
    /// (lines out of order or repeated) or are too many: `read(paths:)` and `merge` then do the
    /// merge. A bad fragment throws what `read(paths:)` throws.
    package static func readPacked(
        paths: [String], reader: GraphJSONLinesReader = GraphJSONLinesReader(), threads: Int = ConversionOptions.defaultThreads
    ) throws(GraphFileError) -> PackedFragments? {
        guard !paths.isEmpty, paths.count <= packedFragmentLimit else { return nil }
        let fragments = try readEach(paths, threads: threads) { path, i throws(GraphFileError) in
            let read = try reader.readFragment(path: path, block: firstFragmentBlock + i)
            return FragmentRead(graph: read.graph, edges: read.edges)
        }
        guard fragments.allSatisfy(\.edges.isCanonical) else { return nil }
        // Taken apart so that each graph is held once: `FragmentIndex` then moves its edges.
        var read = PackedFragments(graphs: [], runs: [])
        for fragment in consume fragments {
            read.graphs.append(fragment.graph)
            read.runs.append(fragment.edges)
        }
        return read
    }

    /// Merges `fragments` as `merge(_:)` does, into the packed graph that packing its result
    /// would give, without making the VPN side's edges Swift values (`PackedVPNMerge`).
    package static func mergePacked(_ fragments: consuming PackedFragments) -> PackedResult {
        let runs = fragments.runs
        var graphs: [RouteGraph] = []
        swap(&graphs, &fragments.graphs)
        // Edges no route owns of other kinds (only in fragments edited by hand) are still merged as
        // Swift values, beside the packed ones.
        let (graph, warnings, packed) = merge(consume graphs, readings: runs.map(\.latestReadings)) {
            let packed = PackedVPNMerge(runs)
            return (value: packed, collected: packed.collected, edges: packed.settled)
        }
        // Held nowhere else, so packing lets it go as it goes.
        let swiftSide = PackedGraph(releasing: consume graph)
        return PackedResult(graph: PackedGraph(joining: swiftSide, packed, of: runs), warnings: warnings)
    }
}
