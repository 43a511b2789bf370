import Foundation
import Testing
@testable import RouteGraph

/// JSON Lines that arrives without its name (standard input, an unusual file name) is streamed line
/// by line like a `.jsonl` file, never read whole.
@Suite("Streaming of unnamed JSON Lines")
struct StreamingInputTests {
    @Test("an archive larger than the document limit converts when each line fits: it was streamed")
    func largerThanTheLimit() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let route = try String(contentsOf: packageRoot.appendingPathComponent("Examples/shapes/archive.jsonl"), encoding: .utf8)
            .split(separator: "\n")[0]
        // 40 lines of one ~3 KB route each (~120 KB), under a 16 KB document limit.
        let text = Array(repeating: String(route), count: 40).joined(separator: "\n") + "\n"
        let path = try writeFile("archive.log", in: directory, text: text)
        let limits = InputLimits(maxDocumentBytes: 16 << 10)
        #expect(text.utf8.count > 4 * limits.maxDocumentBytes)

        let result = Conversion.run(inputs: [path], options: ConversionOptions(limits: limits))
        #expect(result.report.rejections.isEmpty, "\(result.report.rejections)")
        #expect(result.report.converted == 40)
        #expect(result.graph.nodes.count == 8)
        #expect(result.graph.node(id: "route:gw-7ea3da97b96543e19f6c597c****:1050")?.attributes[.input] == .string(path + ":40"))
    }

    @Test("a single document under an unusual name is still one document")
    func singleDocument() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = try String(contentsOf: packageRoot.appendingPathComponent("Examples/responses/mse-route.json"), encoding: .utf8)
        let path = try writeFile("saved.txt", in: directory, text: json)
        let result = Conversion.run(inputs: [path])
        #expect(result.report.converted == 1)
        #expect(result.graph.node(id: "route:gw-7ea3da97b96543e19f6c597c****:1050")?.attributes[.input] == .string(path))
    }
}
