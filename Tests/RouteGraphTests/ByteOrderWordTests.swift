import Testing

@testable import RouteGraph

/// `ByteOrder.compare` on bytes reads eight bytes at a time; these pin it to the plain byte-by-byte
/// order (unsigned bytes, the shorter first on a common prefix) at every length around a word.
@Suite("Byte order, eight bytes at a time")
struct ByteOrderWordTests {
    private static func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a == b { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }

    private static func wordCompare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        // A sentinel byte keeps the base address valid for empty arrays.
        let x = a + [0xAA], y = b + [0xAA]
        return x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                ByteOrder.compare(x.baseAddress!, a.count, y.baseAddress!, b.count)
            }
        }
    }

    @Test("Agrees with byte-by-byte order: differences at each position, prefixes, high bytes, NUL")
    func agreesWithBytes() {
        var cases: [([UInt8], [UInt8])] = []
        for length in 0...19 {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
            cases.append((base, base))
            cases.append((base, base + [0]))
            cases.append((base, base + [0xFF]))
            for position in 0..<length {
                for replacement: UInt8 in [0, 0x40, 0x42, 0x7F, 0x80, 0xC3, 0xFF] {
                    var other = base
                    other[position] = replacement
                    cases.append((base, other))
                    cases.append((other, base))
                    cases.append((Array(other.prefix(position + 1)), base))
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let shared = (0..<Int.random(in: 0...17, using: &generator)).map { _ in UInt8.random(in: 0...3, using: &generator) * 0x55 }
            let a = shared + (0..<Int.random(in: 0...10, using: &generator)).map { _ in UInt8.random(in: 0...3, using: &generator) * 0x55 }
            let b = shared + (0..<Int.random(in: 0...10, using: &generator)).map { _ in UInt8.random(in: 0...3, using: &generator) * 0x55 }
            cases.append((a, b))
        }
        for (a, b) in cases {
            #expect(Self.wordCompare(a, b).signum() == Self.reference(a, b), "\(a) vs \(b)")
        }
    }

    @Test("Sorted indices of texts inside other values: byte order, ties by index, non-ASCII")
    func sortedIndicesOfNodes() {
        let ids = ["route:gw-0001:r-10", "route:gw-0001:r-1", "route:gw-0001:r-1", "service:x", "route:gw-0001:r-1\u{0}",
                   "route:gw-0001:ré", "route:gw-0001:rz", "", "route:gw-0001:r-100000000", "cidr:10.0.0.0/8", "cidr:10.0.0.0/16",
                   "a\"quoted\"\nline", String(repeating: "long", count: 50), String(repeating: "long", count: 50) + "!"]
        let nodes = ids.map { Node(id: $0, kind: .route) }
        let order = ByteOrder.sortedIndices(count: nodes.count) { nodes[$0].id }
        let expected = ids.indices.sorted { i, j in
            let a = Array(ids[i].utf8), b = Array(ids[j].utf8)
            return a == b ? i < j : a.lexicographicallyPrecedes(b)
        }
        #expect(order.map(Int.init) == expected)
        #expect(ByteOrder.sortedIndices(count: 0) { _ in "" }.isEmpty)
        #expect(ByteOrder.sortedIndices(count: 3) { _ in "" } == [0, 1, 2])
    }

    @Test("Taking a node leaves an empty one of the same kind and hands over id and attributes")
    func takeNode() {
        var attributes = Attributes()
        attributes.set(.name, "n")
        var slot = Node(id: "service:gw:1", kind: .service, attributes: attributes)
        let taken = Node.take(&slot)
        #expect(taken == Node(id: "service:gw:1", kind: .service, attributes: attributes))
        #expect(slot == Node(id: "", kind: .service))
    }

    @Test("Input ranks: equal inputs share a rank, ranks follow byte order with no gaps")
    func inputRanks() {
        let texts = ["b/x.json", "a/y.json", "b/x.json", "", "a/y.json", "\u{E9}", "a/y.jso", "b/x.json"]
        var inputs = InputRanks()
        let ids = texts.map { inputs.id(of: $0) }
        let rank = inputs.ranks()
        let distinct = Array(Set(texts)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(ids.map { Int(rank[Int($0)]) } == texts.map { distinct.firstIndex(of: $0)! })
        #expect(InputRanks().ranks().isEmpty)
    }

    @Test("Kind tallies count every kind, absent ones as zero, as a dictionary count would")
    func kindTally() {
        let kinds: [EdgeKind] = [.routes, .serves, .routes, .hasTunnel, .routes]
        let tally = KindTally.count(kinds.count) { kinds[$0] }
        #expect(tally.count == EdgeKind.allCases.count)
        for kind in EdgeKind.allCases { #expect(tally[kind] == kinds.filter { $0 == kind }.count) }
        let nodes = NodeKind.allCases + [.cidr, .cidr]
        let nodeTally = KindTally.count(nodes.count) { nodes[$0] }
        #expect(nodeTally[.cidr] == 3 && nodeTally[.gateway] == 1 && nodeTally.values.reduce(0, +) == nodes.count)
    }
}
