import Foundation
import Testing

@testable import RouteGraph

/// The DOT writer's byte-level pieces (quoting, shortening, naming from the packed graph) must give
/// exactly what the `String` forms give.
@Suite("DOT from bytes")
struct DOTBytesTests {
    static func text(_ fill: (inout TextBuffer) -> Void) -> String {
        var buffer = TextBuffer(flushLimit: 0)
        fill(&buffer)
        return buffer.string
    }

    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    /// A scalar the compiler takes in no literal (the noncharacters U+FDD0–U+FDEF).
    static func scalar(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }

    static let hostile: [String] = [
        "", "plain", "a\"b", "\"", "\\", "a\\N\\G\\l", "&", "x&amp;", "a\r\nb", "\r\n", "\n\r", "\r", "\n", "a\r",
        "\nlead", "\r\r\n\n", "tab\there", "\u{1}\u{1F}\u{7F}", "\u{80}\u{85}\u{9F}\u{A0}", "\u{0}nul",
        "\u{FDCF}" + scalar(0xFDD0) + scalar(0xFDEF) + "\u{FDF0}", "\u{FFFD}\u{FFFE}\u{FFFF}", "\u{1FFFE}\u{1FFFF}\u{10FFFE}\u{10FFFF}\u{10FFFD}",
        "订单-路由", "e\u{301}", "\u{301}", "🇨🇳👩‍👩‍👧", "} -> { strict", "<b>&lt;</b>", "ends in \\",
    ]

    @Test("byte quoting gives DOTString.quoted for hostile text", arguments: hostile)
    func quoting(text: String) {
        let bytes = Self.text { out in Self.withUTF8(text) { DOTString.appendQuoted($0, to: &out) } }
        #expect(bytes == DOTString.quoted(text))
        #expect(Self.withUTF8(text) { DOTString.isPlain($0) } == DOTString.isPlain(text))
    }

