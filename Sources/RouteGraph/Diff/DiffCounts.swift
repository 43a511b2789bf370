/// How many nodes and edges were added, removed and changed, by kind: the diff's summary.
public struct DiffCounts: Sendable, Equatable {
    /// Added, removed and changed elements of one kind (or of all kinds).
    public struct Tally: Sendable, Equatable {
        /// Elements only in the new graph.
        public var added = 0
        /// Elements only in the old graph.
        public var removed = 0
        /// Elements in both with some attribute changed.
        public var changed = 0

        /// A tally; zero by default.
        public init(added: Int = 0, removed: Int = 0, changed: Int = 0) {
            self.added = added
            self.removed = removed
            self.changed = changed
        }

        /// Every element that is not unchanged.
        public var total: Int { added + removed + changed }

        mutating func count(_ change: GraphDiff.Change) {
            switch change {
            case .added: added += 1
            case .removed: removed += 1
            case .changed: changed += 1
            case .unchanged: break
            }
        }
    }

    /// Node tallies by kind; only kinds with a change are present.
    public var nodes: [NodeKind: Tally] = [:]
    /// Edge tallies by kind; only kinds with a change are present.
    public var edges: [EdgeKind: Tally] = [:]

    /// Counts the changes of `diff`.
    public init(_ diff: GraphDiff) {
        for delta in diff.nodes where delta.change != .unchanged { nodes[delta.node.kind, default: Tally()].count(delta.change) }
        for delta in diff.edges where delta.change != .unchanged { edges[delta.edge.kind, default: Tally()].count(delta.change) }
    }

    /// Node tallies of every kind together.
    public var nodeTotal: Tally { nodes.values.reduce(into: Tally()) { $0.add($1) } }
    /// Edge tallies of every kind together.
    public var edgeTotal: Tally { edges.values.reduce(into: Tally()) { $0.add($1) } }
}

extension DiffCounts.Tally {
    fileprivate mutating func add(_ other: DiffCounts.Tally) {
        added += other.added
        removed += other.removed
        changed += other.changed
    }
}
