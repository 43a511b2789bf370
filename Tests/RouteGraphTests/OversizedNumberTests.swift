import Foundation
import Testing

@testable import RouteGraph

/// Numbers that are valid JSON but do not fit 64 bits: read as the text they are, so that a
/// response is never called "not valid JSON" for them, and the field that holds one is named.
@Suite("Oversized numbers")
struct OversizedNumberTests {
    private func quoted(_ text: String) -> String? {
        Array(text.utf8).withUnsafeBytes { OversizedNumbers.quoted($0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("integers past 64 bits and doubles past the largest are quoted, digits unchanged")
    func quotesWhatDoesNotFit() {
        #expect(quoted(#"{"a": 18446744073709551616}"#) == #"{"a": "18446744073709551616"}"#)
        #expect(quoted(#"[-9223372036854775809,1]"#) == #"["-9223372036854775809",1]"#)
        #expect(quoted(#"{"x":1e400,"y":-2.5E+999}"#) == #"{"x":"1e400","y":"-2.5E+999"}"#)
        #expect(quoted("[123456789012345678901234567890]") == #"["123456789012345678901234567890"]"#)
    }

    @Test("what fits, what is malformed and what is inside strings is left alone")
    func leavesTheRest() {
        #expect(quoted(#"{"a": 18446744073709551615, "b": -9223372036854775808, "c": 1e308, "d": 1e-400}"#) == nil)
        #expect(quoted(#"{"99999999999999999999999": "123456789012345678901234567890"}"#) == nil)
        #expect(quoted(#"{"s": "a \" 99999999999999999999999 \\", "n": 1}"#) == nil)
        #expect(quoted("[01, 1., -, 1e, -01, 1.e5]") == nil)
    }

    @Test("a document with an oversized number parses, with the number as a string")
    func parsesAsText() throws {
        let parser = JSONParser()
        let tape = try parser.parse(#"{"Id": 123456789012345678901234567890, "N": 7}"#)
        #expect(tape.root["Id"]?.string == "123456789012345678901234567890")
        #expect(tape.root["N"]?.int64 == 7)
        // Malformed numbers stay malformed, whatever else the document holds.
        #expect(throws: DocumentError.self) { try parser.parse(#"{"N": 01}"#) }
        #expect(throws: DocumentError.self) { try parser.parse(#"{"N": 1e400, "M": 99999999999999999999999x}"#) }
    }

    private func seed(editing edit: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: ExampleFiles.mseSeed))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var body = try #require(json["Data"] as? [String: Any])
        edit(&body)
        json["Data"] = body
        let text = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        return text.replacingOccurrences(of: #""__BIG__""#, with: "123456789012345678901234567890")
    }

    @Test("a route id past 64 bits is rejected for what it is, not as invalid JSON")
    func routeIdNamed() throws {
        let scratch = try ScratchDirectory()
        let path = try writeFile("big-id.json", in: scratch.url, text: try seed { $0["Id"] = "__BIG__" })
        let result = convert([path])
        let rejection = try #require(result.report.rejections.first)
        #expect(rejection.code != .invalidJSON)
        #expect(rejection.reason == #"Data.Id is "123456789012345678901234567890", not a 64-bit integer"#)
    }

    @Test("a RouteOrder past 64 bits is left out with a warning, read directly or as a pending snapshot",
          arguments: [1, 3])
    func routeOrderWarned(snapshots: Int) throws {
        let scratch = try ScratchDirectory()
        var lines: [String] = []
        for day in 1...snapshots {
            lines.append(try seed {
                $0["RouteOrder"] = "__BIG__"
                $0["GmtModified"] = "2022-01-0\(day)T10:07:57.000+0000"
            })
        }
        let path = try writeFile("big-order.jsonl", in: scratch.url, text: lines.joined(separator: "\n") + "\n")
        let result = convert([path])
        #expect(result.report.rejections.isEmpty)
        #expect(result.report.converted == snapshots)
        let route = try #require(result.graph.nodes.first { $0.kind == .route })
        #expect(route.attributes[.routeOrder] == nil)
        #expect(route.attributes.string(.input) == "\(path):\(snapshots)")
        let warned = result.report.warnings.filter { $0.message.contains("RouteOrder") }
        #expect(warned.count == snapshots)
        #expect(warned.first?.message == #"Data.RouteOrder "123456789012345678901234567890" is not a 64-bit integer; left out"#)
    }
}