    /// A generator of the same texts on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "a", "Z", "0", ":", ">", " ", "\"", "\\", "&", "\r", "\n", "\r\n", "\t", "\u{7F}", "\u{85}", "\u{A0}", "é",
        "e\u{301}", "订", scalar(0xFDD0), scalar(0xFDE5), "\u{FFFE}", "\u{10FFFF}", "😀", "…",
    ]

    static func randomText(_ rng: inout SplitMix) -> String {
        (0..<Int.random(in: 0...60, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    @Test("byte quoting and shortening agree with the String forms on random hostile text")
    func randomText() {
        var rng = SplitMix(state: 20_240_501)
        for _ in 0..<3000 {
            let text = Self.randomText(&rng)
            let quoted = Self.text { out in Self.withUTF8(text) { DOTString.appendQuoted($0, to: &out) } }
            #expect(quoted == DOTString.quoted(text), "\(text.debugDescription)")
            for limit in [8, 24, 32] {
                let short = Self.text { out in
                    Self.withUTF8(text) { DOTString.appendShortenedQuoted($0, limit: limit, to: &out) }
                }
                #expect(short == DOTString.quoted(DOTString.shortened(text, limit: limit)), "\(text.debugDescription) \(limit)")
            }
        }
    }

    @Test(
        "shortening bytes gives DOTString.shortened, quoted",
        arguments: [
            String(repeating: "x", count: 32), String(repeating: "x", count: 33), "gw-02438fa84408e629123fa9cc40b5da11",
            "tun-" + String(repeating: "0123456789", count: 5) + "-end", String(repeating: "a\"\\&", count: 10),
            String(repeating: "ab", count: 10) + "\r\n" + String(repeating: "cd", count: 10),
            String(repeating: "ab", count: 15) + "\r" + String(repeating: "cd", count: 15),
            String(repeating: "订单", count: 20), String(repeating: "e\u{301}", count: 20), "\n" + String(repeating: "y", count: 40),
        ])
    func shortening(text: String) {
        let short = Self.text { out in Self.withUTF8(text) { DOTString.appendShortenedQuoted($0, to: &out) } }
        #expect(short == DOTString.quoted(DOTString.shortened(text)))
    }

    @Test("an id escaped in pieces joined by > is the whole id escaped")
    func escapedInPieces() {
        var rng = SplitMix(state: 7)
        for _ in 0..<500 {
            let parts = (0..<3).map { _ in Self.randomText(&rng) }
            let text = Self.text { out in
                for (i, part) in parts.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ">")) }
                    Self.withUTF8(part) { DOTString.appendEscaped($0, to: &out) }
                }
            }
            #expect("\"" + text + "\"" == DOTString.quoted(parts.joined(separator: ">")))
        }
    }

    @Test("FNV-1a-64 of bytes, whole or in pieces, is that of the string")
    func hashes() {
        for text in Self.hostile {
            let whole = Self.withUTF8(text) { DOTNames.fnv1a64($0) }
            #expect(whole == DOTNames.fnv1a64(text))
            let utf8 = Array(text.utf8)
            let half = utf8.count / 2
            let pieced = utf8.withUnsafeBufferPointer { all in
                DOTNames.fnv1a64(
                    UnsafeBufferPointer(rebasing: all[half...]), from: DOTNames.fnv1a64(UnsafeBufferPointer(rebasing: all[..<half])))
            }
            #expect(pieced == whole)
        }
    }

    @Test("the id table numbers ids by bytes in the order given, through shared hashes and growth")
    func idTable() {
        var table = DOTIdTable()
        let ids = (0..<100).map { "id-\($0)-订" } + ["e\u{301}", "\u{E9}"]
        for (i, id) in ids.enumerated() {
            // Every id shares its hash with three others: found by its bytes.
            let (number, isNew) = Self.withUTF8(id) { table.number(of: $0, hash: UInt64(i % 4)) }
            #expect(number == Int32(i) && isNew)
        }
        for (i, id) in ids.enumerated() {
            let (number, isNew) = Self.withUTF8(id) { table.number(of: $0, hash: UInt64(i % 4)) }
            #expect(number == Int32(i) && !isNew)
            #expect(table.withId(i) { Array($0) } == Array(id.utf8))
        }
        #expect(table.count == ids.count)
    }

    @Test("suffixes go to the second, third id of a hash, in naming order")
    func suffixes() {
        #expect(DOTNodeNames.suffixes([5, 7, 5, 5, 7, 9]) == [0, 0, 2, 3, 2, 0])
        #expect(DOTNodeNames.suffixes([1, 2, 3]) == [0, 0, 0])
        #expect(DOTNodeNames.suffixes([]) == [])
    }

    /// A graph with dangling edge ends (some repeated, some hostile), a route of a gateway the
    /// graph lacks, a tunnel of no connection and long hostile ids.
    static func danglingGraph() -> RouteGraph {
        let longName = "gw-" + String(repeating: "订单\"&\\", count: 8)
        var named = Attributes()
        named.set(.name, "a\r\nname")
        let nodes = [
            Node(id: "gateway:gw-1", kind: .gateway), Node(id: "route:gw-1:r1", kind: .route),
            Node(id: "route:\(longName):r\u{301}", kind: .route), Node(id: "service:gw-1:s1", kind: .service, attributes: named),
            Node(id: "route:nocolon", kind: .route), Node(id: "tunnel:lonely", kind: .tunnel),
            Node(id: "ipsec:vco-1", kind: .ipsec), Node(id: "tunnel:t1", kind: .tunnel),
            Node(id: "cidr:10.0.0.0/8", kind: .cidr),
        ]
        let edges = [
            Edge(source: "gateway:gw-1", target: "route:gw-1:r1", kind: .hasRoute),
            Edge(source: "route:gw-1:r1", target: "service:missing\r\n\"x\"", kind: .routesTo),
            Edge(source: "route:gw-1:r1", target: "service:" + String(repeating: "é", count: 40), kind: .fallsBackTo),
            Edge(source: "ipsec:vco-1", target: "tunnel:t1", kind: .hasTunnel),
            Edge(source: "ipsec:vco-gone", target: "tunnel:lonely", kind: .routes, key: "k>\\"),
            Edge(source: "tunnel:t1", target: "service:missing\r\n\"x\"", kind: .nextHopFor),
            Edge(source: "route:gone", target: "cidr:10.0.0.0/8", kind: .serves),
        ]
        return RouteGraph(nodes: nodes, edges: edges)
    }

    @Test("nodes and dangling ends are named as DOTNames names their ids, in naming order; clusters likewise")
    func namesFromPackedGraph() {
        let graph = Self.danglingGraph()
        let text = DOTWriter.render(graph)
        var names = DOTNames(prefix: "n")
        var expected: [(name: String, id: String)] = graph.nodes.map { (names.name(for: $0.id), $0.id) }
        let nodeIds = Set(graph.nodes.map(\.id))
        for edge in graph.edges {
            for end in [edge.source, edge.target] where !nodeIds.contains(end) && !expected.contains(where: { $0.id == end }) {
                expected.append((names.name(for: end), end))
            }
        }
        #expect(expected.count == graph.nodes.count + 4)
        for (name, id) in expected {
            #expect(text.contains("  \"\(name)\" [label="), "statement of \(id.debugDescription)")
            #expect(text.contains("\"\(name)\" [label=") && text.contains(", tooltip=\(DOTString.quoted(id))"))
        }
        for edge in graph.edges {
            let source = expected.first { $0.id == edge.source }!.name
            let target = expected.first { $0.id == edge.target }!.name
            #expect(text.contains("  \"\(source)\" -> \"\(target)\" [label=\(DOTString.quoted(edge.label)), tooltip=\(DOTString.quoted(edge.id))"))
        }
        var clusterNames = DOTNames(prefix: "cluster_")
        let owners = ["gateway:gw-1", "gateway:gw-" + String(repeating: "订单\"&\\", count: 8), "ipsec:vco-1"]
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var last = text.startIndex
        for owner in owners {
            let label = String(owner.drop { $0 != ":" }.dropFirst())
            let head = "  subgraph \"\(clusterNames.name(for: owner))\" {\n    graph [label=\(DOTString.quoted(DOTString.shortened(label))), tooltip=\(DOTString.quoted(owner))"
            let found = text.range(of: head, range: last..<text.endIndex)
            #expect(found != nil, "cluster of \(owner)")
            if let found { last = found.upperBound }
        }
        #expect(!text.contains("nocolon\", style=\"rounded\""))
    }

    @Test("a run of edges longer than the writers load ahead, every end dangling, names each end")
    func danglingEndsPastTheLookahead() {
        // No nodes: the name tables the writer loads ahead from are empty.
        let edges = (0..<(4 * EdgeTargetPrefetch.distance)).map {
            Edge(source: "route:gone", target: "service:gw-9:s\($0)", kind: .routesTo)
        }
        let graph = RouteGraph(nodes: [], edges: edges)
        let text = DOTWriter.render(graph)
        var names = DOTNames(prefix: "n")
        let source = names.name(for: "route:gone")
        for edge in edges {
            let target = names.name(for: edge.target)
            #expect(text.contains("  \"\(source)\" -> \"\(target)\" [label=\(DOTString.quoted(edge.label)), tooltip=\(DOTString.quoted(edge.id))"))
        }
    }

    @Test("a decorated graph gets ids and identities as the String graph has them")
    func decorationGetsIds() {
        let graph = Self.danglingGraph()
        var nodeIds: [String] = []
        var identities: [EdgeIdentity] = []
        var decoration = DOTDecoration()
        decoration.node = { id, look in
            nodeIds.append(id)
            return look
        }
        decoration.edge = { identity, look in
            identities.append(identity)
            return look
        }
        let sink = MemorySink()
        try? DOTWriter.emit(graph, decoration: decoration, into: sink)
        #expect(sink.text == DOTWriter.render(graph))
        #expect(nodeIds.sorted() == graph.nodes.map(\.id).sorted())
        #expect(identities == graph.edges.map(\.identity))
    }
}

