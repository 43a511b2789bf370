import Foundation
import Testing

@testable import RouteGraph

/// A route's snapshots on consecutive lines are kept as parsed after the first (`SnapshotRun`),
/// the rest as documents: the graph, the counts and the warnings must be those of holding every
/// snapshot as its document, whatever the order of the lines.
@Suite("Snapshot runs")
struct SnapshotRunTests {
    /// A route snapshot line: `stamp` is its GmtModified (none when nil), `name` tells it apart.
    static func route(_ id: Int, _ stamp: String?, _ name: String, gateway: String = "gw-run", extra: String = "") -> String {
        let modified = stamp.map { #","GmtModified":"\#($0)""# } ?? ""
        return #"{"RequestId":"r-\#(name)","Data":{"Id":\#(id),"GatewayUniqueId":"\#(gateway)","Name":"\#(name)"\#(modified),"RouteServices":[{"ServiceId":\#(id * 10),"ServiceName":"svc-\#(name)","Percent":100}],"DomainName":"\#(name).example.com"\#(extra)}}"#
    }

    static let page = #"{"TotalCount":1,"PageNumber":1,"PageSize":10,"VcoRouteEntries":[{"VpnConnectionId":"vco-1","RouteDest":"10.0.0.0/24","NextHop":"vco-1","Weight":0,"State":"published","RouteEntryType":"custom","CreateTime":1700000000000,"Source":"CLOUD"}]}"#

    /// Lines with runs of every kind: newer and older snapshots within a run, a tie within a run
    /// (the later line wins), a run broken by a VPN page, a route seen again after others (older
    /// and newer than its run's winner), a run of two, snapshots without GmtModified, a warning
    /// in a snapshot that loses inside a run, an error response and a line that is not JSON.
    static let lines: [String] = [
        route(1, "2023-01-02 00:00:00", "a2"),
        route(1, "2023-01-05 00:00:00", "a5"),
        page,
        route(1, "2023-01-01 00:00:00", "a1", extra: #","Status":"odd""#),
        route(1, "2023-01-05 00:00:00", "a5-tie"),
        route(2, "2023-01-03 00:00:00", "b3"),
        route(3, nil, "c-none"),
        route(3, "2023-01-01 00:00:00", "c1"),
        route(1, "2023-01-04 00:00:00", "a4-late"),
        route(2, "2023-01-09 00:00:00", "b9"),
        route(2, "2023-01-08 00:00:00", "b8", gateway: "gw-other"),
        route(2, "2023-01-07 00:00:00", "b7", gateway: "gw-other"),
        #"{"RequestId":"e","Code":"Throttling","Message":"slow down"}"#,
        "{not json",
        route(4, "2023-01-01 00:00:00", "d1"),
        route(4, "2023-01-01 00:00:00", "d1-tie"),
        route(1, "2023-01-06 00:00:00", "a6-last"),
    ]

    /// The graph, counts and warnings of reading `lines` with one reader, keeping runs or not.
    static func read(_ lines: [String], keepsRuns: Bool) throws -> (graph: RouteGraph, counts: [Int], warnings: [String]) {
        let reader = ResponseReader(limits: InputLimits(), forcedAPI: nil, keepsRuns: keepsRuns)
        var accumulator = GraphAccumulator()
        var report = ConversionReport()
        reader.readLines(lines, of: "runs.jsonl", into: &accumulator, report: &report)
        reader.buildPendingRoutes(in: &accumulator)
        let counts = [accumulator.gatewayRouteRecords, accumulator.supersededSnapshots, accumulator.vpnEntryRecords,
                      report.documents, report.converted, report.rejections.count]
        let (graph, _) = accumulator.build()
        return (graph, counts, report.warnings.map { "\($0.location?.line ?? 0): \($0.message)" }.sorted())
    }

    static func expectSame(_ lines: [String]) throws {
        let runs = try read(lines, keepsRuns: true)
        let documents = try read(lines, keepsRuns: false)
        #expect(runs.counts == documents.counts)
        #expect(runs.warnings == documents.warnings)
        #expect(runs.graph.nodes == documents.graph.nodes)
        #expect(runs.graph.edges == documents.graph.edges)
    }

    @Test("runs give the graph, counts and warnings of snapshots held as documents")
    func sameAsDocuments() throws {
        try Self.expectSame(Self.lines)
        let (graph, counts, warnings) = try Self.read(Self.lines, keepsRuns: true)
        let names = graph.nodes.filter { $0.kind == .route }.compactMap { $0.attributes.string(.name) }.sorted()
        #expect(names == ["a6-last", "b8", "b9", "c1", "d1-tie"])
        // 14 route lines of 5 routes (the second gateway's route 2 is one of its own), 1 entry;
        // 17 documents, of which the error response and the line that is not JSON are rejected.
        #expect(counts == [14, 9, 1, 17, 15, 2])
        #expect(warnings.contains { $0.hasPrefix("4: ") && $0.contains("odd") })
        // The losers' services and domains are not in the graph.
        #expect(!graph.nodes.contains { $0.attributes.string(.name) == "svc-a5" })
    }

    @Test("the same lines in other orders give the same graph with runs", arguments: [0, 1, 2, 3])
    func otherOrders(seed: UInt64) throws {
        var generator = DOTBytesTests.SplitMix(state: seed)
        let orders: [[String]] = [
            Self.lines.reversed(),
            Self.lines.shuffled(using: &generator),
            // Every line twice in a row: each snapshot is a run of two of itself.
            Self.lines.flatMap { [$0, $0] },
        ]
        for lines in orders { try Self.expectSame(lines) }
    }
}
