extension Node {
    /// The node at `slot`, leaving in its place one with an empty id and no attributes, which hold
    /// no storage: moving a node out of a table this way costs no retain, where reading it would
    /// retain its id and attributes (and the table's end release them again).
    static func take(_ slot: inout Node) -> Node {
        var taken = Node(id: "", kind: slot.kind)
        swap(&taken, &slot)
        return taken
    }
}
