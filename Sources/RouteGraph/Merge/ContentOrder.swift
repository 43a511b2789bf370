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
}
