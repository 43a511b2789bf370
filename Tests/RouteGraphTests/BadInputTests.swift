import Foundation
import Testing

@testable import RouteGraph

/// SHAPES.md §8: documents that are not responses are named in the report with a reason and
/// skipped, while everything else in the same run is converted.
@Suite("Bad input")
struct BadInputTests {
    /// Each file of Examples/bad/, the code it must be rejected with, and words its reason must
    /// contain to say what is wrong (Examples/bad/README.md).
    static let expectations: [String: (code: RejectionCode, words: [String])] = [
        "empty.json": (.empty, ["empty"]),
        "error-mse.json": (.errorResponse, ["error response", "NotFound", "Not found:route 1050"]),
        "error-vpn.json": (.errorResponse, ["error response", "InvalidVpnConnectionInstanceId.NotFound"]),
        "error.xml": (.errorResponse, ["error response", "Forbidden"]),
        "html-error.json": (.htmlPage, ["HTML"]),
        "truncated.json": (.invalidJSON, ["not valid JSON", "cut short", "3 objects and 1 array"]),
        "other-api.json": (.unknownAPI, ["neither", "GetGatewayRouteDetail", "DescribeVcoRouteEntries", "Vpcs"]),
    ]

    static let goodInputs = [
        ExampleFiles.mseSeed, ExampleFiles.vpnSeed, ExampleFiles.path("shapes/vpn-pager.json"),
        ExampleFiles.path("shapes/mse.xml"),
    ]

    static func badPath(_ name: String) -> String { ExampleFiles.path("bad/" + name) }

