/// What `GraphRecord` looks for in a line of `graph.jsonl`, made once per file read: the members
/// of a record, found in one pass over it (`ObjectKeys`), and the kinds by the bytes of their
/// names. Reading a member at a time, and matching `type` and `kind` as `String`s (a `String`
/// made per line, then compared case by case by the runtime), were a sixth of reading a fragment.
final class GraphRecordKeys {
    let members = ObjectKeys<GraphRecordMember>()
    let attributeNames = GraphAttributeNames()
    private let nodeKinds = NodeKind.allCases.map {
        (name: Array($0.rawValue.utf8), kind: $0, idPrefix: Array($0.idPrefix.utf8))
    }
    private let edgeKinds = EdgeKind.allCases.map { (name: Array($0.rawValue.utf8), kind: $0) }

    /// The node kind spelled by `bytes`, exactly (as `NodeKind(rawValue:)`), and whether `id`
    /// is one of its ids: its prefix and at least one byte more.
    func nodeKind(_ bytes: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>) -> (kind: NodeKind, isItsId: Bool)? {
        guard let entry = nodeKinds.first(where: { $0.name.withUnsafeBufferPointer { ByteOrder.same($0, bytes) } }) else {
            return nil
        }
        let prefix = entry.idPrefix
        let isItsId = id.count > prefix.count
            && prefix.withUnsafeBufferPointer { ByteOrder.same($0, UnsafeBufferPointer(rebasing: id[..<prefix.count])) }
        return (entry.kind, isItsId)
    }

    /// The edge kind spelled by `bytes`, exactly (as `EdgeKind(rawValue:)`).
    func edgeKind(_ bytes: UnsafeBufferPointer<UInt8>) -> EdgeKind? {
        edgeKinds.first { $0.name.withUnsafeBufferPointer { ByteOrder.same($0, bytes) } }?.kind
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
