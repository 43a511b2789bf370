/// What changed between two graphs: every node and edge of either, each marked added, removed,
/// changed or unchanged, with the attributes that changed.
///
/// Nodes are matched by id and edges by identity (source, target, kind, key). Two matched elements
/// differ when an attribute of their columns (`Attribute.nodeAttributes` / `edgeAttributes`) has
/// another value or is present on one side only. Provenance (`input`, `requestId`), which changes
/// with every snapshot without meaning anything, is never compared, nor are labels, which are
/// derived from the attributes; list-valued attributes are already in a fixed order (the readers
/// sort them), so a reordered list is no change. `ignoring` leaves out further attributes.
public struct GraphDiff: Sendable {
    /// What happened to one node or edge between the old graph and the new.
    public enum Change: String, Sendable, CaseIterable, Comparable {
        case added, removed, changed, unchanged

        public static func < (lhs: Change, rhs: Change) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One attribute with another value on each side; nil where that side has none.
    public struct AttributeChange: Sendable, Hashable {
        /// The attribute that differs.
        public var attribute: Attribute
        /// The value in the old graph.
        public var old: AttributeValue?
        /// The value in the new graph.
        public var new: AttributeValue?

        /// A change of `attribute` from `old` to `new`.
        public init(attribute: Attribute, old: AttributeValue?, new: AttributeValue?) {
            self.attribute = attribute
            self.old = old
            self.new = new
        }

        /// `name: old → new`, `(none)` for a missing value.
        public var summary: String {
            "\(attribute.rawValue): \(old?.text ?? "(none)") → \(new?.text ?? "(none)")"
        }
    }

    /// A node of either graph and what happened to it.
    public struct NodeDelta: Sendable {
        /// What happened to the node.
        public var change: Change
        /// The node in the old graph; nil when added.
        public var old: Node?
        /// The node in the new graph; nil when removed.
        public var new: Node?
        /// The attributes that differ, in column order; empty unless `change` is `.changed`.
        public var attributeChanges: [AttributeChange]

        /// The node as the union graph shows it: the new one, or the old one where it was removed.
        public var node: Node { new ?? old! }
    }

    /// An edge of either graph and what happened to it.
    public struct EdgeDelta: Sendable {
        /// What happened to the edge.
        public var change: Change
        /// The edge in the old graph; nil when added.
        public var old: Edge?
        /// The edge in the new graph; nil when removed.
        public var new: Edge?
        /// The attributes that differ, in column order; empty unless `change` is `.changed`.
        public var attributeChanges: [AttributeChange]

        /// The edge as the union graph shows it: the new one, or the old one where it was removed.
        public var edge: Edge { new ?? old! }
    }

    /// Every node of either graph, in canonical (id) order.
    public private(set) var nodes: [NodeDelta] = []
    /// Every edge of either graph, in canonical (identity) order.
    public private(set) var edges: [EdgeDelta] = []
    /// The attributes left out of the comparison: provenance and `ignoring`.
    public let ignored: Set<Attribute>

    /// Compares `old` with `new`.
    public init(old: RouteGraph, new: RouteGraph, ignoring: Set<Attribute> = []) {
        ignored = ignoring.union(Attribute.allCases.filter(\.isProvenance))
        let nodeColumns = Attribute.nodeAttributes.filter { !ignored.contains($0) }
        let edgeColumns = Attribute.edgeAttributes.filter { !ignored.contains($0) }
        nodes = GraphDiff.walk(
            old.nodes, new.nodes, precedes: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) },
            same: { $0.id == $1.id }
        ) { a, b in
            let changes = b.flatMap { b in a.map { GraphDiff.changes($0.attributes, b.attributes, nodeColumns) } } ?? []
            return NodeDelta(change: GraphDiff.change(a, b, changes), old: a, new: b, attributeChanges: changes)
        }
        edges = GraphDiff.walk(
            old.edges, new.edges, precedes: { $0.identity < $1.identity }, same: { $0.identity == $1.identity }
        ) { a, b in
            let changes = b.flatMap { b in a.map { GraphDiff.changes($0.attributes, b.attributes, edgeColumns) } } ?? []
            return EdgeDelta(change: GraphDiff.change(a, b, changes), old: a, new: b, attributeChanges: changes)
        }
    }

    /// True when the graphs hold the same facts.
    public var isEmpty: Bool {
        nodes.allSatisfy { $0.change == .unchanged } && edges.allSatisfy { $0.change == .unchanged }
    }

    /// The nodes that are not unchanged, in canonical order.
    public var changedNodes: [NodeDelta] { nodes.filter { $0.change != .unchanged } }
    /// The edges that are not unchanged, in canonical order.
    public var changedEdges: [EdgeDelta] { edges.filter { $0.change != .unchanged } }

    /// Both graphs in one: every node and edge of either, removed ones as they were, the others as
    /// they are now.
    public var unionGraph: RouteGraph { RouteGraph(nodes: nodes.map(\.node), edges: edges.map(\.edge)) }

    private static func change<T>(_ old: T?, _ new: T?, _ changes: [AttributeChange]) -> Change {
        switch (old, new) {
        case (nil, _): .added
        case (_, nil): .removed
        default: changes.isEmpty ? .unchanged : .changed
        }
    }

    private static func changes(_ old: Attributes, _ new: Attributes, _ columns: [Attribute]) -> [AttributeChange] {
        guard old != new else { return [] }
        return columns.compactMap { attribute in
            let a = old[attribute], b = new[attribute]
            return a == b ? nil : AttributeChange(attribute: attribute, old: a, new: b)
        }
    }

    /// Walks two lists sorted by `precedes` side by side, pairing equal elements.
    private static func walk<T, D>(
        _ old: [T], _ new: [T], precedes: (T, T) -> Bool, same: (T, T) -> Bool, delta: (T?, T?) -> D
    ) -> [D] {
        var result: [D] = []
        result.reserveCapacity(max(old.count, new.count))
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && precedes(old[i], new[j])) {
                result.append(delta(old[i], nil))
                i += 1
            } else if i == old.count || !same(old[i], new[j]) {
                result.append(delta(nil, new[j]))
                j += 1
            } else {
                result.append(delta(old[i], new[j]))
                i += 1
                j += 1
            }
        }
        return result
    }
}
