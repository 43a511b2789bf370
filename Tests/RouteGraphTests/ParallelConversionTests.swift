import Foundation
import Testing
@testable import RouteGraph

/// One large JSON Lines archive read on one thread and on several, chunk by chunk: the outputs and
/// the report must be the same bytes, and every line number exact.
@Suite(.serialized)
struct ParallelConversionTests {
    static let generator = URL(fileURLWithPath: GeneratedArchive.generator)

    /// A generated archive several chunks long (`InputLimits.chunkBytes`), with error responses
    /// mixed in, and what the generator says the graph must be.
    static func archive(in directory: URL, gzip: Bool = false) throws -> (path: String, expected: [String: Any]) {
        try #require(FileManager.default.fileExists(atPath: generator.path), "gen-archive.py is expected at \(generator.path)")
        let path = directory.appendingPathComponent(gzip ? "archive.jsonl.gz" : "archive.jsonl").path
        var arguments = ["python3", generator.path, "--seed", "11", "--jsonl", path, "--bytes", "7e6", "--snapshots", "10"]
        if gzip { arguments.append("--gzip") }
        let result = try ExternalTool.run(arguments)
        try #require(result.status == 0, "gen-archive.py failed: \(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        return (path, try #require(summary?["expected"] as? [String: Any]))
    }

    static func convert(_ path: String, threads: Int, limits: InputLimits = InputLimits(), into directory: URL) throws
        -> (files: [String: Data], report: String, result: ConversionResult)
    {
        let result = Conversion.run(inputs: [path], options: ConversionOptions(limits: limits, threads: threads))
        let outputs = try GraphExport.write(result.graph, formats: OutputFormat.defaultFormats, to: directory.path, threads: threads)
        var files: [String: Data] = [:]
        for output in outputs { files[(output as NSString).lastPathComponent] = try Data(contentsOf: URL(fileURLWithPath: output)) }
        return (files, result.report.json(graph: result.graph, outputs: []), result)
    }

    @Test func oneArchiveIsReadByEveryThread() {
        let archive = [InputFile(path: "archive.jsonl.gz")]
        #expect(Conversion.workerCount(files: archive, threads: 2) == 2)
        #expect(Conversion.workerCount(files: archive, threads: 4) == 4)
        // Whole files are one thread's work each, so more threads than files would idle.
        let files = [InputFile(path: "a.json"), InputFile(path: "b.xml")]
        #expect(Conversion.workerCount(files: files, threads: 4) == 2)
        #expect(Conversion.workerCount(files: files + archive, threads: 4) == 4)
        #expect(Conversion.workerCount(files: [], threads: 4) == 1)
    }

    @Test func oneThreadAndTwoWriteTheSameBytes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (path, expected) = try Self.archive(in: directory)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 3 * InputLimits.defaultChunkBytes, "the archive must span several chunks to test their seams")

        let one = try Self.convert(path, threads: 1, into: directory.appendingPathComponent("one"))
        let two = try Self.convert(path, threads: 2, into: directory.appendingPathComponent("two"))
        let four = try Self.convert(path, threads: 4, into: directory.appendingPathComponent("four"))
        // Chunks of 4 KB, shorter than many lines, as small runs read with chunks of their own size
        // (`SmallRun`): thousands of seams, and buffers that grow to fit a line.
        let small = try Self.convert(path, threads: 2, limits: InputLimits(chunkBytes: 4096), into: directory.appendingPathComponent("small"))
        #expect(one.files.keys.sorted() == OutputFormat.defaultFormats.flatMap(\.fileNames).sorted())
        for (name, bytes) in one.files {
            #expect(two.files[name] == bytes, "\(name) differs between 1 and 2 threads")
            #expect(four.files[name] == bytes, "\(name) differs between 1 and 4 threads")
            #expect(small.files[name] == bytes, "\(name) differs between 2 MB and 4 KB chunks")
        }
        #expect(one.report == two.report)
        #expect(one.report == four.report)
        #expect(one.report == small.report)

        // The graph is the one the generator describes: every record read, the latest snapshot kept.
        let nodes = try #require(expected["nodes"] as? [String: Any])
        let edges = try #require(expected["edges"] as? [String: Any])
        #expect(two.result.graph.nodes.count == nodes["total"] as? Int)
        #expect(two.result.graph.edges.count == edges["total"] as? Int)
    }

    @Test func lineNumbersAreExactAcrossChunks() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (path, _) = try Self.archive(in: directory)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let result = Conversion.run(inputs: [path], options: ConversionOptions(threads: 2))

        // Every rejected line is an error response (neither route data nor route entries), and
        // every error response was rejected there.
        let rejected = Set(result.report.rejections.compactMap(\.location.line))
        let errorLines = Set(lines.indices.filter {
            !lines[$0].isEmpty && !lines[$0].contains("\"Data\":{") && !lines[$0].contains("\"VcoRouteEntries\"")
        }.map { $0 + 1 })
        #expect(!errorLines.isEmpty)
        #expect(rejected == errorLines)

        // The provenance of every route node names the line it was read from.
        var checked = 0
        for node in result.graph.nodes where node.kind == .route {
            guard case .string(let input)? = node.attributes[.input],
                  let colon = input.lastIndex(of: ":"), let line = Int(input[input.index(after: colon)...]) else {
                Issue.record("route \(node.id) has no input line")
                continue
            }
            let routeId = node.id.split(separator: ":").last.map(String.init) ?? ""
            #expect(lines[line - 1].contains("\"Id\":\"\(routeId)\"") || lines[line - 1].contains("\"Id\":\(routeId)"),
                    "line \(line) does not hold route \(node.id)")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func gzipArchiveGivesTheSameGraphAsPlain() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try Self.archive(in: directory)
        let zipped = try Self.archive(in: directory, gzip: true)
        let a = Conversion.run(inputs: [plain.path], options: ConversionOptions(threads: 2))
        let b = Conversion.run(inputs: [zipped.path], options: ConversionOptions(threads: 2))
        #expect(a.graph.withoutProvenance == b.graph.withoutProvenance)
        #expect(a.report.rejections.map(\.location.line) == b.report.rejections.map(\.location.line))
    }
}
