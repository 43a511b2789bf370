import Foundation
import Testing

/// The command-line contract users' scripts rely on: files written, exit status, the report, standard
/// input, `inspect`. Runs the built executable from the package root with relative paths.
@Suite("CLI contract")
struct CLITests {
    static let allOutputs = [
        "edges.csv", "gateway-routes.csv", "graph.dot", "graph.graphml", "graph.jsonl", "ipsec-routes.csv", "nodes.csv",
    ]

    /// Every name in `directory` (hidden temporary files included), or none when it does not exist.
    static func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// (kind, count) of the records of a `graph.jsonl`, read line by line with JSONSerialization.
    static func jsonlCounts(_ path: String) throws -> (nodes: [String: Int], edges: [String: Int]) {
        var nodes: [String: Int] = [:], edges: [String: Int] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let kind = try #require(object["kind"] as? String)
            switch object["type"] as? String {
            case "node": nodes[kind, default: 0] += 1
            case "edge": edges[kind, default: 0] += 1
            default: Issue.record("record without a node/edge type: \(line)")
            }
        }
        return (nodes, edges)
    }

    // MARK: help

    @Test("--help of the tool and of each command exits 0 and shows an example", arguments: [
        (["--help"], "routegraph convert Examples/responses --output out"),
        (["convert", "--help"], "routegraph convert Examples/responses --output out"),
        (["inspect", "--help"], "routegraph inspect archive/"),
    ])
    func help(arguments: [String], example: String) throws {
        let result = try RouteGraphCLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains(example))
        #expect(result.stdout.contains("USAGE: routegraph"))
    }

    // MARK: formats

    @Test func convertWritesEveryFormatByDefault() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(["convert", "Examples/responses", "--output", scratch.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.names(in: scratch.path("out")) == Self.allOutputs)
        for name in Self.allOutputs {
            let size = try FileManager.default.attributesOfItem(atPath: scratch.path("out/\(name)"))[.size] as? Int
            #expect((size ?? 0) > 0, "\(name) is empty")
        }
        #expect(result.stderr.contains("2 inputs read, 2 converted, 0 skipped"))
    }

    @Test func formatOptionWritesOnlyTheFormatsNamed() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(
            ["convert", "Examples/responses", "--output", scratch.path("out"), "--format", "graphml, CSV"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.names(in: scratch.path("out")) == ["edges.csv", "gateway-routes.csv", "graph.graphml", "ipsec-routes.csv", "nodes.csv"])
    }

    @Test("with a focus, the summary and the report count the graph written, not the whole graph")
    func focusedCountsAreOfTheGraphWritten() throws {
        let scratch = try ScratchDirectory()
        let whole = try RouteGraphCLI.run(["convert", "Examples/responses", "--output", scratch.path("whole"), "--format", "jsonl"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let result = try RouteGraphCLI.run([
            "convert", "Examples/responses", "--output", scratch.path("out"), "--format", "jsonl",
            "--kinds", "route,service", "--report", scratch.path("report.json"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try Self.jsonlCounts(scratch.path("out/graph.jsonl"))
        let wholeCounts = try Self.jsonlCounts(scratch.path("whole/graph.jsonl"))
        let nodes = written.nodes.values.reduce(0, +), edges = written.edges.values.reduce(0, +)
        #expect(nodes > 0 && nodes < wholeCounts.nodes.values.reduce(0, +))
        #expect(result.stderr.contains("graph: \(nodes) nodes (route \(written.nodes["route"] ?? 0), service \(written.nodes["service"] ?? 0)), \(edges) edges"))
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("report.json")))) as? [String: Any])
        let graph = try #require(report["graph"] as? [String: Any])
        #expect((graph["nodes"] as? [String: Any])?["total"] as? Int == nodes)
        #expect((graph["edges"] as? [String: Any])?["total"] as? Int == edges)
    }

    @Test func unknownFormatIsAUsageErrorNamingTheOption() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(
            ["convert", "Examples/responses", "--output", scratch.path("out"), "--format", "graphml,pdf"])
        #expect(result.status == 64, "ArgumentParser's usage error status; got \(result.status)")
        #expect(result.stderr.contains("--format"))
        #expect(result.stderr.contains("'pdf'"))
        #expect(result.stderr.contains("graphml, dot, csv, jsonl"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out")), "nothing is written on a usage error")
    }

    // MARK: exit status and report

    /// Every bad document of Examples/ (7 files, 3 JSON Lines lines) with good ones and a page that
    /// leaves a pagination gap.
    @Test func mixedBatchConvertsTheGoodAndReportsEveryRejection() throws {
        let scratch = try ScratchDirectory()
        let report = scratch.path("report.json")
        let result = try RouteGraphCLI.run([
            "convert", "Examples/bad", "Examples/responses", "Examples/shapes/archive.jsonl",
            "Examples/shapes/vpn-page-1.json", "--output", scratch.path("out"), "--report", report,
        ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.names(in: scratch.path("out")) == Self.allOutputs)

        let r = try ConversionReportFile.read(report)
        let rejected = Set(r.rejected.map { "\($0.input)|\($0.line.map(String.init) ?? "")|\($0.code)" })
        #expect(rejected == [
            "Examples/bad/empty.json||empty",
            "Examples/bad/error-mse.json||error-response",
            "Examples/bad/error-vpn.json||error-response",
            "Examples/bad/error.xml||error-response",
            "Examples/bad/html-error.json||html-page",
            "Examples/bad/other-api.json||unknown-api",
            "Examples/bad/truncated.json||invalid-json",
            "Examples/shapes/archive.jsonl|3|error-response",
            "Examples/shapes/archive.jsonl|4|invalid-json",
            "Examples/shapes/archive.jsonl|6|error-response",
        ])
        #expect(r.rejected.count == 10)
        for entry in r.rejected {
            #expect(!entry.reason.isEmpty)
            // The human summary names each rejected input too.
            let location = entry.input + (entry.line.map { ":\($0)" } ?? "")
            #expect(result.stderr.contains("\(location): \(entry.reason)"), "summary lacks \(location)")
        }
        #expect(r.inputs.documents == 16)
        #expect(r.inputs.converted == 6)
        #expect(r.inputs.documents == r.inputs.converted + r.inputs.rejected)
        #expect(r.inputs.rejectedByReason == ["empty": 1, "error-response": 5, "invalid-json": 2, "html-page": 1, "unknown-api": 1])

        #expect(r.warnings.count == 1)
        #expect(r.warnings.first?.input == "Examples/shapes/vpn-page-1.json")
        #expect(r.warnings.first?.message.contains("missing pages 2, 3") == true)

        // The counts by kind are those of the graph written.
        let written = try Self.jsonlCounts(scratch.path("out/graph.jsonl"))
        #expect(r.graph.nodes.byKind == written.nodes)
        #expect(r.graph.edges.byKind == written.edges)
        #expect(r.graph.nodes.total == written.nodes.values.reduce(0, +))
        #expect(r.graph.edges.total == written.edges.values.reduce(0, +))
        #expect(r.graph.nodes.byKind["cidr"] == 11, "the seed CIDR and the page's 10")
        #expect(r.outputs.count == Self.allOutputs.count)
    }

    @Test func onlyBadInputsExit2AndWriteNoGraph() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(
            ["convert", "Examples/bad", "--output", scratch.path("out"), "--report", scratch.path("report.json")])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(Self.names(in: scratch.path("out")).isEmpty)
        #expect(result.stderr.contains("nothing could be converted"))
        let r = try ConversionReportFile.read(scratch.path("report.json"))
        #expect(r.inputs.converted == 0)
        #expect(r.rejected.count == 7)
        #expect(r.outputs.isEmpty)
    }

    @Test func outputPathThatIsAFileExits2WithAMessage() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.path("taken")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: file))
        let result = try RouteGraphCLI.run(["convert", "Examples/responses", "--output", file])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(file))
        #expect(result.stderr.contains("not a directory"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me\n")
        #expect(try scratch.contents() == ["taken"], "no temporary file is left behind")
    }

    @Test func strictTurnsAWarningIntoExit1BeforeWriting() throws {
        let scratch = try ScratchDirectory()
        let strict = try RouteGraphCLI.run(
            ["convert", "Examples/shapes/vpn-page-1.json", "--output", scratch.path("strict"), "--strict"])
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(Self.names(in: scratch.path("strict")).isEmpty)
        #expect(strict.stderr.contains("--strict"))
        #expect(strict.stderr.contains("missing pages 2, 3"))

        // Without --strict the same warning is no failure, and with --strict clean inputs are none.
        let lenient = try RouteGraphCLI.run(["convert", "Examples/shapes/vpn-page-1.json", "--output", scratch.path("lenient")])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(Self.names(in: scratch.path("lenient")) == Self.allOutputs)
        let clean = try RouteGraphCLI.run(["convert", "Examples/responses", "--output", scratch.path("clean"), "--strict"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(Self.names(in: scratch.path("clean")) == Self.allOutputs)
    }

    // MARK: standard input

    /// A response on stdin gives the graph of the same file, provenance `input` aside ("-").
    @Test("standard input: JSON, XML", arguments: ["Examples/responses/mse-route.json", "Examples/shapes/mse.xml"])
    func standardInputIsDetected(path: String) throws {
        let scratch = try ScratchDirectory()
        let bytes = try Data(contentsOf: packageRoot.appendingPathComponent(path))
        let piped = try RouteGraphCLI.run(["convert", "-", "--output", scratch.path("stdin")], input: bytes)
        #expect(piped.status == 0, "\(piped.stderr)")
        let named = try RouteGraphCLI.run(["convert", path, "--output", scratch.path("file")])
        #expect(named.status == 0, "\(named.stderr)")
        let fromStdin = try String(contentsOfFile: scratch.path("stdin/graph.jsonl"), encoding: .utf8)
        let fromFile = try String(contentsOfFile: scratch.path("file/graph.jsonl"), encoding: .utf8)
        #expect(fromStdin.contains(#""input":"-""#))
        #expect(fromStdin == fromFile.replacingOccurrences(of: #""input":"\#(path)""#, with: #""input":"-""#))
        let counts = try Self.jsonlCounts(scratch.path("stdin/graph.jsonl"))
        #expect(counts.nodes.values.reduce(0, +) == 8)
        #expect(counts.edges.values.reduce(0, +) == 7)
    }

    @Test func standardInputJSONLinesIsReadLineByLine() throws {
        let scratch = try ScratchDirectory()
        let bytes = try Data(contentsOf: packageRoot.appendingPathComponent("Examples/shapes/archive.jsonl"))
        let result = try RouteGraphCLI.run(
            ["convert", "-", "--output", scratch.path("out"), "--report", scratch.path("report.json")], input: bytes)
        #expect(result.status == 1, "\(result.stderr)")
        let r = try ConversionReportFile.read(scratch.path("report.json"))
        #expect(r.rejected.map(\.input) == ["-", "-", "-"])
        #expect(r.rejected.compactMap(\.line) == [3, 4, 6])
        #expect(r.inputs.converted == 3)
        #expect(r.graph.nodes.total == 11)
        #expect(r.graph.edges.total == 10)
    }

    // MARK: gzip JSON Lines

    /// The generated archive's files as one gzip-compressed JSON Lines stream give the generator's
    /// expected graph, like the directory does.
    @Test func gzipJSONLinesArchiveConverts() throws {
        let scratch = try ScratchDirectory()
        let archive = scratch.path("archive.jsonl.gz")
        let pack = try ExternalTool.python(#"""
            import gzip, json, os, sys
            root, out = sys.argv[1], sys.argv[2]
            paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs)
            with gzip.open(out, "wt", encoding="utf-8") as z:
                for p in paths:
                    with open(p, encoding="utf-8") as f:
                        z.write(json.dumps(json.load(f), ensure_ascii=False, separators=(",", ":")) + "\n")
            print(len(paths))
            """#, [packageRoot.appendingPathComponent("Examples/generated/archive").path, archive])
        try #require(pack.status == 0, "\(pack.stderr)")
        let lines = Int(pack.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(lines > 10)

        let result = try RouteGraphCLI.run(
            ["convert", archive, "--output", scratch.path("out"), "--report", scratch.path("report.json")])
        #expect(result.status == 0, "\(result.stderr)")
        let r = try ConversionReportFile.read(scratch.path("report.json"))
        #expect(r.inputs.documents == lines)
        #expect(r.inputs.byShape == ["JSON Lines": lines])
        let expected = try GeneratedExample.expected()
        #expect(r.graph.nodes == expected.nodes)
        #expect(r.graph.edges == expected.edges)
    }

    // MARK: inspect

    @Test func inspectPrintsOneLinePerDocumentAndExits1WhenSomethingIsSkipped() throws {
        let result = try RouteGraphCLI.run(["inspect", "Examples/responses", "Examples/bad", "Examples/shapes/archive.jsonl"])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(lines.count == 2 + 7 + 6)
        let byLocation = Dictionary(lines.map { (String($0[0]), $0.dropFirst().map(String.init)) }, uniquingKeysWith: { a, _ in a })
        #expect(byLocation.count == lines.count, "one line per document")
        #expect(byLocation["Examples/responses/mse-route.json"]?.prefix(2) == ["GetGatewayRouteDetail", "JSON"])
        #expect(byLocation["Examples/responses/vpn-routes.json"]?.prefix(2) == ["DescribeVcoRouteEntries", "JSON"])
        #expect(byLocation["Examples/shapes/archive.jsonl:2"]?.prefix(2) == ["DescribeVcoRouteEntries", "JSON Lines, wrapped lists"])
        #expect(byLocation["Examples/shapes/archive.jsonl:4"]?.prefix(2) == ["skipped", "invalid-json"])
        #expect(byLocation["Examples/bad/empty.json"]?.prefix(2) == ["skipped", "empty"])
        #expect(lines.filter { $0.count > 1 && $0[1] == "skipped" }.count == 7 + 3)
        #expect(result.stderr.contains("15 documents, 5 usable, 10 skipped"))
    }

    @Test func inspectExits0WhenEveryDocumentIsUsable() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(["inspect", packageRoot.appendingPathComponent("Examples/responses").path], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(try scratch.contents().isEmpty, "inspect writes nothing")
    }
}

/// `Examples/generated/`: the archive scripts/render-examples.sh generates, and the graph the generator
/// said a full converter must build from it.
enum GeneratedExample {
    static let archive = "Examples/generated/archive"

    struct Expected: Decodable {
        struct Graph: Decodable {
            var nodes: ConversionReportFile.Counts
            var edges: ConversionReportFile.Counts
        }
        var expected: Graph
    }

    static func expected() throws -> Expected.Graph {
        let url = packageRoot.appendingPathComponent("Examples/generated/expected.json")
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url)).expected
    }
}
