import Foundation
import Testing

@testable import RouteGraph

/// Issue 3's mixed archive: gen-archive.py (vendored in Fixtures/ so a fresh clone can run this)
/// writes every shape variant and prints on stderr the graph a full converter must build.
@Suite("Generated archive")
struct GeneratedArchiveTests {
    /// What gen-archive.py prints on stderr (the parts the tests use).
    struct Summary: Decodable {
        struct Written: Decodable {
            var files: Int
            var lines: Int
            var errors: Int
            var xmlFiles: Int
            var droppedPages: Int
        }

        struct Counts: Decodable {
            var total: Int
            var byKind: [String: Int]
        }

        struct Graph: Decodable {
            var nodes: Counts
            var edges: Counts
        }

        var written: Written
        var expected: Graph
    }

    static let generator = GeneratedArchive.generator
    /// Seed 2 at the default sizes writes error responses, XML files and dropped pages in both
    /// layouts, so every assertion below has something to bite on.
    static let seed = "2"
    static let variants = "doc,wrapped,strnum,xml,error,missing-page"

    /// Runs the generator and decodes its stderr summary.
    static func generate(_ arguments: [String]) throws -> Summary {
        let result = try ExternalTool.run(["python3", generator, "--seed", seed, "--variants", variants] + arguments)
        try #require(result.status == 0, "gen-archive.py failed: \(result.stderr)")
        let line = try #require(result.stderr.split(separator: "\n").last, "gen-archive.py printed no summary")
        return try JSONDecoder().decode(Summary.self, from: Data(line.utf8))
    }

    /// Checks a conversion against the generator's expectation.
    static func expectMatches(_ result: ConversionResult, _ summary: Summary, documents: Int) {
        let graph = result.graph, report = result.report
        #expect(graph.nodes.count == summary.expected.nodes.total)
        #expect(graph.edges.count == summary.expected.edges.total)
        #expect(graph.nodeCountsByName == summary.expected.nodes.byKind)
        #expect(graph.edgeCountsByName == summary.expected.edges.byKind)
        #expect(report.documents == documents)
        #expect(report.rejectedByCode == [.errorResponse: summary.written.errors], "\(report.rejections)")
        #expect(report.converted == documents - summary.written.errors)
        #expect(report.documents == report.converted + report.rejected)
        for rejection in report.rejections { #expect(rejection.reason.contains("error response")) }
        let gaps = report.warnings.filter { $0.message.contains("missing page") }
        #expect(gaps.count == summary.written.droppedPages, "\(report.warnings.map(\.message))")
        #expect(report.warnings.count == summary.written.droppedPages, "\(report.warnings.map(\.message))")
        let incomplete = graph.nodes.filter { $0.kind == .ipsec && $0.attributes.boolean(.complete) == false }
        #expect(incomplete.count == summary.written.droppedPages)
        for node in incomplete {
            let connection = String(node.id.dropFirst("ipsec:".count))
            #expect(gaps.contains { $0.message.contains(connection) }, "no warning names \(connection)")
        }
    }

    @Test("a directory with every variant, XML and a missing page, 3 snapshots: the expected graph")
    func outDirectory() throws {
        let scratch = try ScratchDirectory()
        let summary = try Self.generate(["--out-dir", scratch.path("archive"), "--snapshots", "3"])
        try #require(summary.written.errors > 0 && summary.written.xmlFiles > 0 && summary.written.droppedPages > 0)
        let result = convert([scratch.path("archive")], threads: 2)
        Self.expectMatches(result, summary, documents: summary.written.files)
        #expect(result.report.byShape.contains { $0.key.hasPrefix("XML") })
        #expect(result.report.byShape.contains { $0.key.contains("wrapped lists") })
        let routes = summary.expected.nodes.byKind["route"] ?? 0
        #expect(result.report.gatewayRouteRecords == routes * 3)
        #expect(result.report.supersededSnapshots == routes * 2)
        // The winner of each route is its last snapshot, `-s2`.
        for node in result.graph.nodes where node.kind == .route {
            let input = node.attributes.string(.input) ?? ""
            #expect(input.contains("-s2."), "\(node.id) from \(input)")
        }
    }

    @Test("gzip JSON Lines, 2 snapshots: the expected graph, error lines rejected by line")
    func gzipJSONLines() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("archive.jsonl.gz")
        let summary = try Self.generate(["--jsonl", path, "--gzip", "--snapshots", "2"])
        try #require(summary.written.errors > 0 && summary.written.droppedPages > 0)
        let result = convert([path])
        Self.expectMatches(result, summary, documents: summary.written.lines)
        for rejection in result.report.rejections {
            #expect(rejection.location.input == path)
            #expect(rejection.location.line != nil)
        }
        let routes = summary.expected.nodes.byKind["route"] ?? 0
        #expect(result.report.supersededSnapshots == routes)
    }

    @Test("one threads or two, files in order or reversed: equal graphs, byte-identical outputs and reports")
    func orderAndThreads() throws {
        let scratch = try ScratchDirectory()
        _ = try Self.generate(["--out-dir", scratch.path("archive"), "--snapshots", "3"])
        let files = InputDiscovery.expand([scratch.path("archive")]).files.map(\.path)
        try #require(files.count > 100)
        let runs = [
            ("forward-1", convert(files, threads: 1)),
            ("forward-2", convert(files, threads: 2)),
            ("reversed-1", convert(files.reversed(), threads: 1)),
            ("reversed-2", convert(files.reversed(), threads: 2)),
            ("directory-2", convert([scratch.path("archive")], threads: 2)),
        ]
        let reference = runs[0].1
        var outputs: [String: [String: Data]] = [:]
        for (name, result) in runs {
            #expect(result.graph == reference.graph, "\(name)")
            #expect(result.report.rejections == reference.report.rejections, "\(name)")
            #expect(result.report.warnings == reference.report.warnings, "\(name)")
            #expect(result.report.supersededSnapshots == reference.report.supersededSnapshots, "\(name)")
            let directory = scratch.path("out-" + name)
            let written = try GraphExport.write(result.graph, formats: OutputFormat.defaultFormats, to: directory)
            #expect(written.count == OutputFormat.defaultFormats.flatMap(\.fileNames).count)
            outputs[name] = try Dictionary(uniqueKeysWithValues: written.map {
                (URL(fileURLWithPath: $0).lastPathComponent, try Data(contentsOf: URL(fileURLWithPath: $0)))
            })
        }
        let expected = try #require(outputs["forward-1"])
        for (name, files) in outputs {
            for (file, bytes) in expected {
                #expect(files[file] == bytes, "\(name)/\(file) differs")
            }
        }
    }
}
