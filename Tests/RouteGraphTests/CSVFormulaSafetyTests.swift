import Foundation
import Testing
@testable import RouteGraph

/// `--excel-safe`: cells a spreadsheet would run as formulas are neutralised (OWASP, CSV Injection).
@Suite("CSV formula safety")
struct CSVFormulaSafetyTests {
    static let dangerous = ["=cmd|' /C calc'!A0", "+1+cmd", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]
    static let harmless = ["-5", "+3.5", "plain", "a=b", "订单服务"]

    @Test("every dangerous start gets a leading quote; numbers and ordinary text stay as written")
    func neutralising() {
        for text in Self.dangerous { #expect(CSVField.neutralisingFormula(text) == "'" + text, "\(text)") }
        for text in Self.harmless { #expect(CSVField.neutralisingFormula(text) == text, "\(text)") }
    }

    /// A graph whose route names are the test strings.
    static func graph() -> RouteGraph {
        var nodes: [Node] = []
        for (i, name) in (dangerous + harmless).enumerated() {
            var a = Attributes()
            a.set(.routeId, Int64(i))
            a.set(.name, name)
            nodes.append(Node(id: "route:gw:\(i)", kind: .route, attributes: a))
        }
        return RouteGraph(nodes: nodes, edges: [])
    }

    /// The `name` column of nodes.csv, read back with Python's csv module.
    static func names(_ settings: ExportSettings) throws -> [String] {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try GraphExport.write(graph(), formats: [.csv], to: directory.path, settings: settings)
        let read = try ExternalTool.python(
            """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                print(json.dumps([row["name"] for row in csv.DictReader(f)]))
            """, [directory.appendingPathComponent("nodes.csv").path])
        #expect(read.status == 0, "\(read.stderr)")
        return try JSONDecoder().decode([String].self, from: Data(read.stdout.utf8))
    }

    @Test("with --excel-safe the cells read back neutralised; without it, exactly as written")
    func throughTheWriter() throws {
        let expectedSafe = Set(Self.dangerous.map { "'" + $0 } + Self.harmless)
        let safe = try Self.names(ExportSettings(csvEncoding: CSVEncoding(excel: true, formulaSafe: true)))
        #expect(Set(safe) == expectedSafe)
        let plain = try Self.names(ExportSettings())
        #expect(Set(plain) == Set(Self.dangerous + Self.harmless))
    }
}
