/// A total order on nodes and edges by their canonical JSON Lines bytes, for the choices a merge
/// must make between versions that rank equally: deciding by content rather than by argument
/// order is what keeps the merge commutative.
enum ContentOrder {
    static func bytes(of node: Node) -> [UInt8] {
        var line: [UInt8] = []
        JSONLinesWriter.appendNode(node, to: &line)
        return line
    }

    static func bytes(of edge: Edge) -> [UInt8] {
        var line: [UInt8] = []
        JSONLinesWriter.appendEdge(edge, to: &line)
        return line
    }

    static func precedes(_ a: Node, _ b: Node) -> Bool { bytes(of: a).lexicographicallyPrecedes(bytes(of: b)) }

    static func precedes(_ a: Edge, _ b: Edge) -> Bool { bytes(of: a).lexicographicallyPrecedes(bytes(of: b)) }

    /// `items` in the content order of what `element` picks from each, each one's bytes made once:
    /// with a comparison that renders both sides, sorting rendered each item several times.
    static func sorted<T>(_ items: [T], by element: (T) -> Node) -> [T] {
        sorted(items) { bytes(of: element($0)) }
    }

    /// `sorted(_:by:)` for versions of one edge.
    static func sorted(_ versions: [Edge]) -> [Edge] { sorted(versions) { bytes(of: $0) } }

    private static func sorted<T>(_ items: [T], bytes: (T) -> [UInt8]) -> [T] {
        guard items.count > 1 else { return items }
        let keyed = items.map { (bytes: bytes($0), item: $0) }
        return keyed.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }.map(\.item)
    }

    /// Versions of one node laid over one another in content order, the last taking precedence.
    /// Versions mostly agree byte for byte (shards read the same pages), and then the one is the
    /// result, with nothing rendered.
    static func overlaid(_ versions: [Node]) -> Node {
        if versions.dropFirst().allSatisfy({ identical($0, versions[0]) }) { return versions[0] }
        let ordered = sorted(versions) { $0 }
        var merged = ordered[0]
        for version in ordered.dropFirst() { merged.attributes.overlay(version.attributes) }
        return merged
    }

    /// `overlaid(_:)` for versions of one edge.
    static func overlaid(_ versions: [Edge]) -> Edge {
        if versions.dropFirst().allSatisfy({ identical($0, versions[0]) }) { return versions[0] }
        let ordered = sorted(versions)
        var merged = ordered[0]
        for version in ordered.dropFirst() { merged.attributes.overlay(version.attributes) }
        return merged
    }

    /// The same bytes once written: not `==`, under which canonically equivalent spellings of a
    /// string are equal although they are written differently, and the content order tells them
    /// apart.
    static func identical(_ a: Node, _ b: Node) -> Bool {
        a.kind == b.kind && ByteOrder.sameUTF8(a.id, b.id) && a.attributes.isIdentical(to: b.attributes)
    }

    static func identical(_ a: Edge, _ b: Edge) -> Bool {
        a.kind == b.kind && ByteOrder.sameUTF8(a.source, b.source) && ByteOrder.sameUTF8(a.target, b.target)
            && ByteOrder.sameUTF8(a.key, b.key) && a.attributes.isIdentical(to: b.attributes)
    }
}
