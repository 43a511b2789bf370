/// What the plain DOT diagram writes for each edge kind on every edge line, as bytes made once: the
/// kind's name (inside the tooltip's id) and the style attributes ending the line. Appending them
/// as `String`s cost more than the rest of the line but the names.
struct DOTEdgeKindText: Sendable {
    private let bytes: [UInt8]
    /// By `index(of:)`: where the name and the style are in `bytes`.
    private let names: [Range<Int>]
    private let styles: [Range<Int>]

    init() {
        var bytes: [UInt8] = []
        var names = [Range<Int>](repeating: 0..<0, count: EdgeKind.allCases.count)
        var styles = names
        for kind in EdgeKind.allCases {
            let start = bytes.count
            bytes.append(contentsOf: kind.rawValue.utf8)
            names[Self.index(of: kind)] = start..<bytes.count
            let style = DOTStyle.edgeAttributes(kind).map { ", \($0.0)=\(DOTString.quoted($0.1))" }.joined()
            bytes.append(contentsOf: style.utf8)
            styles[Self.index(of: kind)] = start + kind.rawValue.utf8.count..<bytes.count
        }
        (self.bytes, self.names, self.styles) = (bytes, names, styles)
    }

    /// A small number per kind, for the tables.
    @inline(__always)
    static func index(of kind: EdgeKind) -> Int {
        switch kind {
        case .hasRoute: 0
        case .routesTo: 1
        case .defaultsTo: 2
        case .fallsBackTo: 3
        case .mirrorsTo: 4
        case .serves: 5
        case .hasTunnel: 6
        case .routes: 7
        case .nextHopFor: 8
        }
    }

    /// Runs `body` with the bytes' table, read without retaining it per edge.
    func withTable<R>(_ body: (Table) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(Table(bytes: $0, names: names, styles: styles)) }
    }

    struct Table {
        let bytes: UnsafeBufferPointer<UInt8>
        let names: [Range<Int>]
        let styles: [Range<Int>]

        /// `kind.rawValue`'s bytes.
        @inline(__always)
        func name(_ kind: EdgeKind) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[names[DOTEdgeKindText.index(of: kind)]])
        }

        /// `, name="value"` for each of `DOTStyle.edgeAttributes(kind)`.
        @inline(__always)
        func style(_ kind: EdgeKind) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[styles[DOTEdgeKindText.index(of: kind)]])
        }
    }
}
