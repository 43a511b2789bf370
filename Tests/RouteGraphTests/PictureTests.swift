import Foundation
import Testing

@testable import RouteGraph

@Suite("Pictures: svg and png through Graphviz")
struct PictureTests {
    static let hasDot = ExternalTool.available("dot")
    /// The CLI as `swift build` leaves it, for runs with another PATH.
    static let cli = (try? RouteGraphCLI.executable().path) ?? ""
    static let hasCLI = FileManager.default.isExecutableFile(atPath: cli)

    /// A directory in `scratch` holding a `dot` that prints `message` on stderr and exits 3, to put
    /// first on PATH.
    static func failingDot(in scratch: borrowing ScratchDirectory, saying message: String) throws -> String {
        let bin = scratch.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho '\(message)' >&2\nexit 3\n".write(toFile: bin + "/dot", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/dot")
        return bin
    }

    @Test("svg: an SVG document holding every node's label; no temporary file left", .enabled(if: hasDot))
    func svg() throws {
        let scratch = try ScratchDirectory()
        let graph = SampleGraphs.everyKind(hostile: false)
        let written = try GraphExport.write(graph, formats: [.svg], to: scratch.url.path)
        #expect(written == [scratch.path("graph.svg")])
        #expect(try scratch.contents() == ["graph.svg"])
        let program = #"""
            import json, sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
            print(json.dumps({"root": root.tag, "texts": texts}, ensure_ascii=True))
            """#
        struct SVG: Decodable {
            var root: String
            var texts: [String]
        }
        let svg = try ExternalTool.pythonJSON(SVG.self, program, [scratch.path("graph.svg")])
        #expect(svg.root == "{http://www.w3.org/2000/svg}svg")
        for node in graph.nodes { #expect(svg.texts.contains(node.label), "\(node.label)") }
    }

    @Test("png: a PNG image", .enabled(if: hasDot))
    func png() throws {
        let scratch = try ScratchDirectory()
        _ = try GraphExport.write(SampleGraphs.everyKind(), formats: [.png], to: scratch.url.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path("graph.png")))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(try scratch.contents() == ["graph.png"])
    }

    @Test("svg and png are not written unless asked for")
    func notByDefault() {
        #expect(!OutputFormat.defaultFormats.contains { $0.needsGraphviz })
        #expect(OutputFormat.svg.needsGraphviz && OutputFormat.png.needsGraphviz)
    }

    @Test("without dot on PATH: nothing is written, and the message names the Debian package graphviz")
    func missingDot() throws {
        #expect(!GraphvizRenderer.isAvailable(searchPath: "/nonexistent"))
        #expect(GraphvizRenderer.missingAdvice.contains("apt-get install graphviz"))
        try #require(Self.hasCLI, "build the CLI first (swift build)")
        let scratch = try ScratchDirectory()
        let out = scratch.path("out")
        let examples = packageRoot.appendingPathComponent("Examples/responses").path
        let result = try ExternalTool.run(
            ["PATH=/nonexistent", Self.cli, "convert", examples, "--output", out, "--format", "csv,svg", "-q"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("apt-get install graphviz"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a dot that fails: its message is shown and the previous picture stays, with no temporary file")
    func failingDot() throws {
        try #require(Self.hasCLI, "build the CLI first (swift build)")
        let scratch = try ScratchDirectory()
        let bin = try Self.failingDot(in: scratch, saying: "syntax error in line 1")
        let out = scratch.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "previous".write(toFile: out + "/graph.svg", atomically: true, encoding: .utf8)
        let examples = packageRoot.appendingPathComponent("Examples/responses").path
        let result = try ExternalTool.run(
            ["PATH=\(bin):/usr/bin:/bin", Self.cli, "convert", examples, "--output", out, "--format", "svg", "-q"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("dot exited with status 3: syntax error in line 1"), "\(result.stderr)")
        #expect(try String(contentsOfFile: out + "/graph.svg", encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["graph.svg"])
    }

    @Test("diff with a dot that fails: the diff is still written and exits as a diff, with dot's message and no diff.svg")
    func diffWithFailingDot() throws {
        try #require(Self.hasCLI, "build the CLI first (swift build)")
        let scratch = try ScratchDirectory()
        let bin = try Self.failingDot(in: scratch, saying: "layout failed")
        let out = scratch.path("out")
        let old = packageRoot.appendingPathComponent("Examples/responses").path
        let new = packageRoot.appendingPathComponent("Examples/shapes").path
        let result = try ExternalTool.run(
            ["PATH=\(bin):/usr/bin:/bin", Self.cli, "diff", old, "--against", new, "--output", out])
        #expect(result.status == 1, "the inputs differ: \(result.stderr)")
        #expect(result.stderr.contains("note: no diff.svg:"), "\(result.stderr)")
        #expect(result.stderr.contains("dot exited with status 3: layout failed"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["changes.csv", "diff.dot", "diff.graphml"])
    }

    @Test("an output directory whose name starts with - still gets its pictures (dot is not handed an option)", .enabled(if: hasDot))
    func dashedOutputDirectory() throws {
        let scratch = try ScratchDirectory()
        let examples = packageRoot.appendingPathComponent("Examples/responses").path
        let converted = try RouteGraphCLI.run(["convert", examples, "--output=-pictures", "--format", "svg", "-q"], in: scratch.url)
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("-pictures")) == ["graph.svg"])
        let new = packageRoot.appendingPathComponent("Examples/shapes").path
        let diffed = try RouteGraphCLI.run(["diff", examples, "--against", new, "--output=-diff", "-q"], in: scratch.url)
        #expect(diffed.status == 1, "\(diffed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("-diff")).sorted()
            == ["changes.csv", "diff.dot", "diff.graphml", "diff.svg"])
    }
}
