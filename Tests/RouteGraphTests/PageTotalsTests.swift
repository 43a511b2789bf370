import Foundation
import Testing
@testable import RouteGraph

/// `TotalCount` and `PageSize` are taken from the responses as written: a corrupt or hostile one
/// (the largest integer, a trillion pages) still converts at once, with a warning that names the
/// first missing pages and counts the rest, and totals that cannot be summed are held at the
/// largest integer.
@Suite("Page totals as written")
struct PageTotalsTests {
    private static let connection = "vco-totals"

    /// One page of one entry, of `type`, declaring `total` entries in pages of `size`.
    private func page(total: Int64, size: Int64 = 10, number: Int64 = 1, type: String = "custom", dest: String = "10.0.0.0/24") -> String {
        """
        {"RequestId":"R-\(type)-\(number)","TotalCount":\(total),"PageNumber":\(number),"PageSize":\(size),"VcoRouteEntries":[\
        {"VpnConnectionId":"\(Self.connection)","RouteDest":"\(dest)","NextHop":"\(Self.connection)","Weight":0,\
        "State":"published","RouteEntryType":"\(type)","CreateTime":1700000000000,"Source":"CLOUD"}]}
        """
    }

    private func convertLines(_ lines: [String], in scratch: borrowing ScratchDirectory) throws -> ConversionResult {
        let path = scratch.path("pages.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return convert([path])
    }

    @Test("TotalCount at the largest integer: no overflow, the first 20 missing pages named and the rest counted")
    func largestTotal() throws {
        let scratch = try ScratchDirectory()
        let result = try convertLines([page(total: .max)], in: scratch)
        #expect(result.report.rejections.isEmpty)
        let message = try #require(result.report.warnings.first).message
        let pages = Int64.max / 10 + 1
        let listed = (2...21).map(String.init).joined(separator: ", ")
        #expect(message.contains("1 of \(Int64.max) collected"), "\(message)")
        #expect(message.contains("missing pages \(listed) and \(pages - 21) more of \(pages) (PageSize 10)"), "\(message)")
        let ipsec = try #require(result.graph.node(id: "ipsec:\(Self.connection)")).attributes
        #expect(ipsec.integer(.declaredTotal) == .max)
        #expect(ipsec.boolean(.complete) == false)
    }

    @Test("pages read past page 64 and out of range are told apart from the missing ones")
    func pagesBeyondTheFirstWord() throws {
        // 700 entries in pages of 10: pages 1, 65 and 70 read (70 is the last), and a page 0.
        let lines = [page(total: 700, number: 1, dest: "10.0.1.0/24"), page(total: 700, number: 65, dest: "10.0.65.0/24"),
                     page(total: 700, number: 70, dest: "10.0.70.0/24"), page(total: 700, number: 0, dest: "10.0.99.0/24")]
        let scratch = try ScratchDirectory()
        let result = try convertLines(lines, in: scratch)
        let message = try #require(result.report.warnings.first).message
        #expect(message.contains("4 of 700 collected"), "\(message)")
        let listed = (2...21).map(String.init).joined(separator: ", ")
        #expect(message.contains("missing pages \(listed) and 47 more of 70 (PageSize 10)"), "\(message)")
    }

    @Test("custom and bgp totals whose sum overflows: declaredTotal held at the largest integer, in convert and in merge")
    func totalsThatCannotBeSummed() throws {
        let lines = [page(total: .max, type: "custom"), page(total: .max, type: "bgp", dest: "10.0.2.0/24")]
        let scratch = try ScratchDirectory()
        let result = try convertLines(lines, in: scratch)
        #expect(result.report.warnings.count == 2)
        let ipsec = try #require(result.graph.node(id: "ipsec:\(Self.connection)")).attributes
        #expect(ipsec.integer(.declaredTotal) == .max)
        #expect(ipsec.integer(.customTotal) == .max && ipsec.integer(.bgpTotal) == .max)

        // The same pages in two fragments, merged: the merge sums the totals too.
        var fragments: [RouteGraph] = []
        for (i, line) in lines.enumerated() {
            let input = scratch.path("shard-\(i).json")
            try Data(line.utf8).write(to: URL(fileURLWithPath: input))
            let fragment = scratch.path("fragment-\(i).jsonl")
            try JSONLinesWriter.write(convert([input]).graph, to: fragment)
            fragments.append(try GraphJSONLinesReader().read(path: fragment))
        }
        let merged = try #require(FragmentMerge.merge(fragments).graph.node(id: "ipsec:\(Self.connection)")).attributes
        #expect(merged.integer(.declaredTotal) == .max)
        #expect(merged.boolean(.complete) == false)
    }

    @Test("VpnRouteCounts of one type whose sum overflows: held at the largest integer")
    func routeCountsThatCannotBeSummed() throws {
        let counts = #","VpnRouteCounts":[{"RouteEntryType":"bgp","RouteCount":9223372036854775807,"Source":"VPN_BGP"},"#
            + #"{"RouteEntryType":"bgp","RouteCount":5,"Source":"CLOUD"}]}"#
        let line = String(page(total: 1).dropLast()) + counts
        let scratch = try ScratchDirectory()
        let result = try convertLines([line], in: scratch)
        #expect(result.report.rejections.isEmpty)
        let ipsec = try #require(result.graph.node(id: "ipsec:\(Self.connection)")).attributes
        #expect(ipsec.integer(.bgpRoutes) == .max)
    }

    @Test("PageNumbers: bits for pages 1 to 64, a set for the rest, counted up to a last page")
    func pageNumbers() {
        var a = PageNumbers()
        for n: Int64 in [1, 3, 64, 65, 200, 0, -4] { a.insert(n) }
        #expect([1, 3, 64, 65, 200, 0, -4].allSatisfy { a.contains($0) })
        #expect(![2, 63, 66, 201, -1].contains { a.contains($0) })
        #expect(a.count(upTo: 0) == 0)
        #expect(a.count(upTo: 3) == 2)
        #expect(a.count(upTo: 64) == 3)
        #expect(a.count(upTo: 100) == 4)
        #expect(a.count(upTo: .max) == 5)
        var b = PageNumbers()
        b.insert(2)
        b.insert(300)
        b.formUnion(a)
        #expect(b.count(upTo: .max) == 7)
        #expect(b.contains(2) && b.contains(300) && b.contains(65))
    }

    @Test func saturatingSum() {
        #expect(Int64(5).addingSaturated(7) == 12)
        #expect(Int64.max.addingSaturated(1) == .max)
        #expect(Int64.min.addingSaturated(-1) == .min)
        #expect(Int64.max.addingSaturated(.min) == -1)
    }
}
