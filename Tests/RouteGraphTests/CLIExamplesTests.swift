import Foundation
import Testing

/// The committed `Examples/output/` and `Examples/generated/output/` are what the code produces now:
/// scripts/render-examples.sh wrote them with the same relative arguments from the package root.
@Suite("CLI examples are current")
struct CLIExamplesTests {
    @Test("committed outputs equal a fresh conversion", arguments: [
        ("Examples/responses", "Examples/output"),
        (GeneratedExample.archive, "Examples/generated/output"),
    ])
    func committedOutputsAreCurrent(input: String, committed: String) throws {
        let scratch = try ScratchDirectory()
        let fresh = scratch.path("out")
        let result = try RouteGraphCLI.run(["convert", input, "--output", fresh, "--report", fresh + "/report.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let stale = "is stale: run scripts/render-examples.sh and commit the result"
        for name in CLITests.allOutputs {
            let now = try Data(contentsOf: URL(fileURLWithPath: fresh + "/" + name))
            let shipped = try Data(contentsOf: packageRoot.appendingPathComponent("\(committed)/\(name)"))
            #expect(now == shipped, "\(committed)/\(name) \(stale)")
        }
        // The report names the output files by the path given, so only `outputs` may differ.
        let now = try Self.reportWithoutOutputs(fresh + "/report.json")
        let shipped = try Self.reportWithoutOutputs(packageRoot.appendingPathComponent("\(committed)/report.json").path)
        #expect(now == shipped, "\(committed)/report.json \(stale)")
        let outputs = try ConversionReportFile.read(packageRoot.appendingPathComponent("\(committed)/report.json").path).outputs
        #expect(outputs.allSatisfy { $0.hasPrefix(committed + "/") }, "report paths are relative to the package root")

        // The SVG was rendered from this DOT: every node of the DOT is drawn, and nothing else.
        let dot = try String(contentsOf: packageRoot.appendingPathComponent("\(committed)/graph.dot"), encoding: .utf8)
        let svg = try String(contentsOf: packageRoot.appendingPathComponent("\(committed)/graph.svg"), encoding: .utf8)
        let dotNodes = Set(Self.matches(of: #"^\s*"([^"]+)" \["#, in: dot))
        let svgNodes = Set(Self.matches(of: #"<g id="node\d+" class="node">\s*<title>([^<]+)</title>"#, in: svg))
        #expect(dotNodes.count > 10)
        #expect(svgNodes == dotNodes, "\(committed)/graph.svg \(stale)")
    }

    static func reportWithoutOutputs(_ path: String) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        let dictionary = try #require((object as? NSDictionary)?.mutableCopy() as? NSMutableDictionary)
        #expect(dictionary["outputs"] != nil)
        dictionary.removeObject(forKey: "outputs")
        return dictionary
    }

    /// The first capture group of every match, `^` matching at line starts.
    static func matches(of pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
