/// The JSON text of the names every line of `graph.jsonl` repeats, made once: each attribute's
/// member name with its colon, and each node and edge kind as a string. Escaped again on every
/// line (a million times for a large graph) they were a tenth of writing the file.
///
/// Kept in memory allocated once and never freed, like `XMLTextElement`'s tags, so a lookup is an
/// index into a table and takes no retain.
struct JSONNames: @unchecked Sendable {
    private let attributeKeys: [UnsafeBufferPointer<UInt8>]
    private let nodeKinds: [UnsafeBufferPointer<UInt8>]
    private let edgeKinds: [UnsafeBufferPointer<UInt8>]

    static let shared = JSONNames()

    private init() {
        attributeKeys = Attribute.allCases.enumerated().map { index, attribute in
            precondition(Self.tag(attribute) == index, "Attribute is expected to be a plain enum")
            return Self.made { JSONText.appendString(attribute.rawValue, to: &$0); $0.append(UInt8(ascii: ":")) }
        }
        nodeKinds = NodeKind.allCases.enumerated().map { index, kind in
            precondition(Self.tag(kind) == index, "NodeKind is expected to be a plain enum")
            return Self.made { JSONText.appendString(kind.rawValue, to: &$0) }
        }
        edgeKinds = EdgeKind.allCases.enumerated().map { index, kind in
            precondition(Self.tag(kind) == index, "EdgeKind is expected to be a plain enum")
            return Self.made { JSONText.appendString(kind.rawValue, to: &$0) }
        }
    }

    /// `"name":` for `attribute`.
    @inline(__always)
    func key(_ attribute: Attribute) -> UnsafeBufferPointer<UInt8> { attributeKeys[Self.tag(attribute)] }

    /// `"kind"` for a node kind.
    @inline(__always)
    func quoted(_ kind: NodeKind) -> UnsafeBufferPointer<UInt8> { nodeKinds[Self.tag(kind)] }

    /// `"KIND"` for an edge kind.
    @inline(__always)
    func quoted(_ kind: EdgeKind) -> UnsafeBufferPointer<UInt8> { edgeKinds[Self.tag(kind)] }

    /// A payload-free enum's declaration index: the tag it is stored as (checked in `init`).
    @inline(__always)
    private static func tag<Case>(_ value: Case) -> Int { Int(unsafeBitCast(value, to: UInt8.self)) }

    private static func made(_ write: (inout TextBuffer) -> Void) -> UnsafeBufferPointer<UInt8> {
        var buffer = TextBuffer(flushLimit: 0)
        write(&buffer)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count)
        _ = storage.initialize(from: buffer.bytes)
        return UnsafeBufferPointer(storage)
    }
}
