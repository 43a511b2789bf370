/// What `GraphRecord` looks for in a line of `graph.jsonl`, made once per file read: the members
/// of a record, found in one pass over it (`ObjectKeys`), and the kinds by the bytes of their
/// names (`KindNames`). Reading a member at a time, and matching `type` and `kind` as `String`s (a
/// `String` made per line, then compared case by case by the runtime), were a sixth of reading a
/// fragment.
final class GraphRecordKeys {
    let members = ObjectKeys<GraphRecordMember>()
    let attributeNames = GraphAttributeNames()
    private let kindNames = KindNames.shared
    private let nodeKinds = NodeKind.allCases
    private let edgeKinds = EdgeKind.allCases

    /// The node kind spelled by `bytes`, exactly (as `NodeKind(rawValue:)`), and whether `id`
    /// is one of its ids: its `idPrefix` (the kind's name and a colon) and at least one byte more.
    func nodeKind(_ bytes: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>) -> (kind: NodeKind, isItsId: Bool)? {
        guard let kind = nodeKinds.first(where: { ByteOrder.same(kindNames.name($0), bytes) }) else { return nil }
        let isItsId = id.count > bytes.count + 1 && id[bytes.count] == UInt8(ascii: ":")
            && ByteOrder.same(UnsafeBufferPointer(rebasing: id[..<bytes.count]), bytes)
        return (kind, isItsId)
    }

    /// The edge kind spelled by `bytes`, exactly (as `EdgeKind(rawValue:)`).
    func edgeKind(_ bytes: UnsafeBufferPointer<UInt8>) -> EdgeKind? {
        edgeKinds.first { ByteOrder.same(kindNames.name($0), bytes) }
    }

    /// Whether `bytes` spell `word` (ASCII).
    static func spell(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        ByteOrder.same(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }
}

/// The members of a graph record that reading looks at; `label` is derived, so not read.
enum GraphRecordMember: Int, ObjectKeySet {
    case type, id, kind, source, target, key, attributes
}
