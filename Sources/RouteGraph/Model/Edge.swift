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
        Edge.precedes(source: lhs.source, lhs.target, lhs.kind, lhs.key, rhs.source, rhs.target, rhs.kind, rhs.key)
    }
}

extension Edge {
    /// The canonical edge order, by identity, without building identities (which costs four
    /// retains a comparison when a million edges are sorted).
    static func precedes(_ a: Edge, _ b: Edge) -> Bool {
        precedes(source: a.source, a.target, a.kind, a.key, b.source, b.target, b.kind, b.key)
    }

    /// The same order on edges in place: reading fields through pointers borrows them, where
    /// passing edges by value copied each (five retains) per comparison.
    static func precedes(_ a: UnsafePointer<Edge>, _ b: UnsafePointer<Edge>) -> Bool {
        precedes(source: a.pointee.source, a.pointee.target, a.pointee.kind, a.pointee.key,
                 b.pointee.source, b.pointee.target, b.pointee.kind, b.pointee.key)
    }

    @inline(__always)
    fileprivate static func precedes(source s1: String, _ t1: String, _ k1: EdgeKind, _ key1: String,
                                     _ s2: String, _ t2: String, _ k2: EdgeKind, _ key2: String) -> Bool {
        let s = ByteOrder.compare(s1, s2)
        if s != 0 { return s < 0 }
        let t = ByteOrder.compare(t1, t2)
        if t != 0 { return t < 0 }
        if k1 != k2 { return k1 < k2 }
        return ByteOrder.compare(key1, key2) < 0
    }
}