    @Test("every file of Examples/bad has an expectation here")
    func everyBadFileCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ExampleFiles.path("bad")).filter { $0 != "README.md" }
        #expect(files.sorted() == Self.expectations.keys.sorted())
    }

    @Test("bad and good inputs in one run: each bad one rejected with its code and reason, every good one converted",
          arguments: [1, 2])
    func mixedBatch(threads: Int) throws {
        let bad = Self.expectations.keys.sorted().map(Self.badPath)
        // Interleaved, so no bad input can spoil the ones after it.
        var inputs: [String] = []
        for i in 0..<max(bad.count, Self.goodInputs.count) {
            if i < bad.count { inputs.append(bad[i]) }
            if i < Self.goodInputs.count { inputs.append(Self.goodInputs[i]) }
        }
        let result = convert(inputs, threads: threads)
        let report = result.report
        #expect(report.rejected == bad.count)
        #expect(report.converted == Self.goodInputs.count)
        #expect(report.documents == report.converted + report.rejected)
        for (name, expected) in Self.expectations {
            let matching = report.rejections.filter { $0.location.input == Self.badPath(name) }
            try #require(matching.count == 1, "\(name) should be rejected once: \(report.rejections)")
            let rejection = matching[0]
            #expect(rejection.code == expected.code, "\(name): \(rejection.reason)")
            #expect(rejection.location.line == nil)
            for word in expected.words {
                #expect(rejection.reason.contains(word), "\(name): reason \"\(rejection.reason)\" should name \(word)")
            }
        }
        #expect(report.rejectedByCode == [.empty: 1, .errorResponse: 3, .unknownAPI: 1, .htmlPage: 1, .invalidJSON: 1])
        // The good inputs make exactly the graph they make alone: the bad ones add nothing.
        #expect(result.graph == convert(Self.goodInputs).graph)
        #expect(report.byAPI == ["GetGatewayRouteDetail": 2, "DescribeVcoRouteEntries": 2])
    }

    @Test("the bad examples alone: nothing converted, no node, every one reported")
    func onlyBad() {
        let result = convert([ExampleFiles.path("bad")])
        #expect(result.graph.nodes.isEmpty)
        #expect(result.graph.edges.isEmpty)
        #expect(result.report.converted == 0)
        #expect(result.report.rejected == Self.expectations.count)
        #expect(result.report.documents == result.report.rejected)
    }

    @Test("JSON Lines with bad lines: each reported as path and line, the other lines converted")
    func jsonLinesBadLine() throws {
        let scratch = try ScratchDirectory()
        let mse = try compactLine(ExampleFiles.mseSeed)
        let vpn = try compactLine(ExampleFiles.vpnSeed)
        let lines = [
            mse,  // 1
            #"{"RequestId": "X", "Data": {"Id": 1050, "#,  // 2: cut short
            "",  // 3: blank lines are not documents
            vpn,  // 4
            #"{"Code":"Forbidden","Message":"User not authorized","RequestId":"Y"}"#,  // 5
            "<html><body>502 Bad Gateway</body></html>",  // 6
            #"{"Vpcs": {"Vpc": []}, "TotalCount": 0}"#,  // 7
            "[]",  // 8
        ]
        let path = try writeFile("mixed.jsonl", in: scratch.url, text: lines.joined(separator: "\n") + "\n")
        let result = convert([path])
        let got = result.report.rejections.map { "\($0.location) \($0.code.rawValue)" }
        #expect(got == [
            "\(path):2 invalid-json", "\(path):5 error-response", "\(path):6 html-page", "\(path):7 unknown-api",
            "\(path):8 unknown-api",
        ])
        #expect(result.report.converted == 2)
        #expect(result.report.documents == 7)
        let route = try #require(result.graph.nodes.first { $0.kind == .route })
        #expect(route.attributes.string(.input) == "\(path):1")
        let routes = try #require(result.graph.edges(ofKind: .routes).first)
        #expect(routes.attributes.string(.input) == "\(path):4")
        let seeds = convert([ExampleFiles.mseSeed, ExampleFiles.vpnSeed]).graph.withoutProvenance
        #expect(result.graph.withoutProvenance == seeds)
    }

    @Test("a path that does not exist is reported, not fatal")
    func missingPath() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/route.json"
        let result = convert([missing, ExampleFiles.mseSeed])
        let rejection = try #require(result.report.rejections.first)
        #expect(result.report.rejections.count == 1)
        #expect(rejection.location.input == missing)
        #expect(rejection.code == .unreadable)
        #expect(rejection.reason.contains("does not exist"))
        #expect(result.report.converted == 1)
        #expect(result.report.documents == 2)
        #expect(result.graph.nodeCounts[.route] == 1)
        // inspect too reports it and goes on.
        let outcomes = Inspection.run(inputs: [missing, ExampleFiles.vpnSeed])
        #expect(outcomes.count == 2)
        #expect(outcomes.contains { $0.location.input == missing && $0.rejection?.code == .unreadable })
        #expect(outcomes.contains { $0.api == .vpnRoutes && $0.records == 1 })
    }

    @Test("error responses never become nodes, even when they carry data-like fields")
    func errorsAreNotNodes() throws {
        let scratch = try ScratchDirectory()
        let seed = try String(contentsOfFile: ExampleFiles.mseSeed, encoding: .utf8)
        // Success false with a whole route under Data: still an error.
        let failed = seed.replacingOccurrences(of: "\"Success\": true", with: "\"Success\": false")
        #expect(failed != seed)
        let paths = [
            try writeFile("failed.json", in: scratch.url, text: failed),
            try writeFile("envelope-error.json", in: scratch.url,
                          text: #"{"headers": {}, "statusCode": 403, "body": {"Code": "Forbidden.RAM", "Message": "no", "RequestId": "Z"}}"#),
            try writeFile("strbool.json", in: scratch.url,
                          text: #"{"Success": "false", "Code": "500", "Message": "Console error", "ErrorCode": "InternalError"}"#),
            Self.badPath("error-mse.json"), Self.badPath("error-vpn.json"), Self.badPath("error.xml"),
        ]
        let result = convert(paths)
        #expect(result.graph.nodes.isEmpty, "\(result.graph.nodes.map(\.id))")
        #expect(result.report.rejectedByCode == [.errorResponse: paths.count])
        #expect(result.report.converted == 0)
        let inspected = Inspection.run(inputs: paths)
        #expect(inspected.allSatisfy { $0.rejection?.code == .errorResponse && $0.records == 0 })
    }

    @Test("inspect names each bad example with the same code as convert")
    func inspectAgrees() {
        let outcomes = Inspection.run(inputs: Self.expectations.keys.sorted().map(Self.badPath))
        #expect(outcomes.count == Self.expectations.count)
        for outcome in outcomes {
            let name = URL(fileURLWithPath: outcome.location.input).lastPathComponent
            #expect(outcome.rejection?.code == Self.expectations[name]?.code, "\(name)")
            #expect(outcome.api == nil)
        }
    }

    /// Threads share out the files; the listing must still be in input order and the same on any
    /// number of threads.
    @Test func inspectListsTheSameOnOneAndFourThreads() {
        let inputs = [ExampleFiles.path("bad"), ExampleFiles.path("shapes"), ExampleFiles.path("responses")]
        func listing(_ threads: Int) -> [String] {
            Inspection.run(inputs: inputs, options: ConversionOptions(threads: threads)).map {
                "\($0.location)|\($0.api?.action ?? "-")|\($0.shape ?? "-")|\($0.records)|\($0.rejection?.code.rawValue ?? "-")|\($0.warnings.count)"
            }
        }
        let one = listing(1)
        #expect(one.count > 30, "too few documents to tell: \(one.count)")
        #expect(one.contains { $0.hasSuffix("|html-page|0") })
        #expect(listing(4) == one)
        // Input order: the files of each directory sorted, directories as given.
        let files = one.map { String($0.split(separator: "|")[0].split(separator: ":")[0]) }
        #expect(files.firstIndex { $0.contains("/shapes/") }! > files.lastIndex { $0.contains("/bad/") }!)
    }

    /// A pretty-printed response on one line: JSON strings cannot hold raw line breaks, so
    /// removing them all keeps the document.
    private func compactLine(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
    }
}
