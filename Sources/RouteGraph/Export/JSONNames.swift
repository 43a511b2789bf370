/// The JSON text of the names every line of `graph.jsonl` repeats, made once: each attribute's
/// member name with its colon, and each node and edge kind as a string. Escaped again on every
/// line (a million times for a large graph) they were a tenth of writing the file.
///
/// Kept in `PermanentBytes`, like `XMLTextElement`'s tags, so a lookup is an index into a table
/// and takes no retain.
struct JSONNames: @unchecked Sendable {
    private let attributeKeys: [UnsafeBufferPointer<UInt8>]
    private let nodeKinds: [UnsafeBufferPointer<UInt8>]
    private let edgeKinds: [UnsafeBufferPointer<UInt8>]

    static let shared = JSONNames()

    private init() {
        CaseTag.checkPlain(Attribute.self)
        CaseTag.checkPlain(NodeKind.self)
        CaseTag.checkPlain(EdgeKind.self)
        attributeKeys = Attribute.allCases.map { attribute in
            Self.made { JSONText.appendString(attribute.rawValue, to: &$0); $0.append(UInt8(ascii: ":")) }
        }
        nodeKinds = NodeKind.allCases.map { kind in Self.made { JSONText.appendString(kind.rawValue, to: &$0) } }
        edgeKinds = EdgeKind.allCases.map { kind in Self.made { JSONText.appendString(kind.rawValue, to: &$0) } }
    }

    /// `"name":` for `attribute`.
    @inline(__always)
    func key(_ attribute: Attribute) -> UnsafeBufferPointer<UInt8> { attributeKeys[CaseTag.of(attribute)] }

    /// `"kind"` for a node kind.
    @inline(__always)
    func quoted(_ kind: NodeKind) -> UnsafeBufferPointer<UInt8> { nodeKinds[CaseTag.of(kind)] }

    /// `"KIND"` for an edge kind.
    @inline(__always)
    func quoted(_ kind: EdgeKind) -> UnsafeBufferPointer<UInt8> { edgeKinds[CaseTag.of(kind)] }

    private static func made(_ write: (inout TextBuffer) -> Void) -> UnsafeBufferPointer<UInt8> {
        var buffer = TextBuffer(flushLimit: 0)
        write(&buffer)
        return PermanentBytes.copy(buffer.bytes)
    }
}
