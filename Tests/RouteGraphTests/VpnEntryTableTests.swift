import Testing

@testable import RouteGraph

/// The table of VPN entries keeps one copy per key (connection, destination, edge key), the one
/// read at the greatest location, whatever thread read it and in whatever order tables merge.
@Suite("VPN entry table")
struct VpnEntryTableTests {
    static func entry(_ connection: String, _ dest: String, type: String = "custom", nextHop: String? = "t-1",
                      at line: Int, input: String = "a.jsonl") -> VpnRouteEntry {
        VpnRouteEntry(connectionId: connection, routeDest: dest, cidr: CIDR(dest), nextHop: nextHop, weight: nil, state: nil,
                      entryType: type, createdAt: nil, asPath: nil, community: nil, routeSource: nil, tunnels: [],
                      requestId: nil, location: InputLocation(input: input, line: line))
    }

    /// The lines of the entries held, sorted.
    static func lines(_ table: VpnEntryTable) -> [Int] {
        var table = table
        var lines: [Int] = []
        for part in table.takeParts() {
            for (i, entry) in part.entries.enumerated() where !part.superseded.contains(Int32(i)) {
                lines.append(entry.location.line ?? 0)
            }
        }
        return lines.sorted()
    }

    @Test("one copy per key, the greatest location kept, in one table or merged in either order")
    func unionRule() {
        let first = [Self.entry("c1", "10.0.0.0/8", at: 1), Self.entry("c1", "10.0.0.0/8", nextHop: "t-2", at: 2),
                     Self.entry("c2", "10.0.0.0/8", at: 3), Self.entry("c1", "10.0.0.0/8", at: 7)]
        let second = [Self.entry("c1", "10.0.0.0/8", at: 5), Self.entry("c2", "10.0.0.0/8", at: 9),
                      Self.entry("c3", "10.0.0.0/8", at: 4)]
        var one = VpnEntryTable()
        for e in first + second { one.keep(e) }
        #expect(one.count == 4)
        #expect(Self.lines(one) == [2, 4, 7, 9])
        for (x, y) in [(first, second), (second, first)] {
            var a = VpnEntryTable(), b = VpnEntryTable()
            for e in x { a.keep(e) }
            for e in y { b.keep(e) }
            a.merge(b)
            #expect(a.count == 4)
            #expect(Self.lines(a) == [2, 4, 7, 9])
            // An entry added after merging finds its key in the part that holds it.
            a.keep(Self.entry("c2", "10.0.0.0/8", at: 11))
            #expect(Self.lines(a) == [2, 4, 7, 11])
        }
    }

    /// `VpnEntryTable.sameKey`, which compares entries where they are stored, for two values.
    private static func sameKey(_ a: VpnRouteEntry, _ b: VpnRouteEntry) -> Bool {
        withUnsafePointer(to: a) { a in withUnsafePointer(to: b) { b in VpnEntryTable.sameKey(a, b) } }
    }

    @Test("edge keys that read the same are one key, however entry type and next hop split them")
    func edgeKeyAsText() {
        let a = Self.entry("c", "10.0.0.0/8", type: "x|y", nextHop: "z", at: 1)
        let b = Self.entry("c", "10.0.0.0/8", type: "x", nextHop: "y|z", at: 2)
        let c = Self.entry("c", "10.0.0.0/8", type: "x", nextHop: "yz", at: 3)
        let d = Self.entry("c", "10.0.0.0/8", type: "xy", nextHop: nil, at: 4)
        let e = Self.entry("c", "10.0.0.0/8", type: "xy", nextHop: "", at: 5)
        #expect(a.edgeKey == b.edgeKey)
        #expect(Self.sameKey(a, b) && VpnEntryTable.tag(of: a) == VpnEntryTable.tag(of: b))
        #expect(!Self.sameKey(b, c))
        #expect(Self.sameKey(d, e) && VpnEntryTable.tag(of: d) == VpnEntryTable.tag(of: e))
        var table = VpnEntryTable()
        for entry in [a, b, c, d, e] { table.keep(entry) }
        #expect(Self.lines(table) == [2, 3, 5])
    }

    @Test("a table that grows many times over still finds every key")
    func growth() {
        var table = VpnEntryTable()
        for i in 0..<5000 { table.keep(Self.entry("c\(i % 7)", "10.\(i / 256).\(i % 256).0/24", at: i)) }
        for i in 0..<5000 { table.keep(Self.entry("c\(i % 7)", "10.\(i / 256).\(i % 256).0/24", at: 10_000 + i)) }
        #expect(table.count == 5000)
        #expect(Self.lines(table) == Array(10_000..<15_000))
    }

    @Test("Entries in segments keep their positions as segments are added, a few however many")
    func segments() {
        var segments = EntrySegments()
        #expect(segments.isEmpty && segments.segments.isEmpty)
        for line in 0..<20_000 { segments.append(Self.entry("vco-1", "10.0.0.0/24", at: line)) }
        // 4,096 + 4,096 + 8,192 + 16,384: four segments hold 20,000, and none moved.
        #expect(segments.count == 20_000 && segments.segments.map(\.count) == [4096, 4096, 8192, 3616])
        #expect(segments.indices.allSatisfy { segments[$0].location.line == $0 })
        segments[12_345].weight = 7
        #expect(segments[12_345].weight == 7 && segments[12_344].weight == nil)
        let taken = segments.takeSegments()
        #expect(taken.joined().count == 20_000 && segments.isEmpty)
    }
}

extension VpnEntryTableTests {
    /// Every field that can hold a string or a list, found by reflection so that a field added
    /// later and missed by `letGo` fails here.
    static func heldTexts(_ value: Any, path: String = "entry") -> [String] {
        switch value {
        case let text as String: return text.isEmpty ? [] : ["\(path) = \(text.debugDescription)"]
        case let list as [String]: return list.isEmpty ? [] : ["\(path) = \(list)"]
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional { return mirror.children.first.map { heldTexts($0.value, path: path) } ?? [] }
            return mirror.children.flatMap { heldTexts($0.value, path: "\(path).\($0.label ?? "?")") }
        }
    }

    @Test("an entry let go holds no string or list")
    func letGo() {
        var entry = VpnRouteEntry(
            connectionId: "vco-1", routeDest: "10.0.0.0/8", cidr: CIDR("10.0.0.0/8"), nextHop: "t-1", weight: 5, state: "published",
            entryType: "custom", createdAt: nil, asPath: "65001", community: "65001:1", routeSource: "bgp", tunnels: ["t-1", "t-2"],
            requestId: "r-1", location: InputLocation(input: "a.jsonl", line: 3))
        #expect(Self.heldTexts(entry).count == 12)
        entry.letGo()
        #expect(Self.heldTexts(entry) == [])
    }
}
