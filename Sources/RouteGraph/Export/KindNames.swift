/// The names of the node and edge kinds as UTF-8 bytes, made once. Every row of every format
/// names its kind: `rawValue` made a `String` for each, which GraphML and CSV then scanned for
/// bytes to escape, of which a kind's name has none (it is `PlainText`, which `init` checks). At
/// the 100 MB twin archive that was about 500 instructions per GraphML edge for the kind alone.
///
/// Kept in `PermanentBytes`, like `JSONNames`, so a lookup is an index into a table and takes no
/// retain.
struct KindNames: @unchecked Sendable {
    private let nodeKinds: [UnsafeBufferPointer<UInt8>]
    private let edgeKinds: [UnsafeBufferPointer<UInt8>]

    static let shared = KindNames()

    private init() {
        CaseTag.checkPlain(NodeKind.self)
        CaseTag.checkPlain(EdgeKind.self)
        nodeKinds = NodeKind.allCases.map { Self.made($0.rawValue) }
        edgeKinds = EdgeKind.allCases.map { Self.made($0.rawValue) }
    }

    /// The bytes of `kind.rawValue`.
    @inline(__always)
    func name(_ kind: NodeKind) -> UnsafeBufferPointer<UInt8> { nodeKinds[CaseTag.of(kind)] }

    /// The bytes of `kind.rawValue`.
    @inline(__always)
    func name(_ kind: EdgeKind) -> UnsafeBufferPointer<UInt8> { edgeKinds[CaseTag.of(kind)] }

    private static func made(_ name: String) -> UnsafeBufferPointer<UInt8> {
        let bytes = PermanentBytes.copy(name.utf8)
        precondition(PlainText.isPlain(bytes), "the kind name \(name) is expected to need no escaping")
        return bytes
    }
}