extension DOTBytesTests {
    @Test("hex digits of names are String(value, radix: 16), eight wide")
    func hexDigits() {
        var rng = SplitMix(state: 99)
        for value in [0, 1, 9, 10, 15, 16, 0xDEAD_BEEF, 0x0123_4567, 0x89AB_CDEF, UInt32.max] + (0..<200).map({ _ in UInt32.random(in: 0...UInt32.max, using: &rng) }) {
            let digits = withUnsafeBytes(of: DOTNodeNames.hexDigits(value)) { String(decoding: $0, as: UTF8.self) }
            let expected = String(value, radix: 16)
            #expect(digits == String(repeating: "0", count: 8 - expected.count) + expected)
        }
    }

    @Test("escaping skips plain words and stops at the first special byte wherever it lies")
    func escapingAcrossWords() {
        for special in ["\"", "\\", "&", "\u{1}", "\u{7F}", "\r\n", "\u{85}", "é", "\u{FFFE}", "\u{1F}", " "] {
            for position in 0..<20 {
                let text = String(repeating: "a", count: position) + special + String(repeating: "~", count: 19 - position)
                let bytes = Self.text { out in Self.withUTF8(text) { DOTString.appendQuoted($0, to: &out) } }
                #expect(bytes == DOTString.quoted(text), "\(text.debugDescription)")
            }
        }
    }
}

extension DOTBytesTests {
    @Test("every edge kind has its own table entry: its raw value and its style attributes")
    func edgeKindText() {
        #expect(Set(EdgeKind.allCases.map(DOTEdgeKindText.index(of:))) == Set(0..<EdgeKind.allCases.count))
        DOTEdgeKindText().withTable { table in
            for kind in EdgeKind.allCases {
                #expect(String(decoding: table.name(kind), as: UTF8.self) == kind.rawValue)
                let style = DOTStyle.edgeAttributes(kind).map { ", \($0.0)=\(DOTString.quoted($0.1))" }.joined()
                #expect(String(decoding: table.style(kind), as: UTF8.self) == style)
            }
        }
    }
}
