import Foundation
import Testing

@testable import RouteGraph

/// A route snapshot is checked when read and built only if it still wins when reading ends
/// (GatewayRouteReader.check, PendingRoute): the report must not tell this from building each.
@Suite("Superseded snapshots")
struct SupersededSnapshotTests {
    /// `Data` objects that make every warning a route response can make, and some that make none.
    static let dataObjects: [String] = [
        #"{"Id":1,"GatewayUniqueId":"gw","Status":"half-published"}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","Status":{"x":1}}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","Status":" 已发布 "}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","GatewayId":"12a","DefaultServiceId":1e99}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","GmtCreate":"yesterday","GmtModified":"2022-02-30 00:00:00"}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","GmtCreate":"  ","GmtModified":1.5}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","GmtCreate":" 2022-01-07 10:07:57 ","GmtModified":"\u0301 2022-01-07"}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","GmtModified":" 1641550077000 \u0600"}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","RouteServices":[{"ServiceName":"a"},{"ServiceId":"x"},{"ServiceId":3}]}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","RouteServices":{"RouteService":{"Percent":5}},"FallbackServices":[{}]}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","RouteServices":null,"Services":"[{\"Percent\":1},{\"ServiceId\":2}]"}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","Services":"[{bad"}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","FlowMirror":{"Status":" ON ","TargetServiceId":0}}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","FlowMirror":{"Status":"on","TargetServiceId":7}}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","RouteOrder":"99999999999999999999","GatewayId":1e400}"#,
        #"{"Id":1,"GatewayUniqueId":"gw","Status":"x","GatewayId":"y","GmtCreate":"z","GmtModified":"w","RouteServices":[{}],"FallbackServices":[{}],"DefaultServiceId":"v","FlowMirror":{"Status":"on"}}"#,
    ]

    /// The warnings of reading `json` built and not built.
    static func warningsBothWays(_ json: String) throws -> (built: [String], skipped: [String]) {
        let parser = JSONParser()
        var reader = GatewayRouteReader(nestedParser: JSONParser())
        let root = try parser.parse(json).root
        guard case .gatewayRoute(let body) = ResponseClassifier.classify(root, forced: .gatewayRoute).0 else {
            Issue.record("not read as a route: \(json)")
            return ([], [])
        }
        let location = InputLocation(input: "t.json")
        var built: [ConversionWarning] = []
        var skipped: [ConversionWarning] = []
        _ = try reader.read(body: body, location: location, warnings: &built)
        _ = try reader.check(body: body, location: location, warnings: &skipped)
        return (built.map(\.message), skipped.map(\.message))
    }

    @Test("a snapshot not built warns exactly as one built")
    func sameWarnings() throws {
        var total = 0
        for data in Self.dataObjects {
            let (built, skipped) = try Self.warningsBothWays(#"{"RequestId":"r","Data":"# + data + "}")
            #expect(built == skipped, "\(data)")
            total += built.count
        }
        // Every kind of warning was made, so the comparison above compared something.
        #expect(total >= 20)
    }

    @Test("the shipped route examples warn the same built and not built")
    func examplesSameWarnings() throws {
        let shapes = URL(fileURLWithPath: ExampleFiles.path("shapes"))
        let files = try FileManager.default.contentsOfDirectory(atPath: shapes.path).filter { $0.hasPrefix("mse") && $0.hasSuffix(".json") }
        #expect(files.count >= 5)
        for file in files + [ExampleFiles.mseSeed] {
            let path = file.hasPrefix("/") ? file : shapes.appendingPathComponent(file).path
            let (built, skipped) = try Self.warningsBothWays(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
            #expect(built == skipped, "\(file)")
        }
    }

    @Test("a superseded snapshot's warnings are in the report, whichever snapshot comes first")
    func supersededWarningsReported() throws {
        let scratch = try ScratchDirectory()
        let newer = #"{"Data":{"Id":1,"GatewayUniqueId":"gw","GmtModified":"2023-01-01 00:00:00","Name":"new"}}"#
        let older = #"{"Data":{"Id":1,"GatewayUniqueId":"gw","GmtModified":"2022-01-01 00:00:00","Name":"old","Status":"odd","RouteServices":[{}]}}"#
        for (name, lines) in [("a.jsonl", [newer, older]), ("b.jsonl", [older, newer])] {
            let path = try writeFile(name, in: scratch.url, text: lines.joined(separator: "\n") + "\n")
            let result = convert([path])
            #expect(result.report.gatewayRouteRecords == 2)
            #expect(result.report.supersededSnapshots == 1)
            #expect(result.graph.nodes.first { $0.kind == .route }?.attributes.string(.name) == "new")
            let line = lines.firstIndex(of: older)! + 1
            let messages = result.report.warnings.filter { $0.location?.line == line }.map(\.message)
            #expect(messages.sorted() == [
                "a service without a ServiceId was left out",
                "route 1: Status \"odd\" is neither a code nor a known label; statusName is unknown",
            ])
        }
    }

    @Test("a snapshot still held as its document when the graph is built is built then")
    func pendingBuiltByBuild() throws {
        let reader = ResponseReader(limits: InputLimits(), forcedAPI: nil)
        var accumulator = GraphAccumulator()
        var report = ConversionReport()
        let json = #"{"Data":{"Id":7,"GatewayUniqueId":"gw","Name":"seven","RouteServices":[{"ServiceId":3}]}}"#
        Array(json.utf8).withUnsafeBytes { bytes in
            _ = reader.read(bytes, capacity: bytes.count, location: InputLocation(input: "t.json"), container: .json,
                            into: &accumulator, report: &report)
        }
        let graph = accumulator.build().graph
        #expect(graph.node(id: "route:gw:7")?.attributes.string(.name) == "seven")
        #expect(graph.node(id: "service:gw:3") != nil)
    }
}
