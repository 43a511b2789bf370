extension Edge {
    /// The edge at `slot`, leaving in its place one with empty ends and key and no attributes,
    /// which hold no storage: as `Node.take`, a move that costs no retain, where reading the edge
    /// would retain its three strings and its attributes (and the array's end release them again).
    static func take(_ slot: inout Edge) -> Edge {
        var taken = Edge(source: "", target: "", kind: slot.kind)
        swap(&taken, &slot)
        return taken
    }
}
