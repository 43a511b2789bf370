/// An edge of the canonical route graph, identified by source, target, kind and key.
public struct Edge: Sendable, Hashable {
    /// The canonical id of the tail node.
    public var source: String
    /// The canonical id of the head node.
    public var target: String
    /// With source, target and key, what identifies the edge.
    public var kind: EdgeKind
    /// Tells apart parallel edges of one kind: `entryType|nextHop` for `ROUTES` and `NEXT_HOP_FOR`,
    /// empty for every other kind.
    public var key: String
    /// The attributes of the edge's kind (DESIGN.md, "Edges"); a missing value is absent.
    public var attributes: Attributes

    /// An edge; `key` only for `ROUTES` and `NEXT_HOP_FOR`.
    public init(source: String, target: String, kind: EdgeKind, key: String = "", attributes: Attributes = Attributes()) {
        self.source = source
        self.target = target
        self.kind = kind
        self.key = key
        self.attributes = attributes
    }

    /// The identity of the edge: two edges with one identity are one edge.
    public var identity: EdgeIdentity { EdgeIdentity(source: source, target: target, kind: kind, key: key) }

    /// A stable id for formats that want one (GraphML), unique within a graph.
    public var id: String { key.isEmpty ? "\(source)>\(kind.rawValue)>\(target)" : "\(source)>\(kind.rawValue)>\(target)>\(key)" }

    /// The human label: the kind, with the percentage or weight where the edge has one.
    public var label: String {
        if case .integer(let p)? = attributes[.percent] { return "\(p)%" }
        if case .integer(let p)? = attributes[.percentage] { return "mirror \(p)%" }
        if kind == .routes, case .integer(let w)? = attributes[.weight] { return "weight \(w)" }
        return kind.rawValue
    }
}

/// The identity of an edge (DESIGN.md): source, target, kind and key, in that sort order.
public struct EdgeIdentity: Sendable, Hashable, Comparable {
    /// `Edge.source`, compared as UTF-8 bytes.
    public var source: String
    /// `Edge.target`, compared as UTF-8 bytes.
    public var target: String
    /// `Edge.kind`, compared by its raw value.
    public var kind: EdgeKind
    /// `Edge.key`, compared as UTF-8 bytes; empty for kinds without parallel edges.
    public var key: String

    public static func < (lhs: EdgeIdentity, rhs: EdgeIdentity) -> Bool {
        if lhs.source != rhs.source { return lhs.source.utf8.lexicographicallyPrecedes(rhs.source.utf8) }
        if lhs.target != rhs.target { return lhs.target.utf8.lexicographicallyPrecedes(rhs.target.utf8) }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
    }
}
