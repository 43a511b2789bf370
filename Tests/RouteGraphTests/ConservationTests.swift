import Foundation
import Testing
@testable import RouteGraph

/// Nothing lost: over a generated archive of every shape variant (flat and wrapped lists, numbers
/// as strings, XML, snapshots, a missing page, error responses) with bad inputs of every kind mixed
/// in, every valid record is in the graph, every rejected input is in the report with its reason,
/// and the report's counts add up.
@Suite("Conservation")
struct ConservationTests {
    /// The vendored generator (see `GeneratedArchive`).
    static let generator: URL? = URL(fileURLWithPath: GeneratedArchive.generator)

    struct Counts: Decodable, Equatable {
        var total: Int
        var byKind: [String: Int]
    }

    struct Generated: Decodable {
        struct Written: Decodable { var files: Int; var errors: Int; var xmlFiles: Int; var droppedPages: Int }
        struct Graph: Decodable { var nodes: Counts; var edges: Counts }
        var written: Written
        var expected: Graph
    }

    /// A bad input written into the archive, and the code it must be rejected with.
    struct BadInput {
        var name: String
        var bytes: [UInt8]
        var code: RejectionCode
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "bad/truncated.json", bytes: Array(#"{"RequestId":"x","Data":{"Id":1"#.utf8), code: .invalidJSON),
        BadInput(name: "bad/empty.json", bytes: [], code: .empty),
        BadInput(name: "bad/blank.json", bytes: Array(" \r\n\t\n".utf8), code: .empty),
        BadInput(name: "bad/latin1.json", bytes: Array(#"{"Name":""#.utf8) + [0xE9] + Array(#""}"#.utf8), code: .invalidJSON),
        BadInput(name: "bad/page.json", bytes: Array("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>".utf8), code: .htmlPage),
        BadInput(name: "bad/other-api.json", bytes: Array(#"{"RequestId":"x","Instances":{"Instance":[]}}"#.utf8), code: .unknownAPI),
        BadInput(name: "bad/deep.json", bytes: Array((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8), code: .tooDeep),
        BadInput(name: "bad/lolz.xml", bytes: Array("<!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><R>&b;</R>".utf8), code: .unsafeXML),
        BadInput(name: "bad/broken.xml", bytes: Array("<R><Data></R>".utf8), code: .invalidXML),
        BadInput(name: "bad/no-route-id.json", bytes: Array(#"{"RequestId":"x","Data":{"GatewayUniqueId":"gw-x","Name":"n"}}"#.utf8), code: .incomplete),
        BadInput(name: "bad/not-gzip.json.gz", bytes: [0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF], code: .unreadable),
    ]

    @Test func everyValidRecordIsInTheGraphAndEveryRejectionInTheReport() throws {
        let generator = try #require(Self.generator, "shared/tools/gen-archive.py not found")
        let scratch = try ScratchDirectory()
        let root = scratch.path("archive")
        let run = try ExternalTool.run([
            "python3", generator.path, "--seed", "3", "--snapshots", "2", "--page-size", "10",
            "--variants", "doc,wrapped,strnum,xml,error,missing-page", "--out-dir", root + "/tree",
        ])
        try #require(run.status == 0, "gen-archive.py failed: \(run.stderr)")
        let generated = try JSONDecoder().decode(Generated.self, from: Data(run.stderr.utf8))
        // The seed is chosen to hold each variant; a generator change that loses one fails here.
        #expect(generated.written.errors > 0 && generated.written.xmlFiles > 0 && generated.written.droppedPages > 0)

        // Valid records, read independently of routegraph from the generated JSON files.
        var routeNodes: [String] = []
        var vpnEntries: [(connection: String, cidr: String)] = []
        var errorFiles: [String] = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: root + "/tree").sorted().map { root + "/tree/" + $0 }
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }
        for path in files where path.hasSuffix(".json") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            if object["Code"] != nil, object["Success"] as? Bool != true {
                errorFiles.append(path)
            } else if let data = object["Data"] as? [String: Any] {
                routeNodes.append("route:\(try #require(data["GatewayUniqueId"] as? String)):\(try #require(data["Id"]))")
            } else {
                var entries = object["VcoRouteEntries"]
                if let wrapped = entries as? [String: Any] { entries = wrapped["VcoRouteEntrie"] }
                for entry in try #require(entries as? [[String: Any]]) {
                    vpnEntries.append((try #require(entry["VpnConnectionId"] as? String), try #require(entry["RouteDest"] as? String)))
                }
            }
        }
        #expect(errorFiles.count == generated.written.errors)
        #expect(!routeNodes.isEmpty && !vpnEntries.isEmpty)

        // Bad inputs mixed in, and a JSON Lines file of valid copies and bad lines.
        for bad in Self.badInputs {
            let path = root + "/" + bad.name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bad.bytes).write(to: URL(fileURLWithPath: path))
        }
        let validCopy = try #require(files.first { $0.hasSuffix(".json") && !errorFiles.contains($0) })
        let compact = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: validCopy))))
        let lines: [[UInt8]] = [Array(compact), Array("{not json".utf8), [], Array(compact), [0xFF, 0xFE], Array(#"{"Code":"Throttling","Message":"slow down"}"#.utf8)]
        let jsonl = root + "/bad/mixed.jsonl"
        try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: jsonl))
        let expectedLineRejections: [(Int, RejectionCode)] = [(2, .invalidJSON), (5, .invalidJSON), (6, .errorResponse)]

        let result = Conversion.run(inputs: [root], options: ConversionOptions(threads: 2))
        let report = result.report
        let graph = result.graph

        // Every valid record is in the graph, and the graph is the one the generator describes.
        for id in routeNodes { #expect(graph.node(id: id) != nil, "route \(id) lost") }
        for (connection, cidr) in vpnEntries {
            #expect(graph.edges.contains { $0.kind == .routes && $0.source == "ipsec:\(connection)" && $0.target == "cidr:\(cidr)" },
                    "VPN entry \(connection) → \(cidr) lost")
        }
        func counts(_ byKind: [String: Int]) -> [String: Int] { byKind.filter { $0.value > 0 } }
        #expect(graph.nodes.count == generated.expected.nodes.total)
        #expect(graph.edges.count == generated.expected.edges.total)
        #expect(counts(Dictionary(uniqueKeysWithValues: graph.nodeCounts.map { ($0.key.rawValue, $0.value) })) == counts(generated.expected.nodes.byKind))
        #expect(counts(Dictionary(uniqueKeysWithValues: graph.edgeCounts.map { ($0.key.rawValue, $0.value) })) == counts(generated.expected.edges.byKind))

        // Every rejected input is in the report, where it came from, with its reason.
        var expectedRejections = Self.badInputs.map { (InputLocation(input: root + "/" + $0.name), $0.code) }
        expectedRejections += errorFiles.map { (InputLocation(input: $0), .errorResponse) }
        expectedRejections += expectedLineRejections.map { (InputLocation(input: jsonl, line: $0.0), $0.1) }
        for (location, code) in expectedRejections {
            let found = report.rejections.first { $0.location == location }
            #expect(found?.code == code, "\(location): \(found.map { "\($0.code.rawValue): \($0.reason)" } ?? "not in the report")")
            #expect(found?.reason.isEmpty == false)
        }
        #expect(report.rejected == expectedRejections.count)

        // The counts add up: documents = converted + rejected, and the report's JSON says the same.
        let documents = files.count + Self.badInputs.count + lines.filter { !$0.isEmpty }.count
        #expect(report.documents == documents)
        #expect(report.documents == report.converted + report.rejected)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json(graph: graph, outputs: []).utf8)) as? [String: Any])
        let inputs = try #require(json["inputs"] as? [String: Any])
        #expect(inputs["documents"] as? Int == documents)
        #expect(inputs["converted"] as? Int == report.converted)
        #expect(inputs["rejected"] as? Int == expectedRejections.count)
        #expect((json["rejected"] as? [Any])?.count == expectedRejections.count)
    }
}
