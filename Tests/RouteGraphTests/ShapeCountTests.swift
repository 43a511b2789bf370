import Testing

@testable import RouteGraph

/// The report counts converted documents by API and by shape name (`byApi`, `byShape`): each
/// document in the shape its own body has, whichever documents came before it.
@Suite("Shape counts")
struct ShapeCountTests {
    @Test("every shipped shape example is counted under its shape's name")
    func shippedShapes() {
        let report = convert([ExampleFiles.path("shapes")], threads: 2).report
        #expect(report.byAPI == ["GetGatewayRouteDetail": 14, "DescribeVcoRouteEntries": 15])
        #expect(
            report.byShape == [
                "JSON": 10,
                "JSON Lines": 4,
                "JSON Lines, wrapped lists": 2,
                "JSON, SDK envelope": 2,
                "JSON, camelCase keys": 2,
                "JSON, legacy Services string": 2,
                "JSON, wrapped lists": 3,
                "XML": 4,
            ])
    }

    /// A route snapshot line, its services as a flat list, wrapped in an object, or the legacy string.
    static func route(_ id: Int, services: String) -> String {
        let list =
            switch services {
            case "wrapped": #""RouteServices":{"RouteService":[{"ServiceId":7,"ServiceName":"s"}]}"#
            case "legacy": #""Services":"[{\"ServiceId\":7,\"ServiceName\":\"s\"}]""#
            default: #""RouteServices":[{"ServiceId":7,"ServiceName":"s"}]"#
            }
        return #"{"Data":{"Id":\#(id),"GatewayUniqueId":"gw-1","GmtModified":"2024-01-0\#(id) 00:00:00",\#(list)}}"#
    }

    /// A line that ends a run of snapshots makes the reader read the run's last snapshot again
    /// before it counts the line: the line must still be counted in its own shape.
    @Test("a line that ends a run of another route's snapshots is counted in its own shape",
          arguments: [("wrapped", "flat"), ("flat", "wrapped"), ("legacy", "flat"), ("flat", "legacy")])
    func runEndingLine(shapes: (run: String, next: String)) {
        let lines = [Self.route(1, services: shapes.run), Self.route(1, services: shapes.run), Self.route(2, services: shapes.next)]
        let reader = ResponseReader(limits: InputLimits(), forcedAPI: nil, keepsRuns: true)
        var accumulator = GraphAccumulator()
        var report = ConversionReport()
        reader.readLines(lines, of: "runs.jsonl", into: &accumulator, report: &report)
        func name(_ services: String) -> String {
            switch services {
            case "wrapped": "JSON Lines, wrapped lists"
            case "legacy": "JSON Lines, legacy Services string"
            default: "JSON Lines"
            }
        }
        #expect(report.converted == 3)
        #expect(report.byShape == [name(shapes.run): 2, name(shapes.next): 1])
    }

    @Test("tallies merge by adding, and a shape's documents of both APIs count under one name")
    func tallyMerge() {
        var a = ShapeTally()
        a.count(.gatewayRoute, [.jsonLines, .wrappedLists])
        a.count(.vpnRoutes, [.jsonLines, .wrappedLists])
        var b = ShapeTally()
        b.count(.vpnRoutes, .xml)
        var empty = ShapeTally()
        empty.merge(a)
        empty.merge(ShapeTally())
        a.merge(b)
        #expect(a.byAPI == ["GetGatewayRouteDetail": 1, "DescribeVcoRouteEntries": 2])
        #expect(a.byShape == ["JSON Lines, wrapped lists": 2, "XML": 1])
        #expect(empty.byShape == ["JSON Lines, wrapped lists": 2])
        #expect(ShapeTally().byAPI.isEmpty)
    }

    @Test("shape names list the format first, then the traits in the report's order")
    func names() {
        #expect(ShapeTraits([.json, .legacyServices, .envelope, .camelCaseKeys, .wrappedLists]).name
            == "JSON, SDK envelope, wrapped lists, camelCase keys, legacy Services string")
        #expect(ShapeTraits(format: .jsonLines).name == "JSON Lines")
        #expect(ShapeTraits(format: .xml).union(.envelope).name == "XML, SDK envelope")
    }
}
