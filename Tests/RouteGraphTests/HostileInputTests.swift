import Foundation
import Testing
@testable import RouteGraph

/// Inputs made to exhaust or mislead a converter: each is refused with a reason, without a crash,
/// a stack overflow or unbounded memory, and everything valid beside it is still converted.
/// Limits and the options that raise them: docs/reliability.md.
@Suite("Hostile input")
struct HostileInputTests {
    private static let examples = packageRoot.appendingPathComponent("Examples")
    private static let routeJSON = try! String(contentsOf: examples.appendingPathComponent("responses/mse-route.json"), encoding: .utf8)
    private static let archiveLines = try! String(contentsOf: examples.appendingPathComponent("shapes/archive.jsonl"), encoding: .utf8)
        .split(separator: "\n").map(String.init)

    private func convert(_ paths: [String], limits: InputLimits = InputLimits()) -> ConversionResult {
        Conversion.run(inputs: paths, options: ConversionOptions(limits: limits, threads: 1))
    }

    private func write(_ bytes: [UInt8], _ name: String, in scratch: borrowing ScratchDirectory) throws -> String {
        let path = scratch.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The seed route response with `Data.<field>` written as `value` (raw JSON text).
    private func route(_ field: String, _ value: String) -> String {
        var text = Self.routeJSON
        let range = try! #require(text.range(of: #""\#(field)": [^,\n]+"#, options: .regularExpression))
        text.replaceSubrange(range, with: #""\#(field)": \#(value)"#)
        return text
    }

    // MARK: Nesting

    @Test func jsonNestedAHundredThousandLevelsIsTooDeep() throws {
        let scratch = try ScratchDirectory()
        let deep = Array(String(repeating: "[", count: 100_000).utf8) + Array(String(repeating: "]", count: 100_000).utf8)
        let path = try write(deep, "deep.json", in: scratch)
        let result = convert([path])
        #expect(result.report.rejections.map(\.code) == [.tooDeep])
        let reason = try #require(result.report.rejections.first?.reason)
        #expect(reason.contains("512") && reason.contains("--max-depth"))

        // Raised, the same document parses (and is then no response of a known API).
        let raised = convert([path], limits: InputLimits(maxDepth: 100_001))
        #expect(raised.report.rejections.map(\.code) == [.unknownAPI])
    }

    @Test func xmlNestedAHundredThousandLevelsIsTooDeep() throws {
        let scratch = try ScratchDirectory()
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        let path = try write(Array(deep.utf8), "deep.xml", in: scratch)
        let result = convert([path])
        #expect(result.report.rejections.map(\.code) == [.tooDeep])
        #expect(result.report.rejections.first?.reason.contains("--max-depth") == true)
    }

    // MARK: Size

    /// A 100 MB string inside a response: read within the default limit (256 MiB), refused as
    /// too large under a smaller one, and the record beside it is read either way when allowed.
    @Test func hundredMegabyteStringWithinAndOverTheLimit() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("big.json")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try file.write(contentsOf: Data(#"{"Padding": ""#.utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { try file.write(contentsOf: block) }
        try file.write(contentsOf: Data(("\", " + Self.routeJSON.drop { $0 != "\"" }).utf8))
        try file.close()

        let within = convert([path])
        #expect(within.report.rejections.isEmpty)
        #expect(within.report.converted == 1)
        #expect(within.graph.node(id: "route:gw-7ea3da97b96543e19f6c597c****:1050") != nil)

        let over = convert([path], limits: InputLimits(maxDocumentBytes: 50 << 20))
        #expect(over.report.rejections.map(\.code) == [.tooLarge])
        #expect(over.report.rejections.first?.reason.contains("--max-document-size") == true)
        #expect(over.report.converted == 0)
    }

    /// A JSON Lines line that never ends (no newline, longer than the limit): refused with its
    /// path:line, the lines before it still converted, memory held to the limit.
    @Test func jsonLinesLineWithoutEnd() throws {
        let scratch = try ScratchDirectory()
        var bytes = Array((Self.archiveLines[0] + "\n" + Self.archiveLines[1] + "\n").utf8)
        bytes += Array(#"{"Data": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: 3 << 20)
        let path = try write(bytes, "endless.jsonl", in: scratch)
        let result = convert([path], limits: InputLimits(maxDocumentBytes: 1 << 20))
        #expect(result.report.documents == 3)
        #expect(result.report.converted == 2)
        let rejection = try #require(result.report.rejections.first)
        #expect(rejection.location == InputLocation(input: path, line: 3))
        #expect(rejection.location.description == "\(path):3")
        #expect(rejection.code == .tooLarge)
    }

    // MARK: Encoding

    @Test func invalidUTF8IsRejectedWithAReason() throws {
        let scratch = try ScratchDirectory()
        let json = try write(Array(#"{"RequestId": "a"#.utf8) + [0xFF, 0xFE, 0xC3] + Array(#"", "Data": {}}"#.utf8), "bad.json", in: scratch)
        let line = try write(Array((Self.archiveLines[0] + "\n").utf8) + [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D, 0x0A], "bad.jsonl", in: scratch)
        let xml = try write(Array("<R><Name>".utf8) + [0xFF, 0xFE] + Array("</Name></R>".utf8), "bad.xml", in: scratch)
        let result = convert([json, line, xml])
        let byLocation = Dictionary(uniqueKeysWithValues: result.report.rejections.map { ($0.location.description, $0) })
        #expect(result.report.rejections.count == 3)
        #expect(byLocation[json]?.code == .invalidJSON)
        #expect(byLocation[json]?.reason.contains("UTF-8") == true)
        #expect(byLocation["\(line):2"]?.code == .invalidJSON)
        #expect(byLocation[xml]?.code == .invalidXML)
        #expect(result.report.converted == 1)
    }

    // MARK: Numbers

    /// An id that is no 64-bit integer never becomes some other number: the record is refused (the
    /// route id) or the field left out with a warning (the others).
    @Test(arguments: ["1e400", "99999999999999999999", "-9223372036854775809", "1e19", "1050.5", "\"99999999999999999999\"", "\"1050x\""])
    func routeIdOutOfRangeRejectsTheRecord(_ value: String) throws {
        let scratch = try ScratchDirectory()
        let path = try write(Array(route("Id", value).utf8), "route.json", in: scratch)
        let result = convert([path])
        #expect(result.report.converted == 0)
        let code = try #require(result.report.rejections.first?.code)
        // Valid JSON all of them, so the reason is the field's, never "not valid JSON".
        #expect(code == .incomplete)
        #expect(result.graph.nodes.isEmpty)
    }

    @Test(arguments: ["GatewayId", "DefaultServiceId"])
    func otherIdsOutOfRangeAreLeftOutWithAWarning(_ field: String) throws {
        let scratch = try ScratchDirectory()
        let path = try write(Array(route(field, "\"99999999999999999999\"").utf8), "route.json", in: scratch)
        let result = convert([path])
        #expect(result.report.converted == 1)
        #expect(result.report.warnings.contains { $0.message.contains(field) && $0.message.contains("left out") })
        let reference = convert([Self.examples.appendingPathComponent("responses/mse-route.json").path])
        // Every node id the hostile value could have produced is one the clean response has too.
        #expect(Set(result.graph.nodes.map(\.id)).isSubset(of: Set(reference.graph.nodes.map(\.id))))
        for node in result.graph.nodes {
            for (_, value) in node.attributes.all { #expect(!value.text.contains("99999999999999999999")) }
        }
        if field == "DefaultServiceId" {
            #expect(!result.graph.edges.contains { $0.kind == .defaultsTo })
        } else {
            #expect(result.graph.nodes.first { $0.kind == .gateway }?.attributes[.gatewayId] == nil)
        }
    }

    @Test func serviceIdOutOfRangeLeavesTheServiceOutWithAWarning() throws {
        let scratch = try ScratchDirectory()
        let text = Self.routeJSON.replacingOccurrences(of: #""ServiceId": 782"#, with: #""ServiceId": "99999999999999999999""#)
        #expect(text != Self.routeJSON)
        let path = try write(Array(text.utf8), "route.json", in: scratch)
        let result = convert([path])
        #expect(result.report.converted == 1)
        #expect(result.report.warnings.contains { $0.message.contains("ServiceId") })
        #expect(result.graph.node(id: "service:gw-7ea3da97b96543e19f6c597c****:782") == nil)
        #expect(!result.graph.nodes.contains { $0.id.contains("9999999999") })
    }

    // MARK: XML safety, end to end

    @Test func billionLaughsIsUnsafeXML() throws {
        let scratch = try ScratchDirectory()
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        xml += "]>\n<GetGatewayRouteDetailResponse><Data><Name>&lol9;</Name></Data></GetGatewayRouteDetailResponse>\n"
        let path = try write(Array(xml.utf8), "lolz.xml", in: scratch)
        let result = convert([path])
        #expect(result.report.rejections.map(\.code) == [.unsafeXML])
        #expect(result.report.rejections.first?.reason.contains("entities") == true)
    }

    @Test func externalEntityIsUnsafeXMLAndNothingIsRead() throws {
        let scratch = try ScratchDirectory()
        let secret = try write(Array("TOP-SECRET-CONTENT".utf8), "secret.txt", in: scratch)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY xxe SYSTEM "file://\(secret)">]>
            <GetGatewayRouteDetailResponse><Data><Id>1</Id><GatewayUniqueId>gw</GatewayUniqueId><Name>&xxe;</Name></Data></GetGatewayRouteDetailResponse>
            """
        let path = try write(Array(xml.utf8), "xxe.xml", in: scratch)
        let result = convert([path])
        #expect(result.report.rejections.map(\.code) == [.unsafeXML])
        #expect(result.graph.nodes.isEmpty)
    }

    /// XInclude is another way to make a parser read a file; it is never switched on.
    @Test func xincludeIsNotFollowed() throws {
        let scratch = try ScratchDirectory()
        let secret = try write(Array("TOP-SECRET-CONTENT".utf8), "secret.txt", in: scratch)
        let xml = """
            <GetGatewayRouteDetailResponse xmlns:xi="http://www.w3.org/2001/XInclude"><Data><Id>1</Id>\
            <GatewayUniqueId>gw</GatewayUniqueId><Name><xi:include href="file://\(secret)" parse="text"/></Name></Data></GetGatewayRouteDetailResponse>
            """
        let path = try write(Array(xml.utf8), "xinclude.xml", in: scratch)
        let result = convert([path])
        for node in result.graph.nodes {
            for (_, value) in node.attributes.all { #expect(!value.text.contains("TOP-SECRET")) }
        }
    }
}

/// libxml2 reports some errors (encodings) to a global handler that prints to stderr; routegraph
/// must turn them into a rejection reason and print nothing of libxml2's own.
@Suite("libxml2 stays quiet")
struct LibXML2QuietTests {
    @Test("an XML document in a bad encoding is rejected with a reason; stderr has no libxml2 chatter")
    func encodingErrorsAreNotPrinted() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("bad-encoding.xml")
        var bytes = Array(#"<?xml version="1.0" encoding="UTF-32"?><a>"#.utf8)
        bytes += [0, 0, 0, 0] + Array("</a>".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try RouteGraphCLI.run(["inspect", path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("invalid-xml"))
        #expect(!result.stderr.contains("encoding error"), "\(result.stderr)")
        #expect(!result.stderr.contains("I/O error"), "\(result.stderr)")
    }
}
