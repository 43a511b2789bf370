import Foundation
import Testing

@testable import RouteGraph

/// Issue 3: the same facts in any shape give the same graph. First the shipped examples of
/// `Examples/shapes/` against what its README says of each; then one response rendered in every
/// shape by a program, compared byte for byte in canonical JSON Lines.
@Suite("Shape equivalence")
struct ShapeEquivalenceTests {
    /// The examples that carry the facts of a seed response (Examples/shapes/README.md).
    static let seedShapes: [(file: String, api: API)] = [
        ("mse-strnum.json", .gatewayRoute),
        ("mse-status-label-zh.json", .gatewayRoute),
        ("mse-status-label-zh-hant.json", .gatewayRoute),
        ("mse-status-label-en.json", .gatewayRoute),
        ("mse-camelcase.json", .gatewayRoute),
        ("mse-envelope.json", .gatewayRoute),
        ("mse.xml", .gatewayRoute),
        ("mse-repeated.xml", .gatewayRoute),
        ("vpn-wrapped.json", .vpnRoutes),
        ("vpn-wrapped-single.json", .vpnRoutes),
        ("vpn-strnum.json", .vpnRoutes),
        ("vpn-camelcase.json", .vpnRoutes),
        ("vpn-envelope.json", .vpnRoutes),
        ("vpn.xml", .vpnRoutes),
        ("vpn-repeated.xml", .vpnRoutes),
        ("with-bom-crlf.json", .vpnRoutes),
    ]

    static let seedFileNames = seedShapes.map(\.file)

    @Test("an example carrying the seed facts gives the seed's graph", arguments: seedFileNames)
    func seedFacts(file: String) throws {
        let api = try #require(Self.seedShapes.first { $0.file == file }?.api)
        let result = convert([ExampleFiles.path("shapes/" + file)])
        #expect(result.report.rejections.isEmpty, "\(result.report.rejections)")
        #expect(result.report.warnings.isEmpty, "\(result.report.warnings)")
        #expect(result.report.converted == 1)
        #expect(result.report.byAPI == [api.action: 1])
        let expected = ExampleFiles.seedGraph(api)
        #expect(expected.nodes.count == (api == .gatewayRoute ? 8 : 3))
        #expect(result.graph.withoutProvenance == expected)
        #expect(result.graph.withoutProvenance.jsonLines == expected.jsonLines)
    }

    @Test("every example of Examples/shapes is covered by a test here")
    func everyExampleCovered() throws {
        let own = ["archive.jsonl", "archive.jsonl.gz", "mse-legacy-services.json", "mse-legacy-services-double.json",
                   "vpn-wrapped-empty.json", "vpn-pager.json", "vpn-pager-cli.json", "vpn-page-1.json", "vpn-page-3.json"]
        let files = try FileManager.default.contentsOfDirectory(atPath: ExampleFiles.path("shapes"))
            .filter { $0 != "README.md" }.sorted()
        #expect(files == (Self.seedFileNames + own).sorted())
    }

    @Test("Route status labels in three languages give status 0, unpublished")
    func statusLabels() throws {
        for file in ["mse-status-label-zh.json", "mse-status-label-zh-hant.json", "mse-status-label-en.json"] {
            let text = try String(contentsOfFile: ExampleFiles.path("shapes/" + file), encoding: .utf8)
            #expect(!text.contains("\"Status\": 0"), "\(file) should carry a label, not the code")
            let route = try #require(convert([ExampleFiles.path("shapes/" + file)]).graph.nodes.first { $0.kind == .route })
            #expect(route.attributes.integer(.status) == 0)
            #expect(route.attributes.string(.statusName) == "unpublished")
        }
    }

    @Test("archive.jsonl and its gzip: both seeds, three bad lines reported, the tie goes to line 5",
          arguments: ["archive.jsonl", "archive.jsonl.gz"])
    func archive(file: String) throws {
        let path = ExampleFiles.path("shapes/" + file)
        let result = convert([path])
        let both = convert([ExampleFiles.mseSeed, ExampleFiles.vpnSeed]).graph.withoutProvenance
        #expect(result.graph.withoutProvenance == both)
        #expect(result.report.documents == 6)
        #expect(result.report.converted == 3)
        let rejected = result.report.rejections.map { "\($0.location.line ?? 0) \($0.code.rawValue)" }
        #expect(rejected == ["3 error-response", "4 invalid-json", "6 error-response"])
        for rejection in result.report.rejections { #expect(rejection.location.input == path) }
        let route = try #require(result.graph.nodes.first { $0.kind == .route })
        #expect(route.attributes.string(.input) == "\(path):5")
        #expect(result.report.supersededSnapshots == 1)
        let routes = try #require(result.graph.edges(ofKind: .routes).first)
        #expect(routes.attributes.string(.input) == "\(path):2")
    }

    @Test("legacy Services string, escaped once or twice: only what the older version had",
          arguments: ["mse-legacy-services.json", "mse-legacy-services-double.json"])
    func legacyServices(file: String) throws {
        let result = convert([ExampleFiles.path("shapes/" + file)])
        #expect(result.report.rejections.isEmpty)
        #expect(result.report.warnings.isEmpty, "\(result.report.warnings)")
        let graph = result.graph.withoutProvenance
        let gw = SeedExampleTests.gw, route = SeedExampleTests.route
        #expect(graph.nodes.map(\.id) == ["domain:123.com", "gateway:\(gw)", route, "service:\(gw):3", "service:\(gw):782"])
        #expect(graph.edges.map { "\($0.kind.rawValue) \($0.target)" } == [
            "HAS_ROUTE \(route)", "SERVES domain:123.com", "DEFAULTS_TO service:\(gw):3", "ROUTES_TO service:\(gw):782",
        ])
        let edge = try #require(graph.edge(route, "service:\(gw):782", .routesTo))
        #expect(edge.attributes.integer(.percent) == 80)
        #expect(edge.attributes.string(.version) == "v1")
        let service = try #require(graph.node(id: "service:\(gw):782"))
        #expect(service.attributes.names == ["serviceId"])
        // What the older version does carry is read as in the seed.
        let seed = ExampleFiles.seedGraph(.gatewayRoute)
        #expect(graph.node(id: route) == seed.node(id: route))
        #expect(graph.node(id: "domain:123.com") == seed.node(id: "domain:123.com"))
    }

    @Test("empty wrappers: nothing, and neither a rejection nor a warning")
    func wrappedEmpty() {
        let result = convert([ExampleFiles.path("shapes/vpn-wrapped-empty.json")])
        #expect(result.report.converted == 1)
        #expect(result.report.rejections.isEmpty)
        #expect(result.report.warnings.isEmpty)
        #expect(result.graph.nodes.isEmpty)
        #expect(result.graph.edges.isEmpty)
    }

    static let pagerConnection = "vco-bp1k7x2m9q4n8r3s5t6u"
    static let pagerNodes = [
        "cidr:10.10.0.0/16", "cidr:192.168.10.0/24", "cidr:2408:4000:abcd::/48", "ipsec:\(pagerConnection)",
        "tunnel:tun-bp1a4c6e8g0i2k4m6o8q", "tunnel:tun-bp1b5d7f9h1j3l5n7p9r",
    ]

    @Test("aliyun --pager document: one TotalCount over all entries, complete")
    func pager() throws {
        let result = convert([ExampleFiles.path("shapes/vpn-pager.json")])
        #expect(result.report.warnings.isEmpty, "\(result.report.warnings)")
        let graph = result.graph
        #expect(graph.nodes.map(\.id) == Self.pagerNodes)
        #expect(graph.edgeCountsByName == ["HAS_TUNNEL": 2, "ROUTES": 3, "NEXT_HOP_FOR": 4])
        let ipsec = try #require(graph.node(id: "ipsec:\(Self.pagerConnection)")).attributes
        #expect(ipsec.integer(.customRoutes) == 3)
        #expect(ipsec.integer(.declaredTotal) == 3)
        #expect(ipsec.integer(.collected) == 3)
        #expect(ipsec.boolean(.complete) == true)
        let v6 = try #require(graph.node(id: "cidr:2408:4000:abcd::/48")).attributes
        #expect(v6.string(.cidr) == "2408:4000:abcd::/48")
        #expect(v6.integer(.family) == 6)
        #expect(v6.integer(.prefixLength) == 48)
    }

    @Test("what aliyun-cli's pager really prints: the same nodes and edges, completeness unknown")
    func pagerCLI() throws {
        let cli = convert([ExampleFiles.path("shapes/vpn-pager-cli.json")])
        let full = convert([ExampleFiles.path("shapes/vpn-pager.json")]).graph.withoutProvenance
        #expect(cli.report.rejections.isEmpty)
        #expect(cli.report.warnings.isEmpty, "\(cli.report.warnings)")
        let graph = cli.graph.withoutProvenance
        #expect(graph.nodes.map(\.id) == Self.pagerNodes)
        #expect(graph.edges == full.edges)
        for node in graph.nodes where node.kind != .ipsec { #expect(node == full.node(id: node.id)) }
        let ipsec = try #require(graph.node(id: "ipsec:\(Self.pagerConnection)")).attributes
        #expect(ipsec.string(.connectionId) == Self.pagerConnection)
        #expect(ipsec[.declaredTotal] == nil)
        #expect(ipsec[.customRoutes] == nil)
        #expect(ipsec[.complete] == nil, "without TotalCount nobody can tell whether it is complete")
    }

    @Test("the pager and the seed share their CIDR node")
    func sharedCidr() throws {
        let graph = convert([ExampleFiles.path("shapes/vpn-pager.json"), ExampleFiles.vpnSeed]).graph
        #expect(graph.nodeIds(ofKind: .cidr).filter { $0 == "cidr:192.168.10.0/24" }.count == 1)
        let into = graph.edges(ofKind: .routes).filter { $0.target == "cidr:192.168.10.0/24" }.map(\.source)
        #expect(into == ["ipsec:\(Self.pagerConnection)", "ipsec:\(SeedExampleTests.vco)"])
    }

    static let gapConnection = "vco-bp19gapq3w5e7r9t1y3u5"

    @Test("pages 1 and 3 of 3, in either order: a gap warning naming the connection, the counts and page 2",
          arguments: [false, true])
    func pageGap(reversed: Bool) throws {
        var files = [ExampleFiles.path("shapes/vpn-page-1.json"), ExampleFiles.path("shapes/vpn-page-3.json")]
        if reversed { files.reverse() }
        let result = convert(files)
        #expect(result.report.rejections.isEmpty)
        let graph = result.graph
        let expectedCidrs = (Array(0...9) + Array(20...24)).map { "cidr:10.30.\($0).0/24" }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(graph.nodeIds(ofKind: .cidr) == expectedCidrs)
        #expect(graph.nodes.count == 16)
        #expect(graph.edgeCountsByName == ["ROUTES": 15])
        let ipsec = try #require(graph.node(id: "ipsec:\(Self.gapConnection)")).attributes
        #expect(ipsec.integer(.declaredTotal) == 25)
        #expect(ipsec.integer(.collected) == 15)
        #expect(ipsec.boolean(.complete) == false)
        #expect(ipsec[.bgpRoutes] == nil && ipsec[.customRoutes] == nil)
        #expect(result.report.warnings.count == 1)
        let message = try #require(result.report.warnings.first).message
        #expect(message.contains(Self.gapConnection))
        #expect(message.contains("15") && message.contains("25"))
        #expect(message.contains("missing page 2 "), "\(message)")
        #expect(!message.contains("missing pages"), "only page 2 is missing: \(message)")
    }

    @Test("page 1 alone: pages 2 and 3 missing")
    func pageOneAlone() throws {
        let result = convert([ExampleFiles.path("shapes/vpn-page-1.json")])
        let message = try #require(result.report.warnings.first).message
        #expect(result.report.warnings.count == 1)
        #expect(message.contains("10 of 25"), "\(message)")
        #expect(message.contains("missing pages 2, 3"), "\(message)")
        let ipsec = try #require(result.graph.node(id: "ipsec:\(Self.gapConnection)")).attributes
        #expect(ipsec.integer(.collected) == 10)
        #expect(ipsec.boolean(.complete) == false)
    }

    // MARK: - One response in every shape

    /// Writes the response at argv[1] in every shape into the directory argv[2] and prints the
    /// file names as a JSON object (shape → file). argv[3] is the API: "vpn" or "mse".
    static let renderer = #"""
        import gzip, json, os, sys
        src, out, api = sys.argv[1], sys.argv[2], sys.argv[3]
        resp = json.load(open(src, encoding="utf-8"))
        WRAP = {"VcoRouteEntries": "VcoRouteEntrie", "NextHopTunnelIdList": "NextHopTunnelId", "VpnRouteCounts": "VpnRouteCount"}
        def wrapped(v, single=False):
            if isinstance(v, dict):
                o = {}
                for k, x in v.items():
                    x = wrapped(x, single)
                    if k in WRAP and isinstance(x, list):
                        x = {WRAP[k]: x[0] if single and len(x) == 1 else x}
                    o[k] = x
                return o
            if isinstance(v, list):
                return [wrapped(x, single) for x in v]
            return v
        def strnum(v):
            if isinstance(v, dict): return {k: strnum(x) for k, x in v.items()}
            if isinstance(v, list): return [strnum(x) for x in v]
            if isinstance(v, bool): return "true" if v else "false"
            if isinstance(v, (int, float)): return str(v)
            return v
        def camel(v):
            if isinstance(v, dict): return {(k[:1].lower() + k[1:]): camel(x) for k, x in v.items()}
            if isinstance(v, list): return [camel(x) for x in v]
            return v
        def envelope(v):
            return {"headers": {"content-type": "application/json;charset=utf-8", "x-acs-request-id": "R"},
                    "statusCode": 200, "body": v}
        def pretty(v): return json.dumps(v, ensure_ascii=False, indent=2) + "\n"
        def compact(v): return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        shapes = {
            "flat": ("flat.json", pretty(resp).encode()),
            "strnum": ("strnum.json", pretty(strnum(resp)).encode()),
            "camelCase": ("camel.json", pretty(camel(resp)).encode()),
            "envelope": ("envelope.json", pretty(envelope(resp)).encode()),
            "bom-crlf": ("bom-crlf.json", b"\xef\xbb\xbf" + pretty(resp).replace("\n", "\r\n").encode()),
            "gzip": ("flat.json.gz", gzip.compress(pretty(resp).encode(), mtime=0)),
            "jsonl-line": ("one.jsonl", (compact(resp) + "\n").encode()),
            "ndjson-gzip": ("one.ndjson.gz", gzip.compress((compact(resp) + "\r\n").encode(), mtime=0)),
            "unknown-extension": ("stdin-capture.txt", compact(resp).encode()),
            "everything": ("everything.jsonl.gz", gzip.compress(
                b"\xef\xbb\xbf" + compact(envelope(camel(strnum(wrapped(resp))))).encode() + b"\r\n", mtime=0)),
        }
        if api == "vpn":
            shapes["wrapped"] = ("wrapped.json", pretty(wrapped(resp)).encode())
            shapes["wrapped-single"] = ("wrapped-single.json", pretty(wrapped(resp, single=True)).encode())
        names = {}
        for shape, (name, data) in shapes.items():
            open(os.path.join(out, name), "wb").write(data)
            names[shape] = name
        print(json.dumps(names))
        """#

    @Test("one response rendered in every shape gives byte-identical JSON Lines", arguments: [API.gatewayRoute, .vpnRoutes])
    func everyShapeOfOneResponse(api: API) throws {
        let scratch = try ScratchDirectory()
        let seed = api == .gatewayRoute ? ExampleFiles.mseSeed : ExampleFiles.vpnSeed
        let names = try ExternalTool.pythonJSON([String: String].self, Self.renderer,
                                                [seed, scratch.url.path, api == .gatewayRoute ? "mse" : "vpn"])
        #expect(names.count == (api == .gatewayRoute ? 10 : 12))
        let reference = try #require(names["flat"])
        let expected = convert([scratch.path(reference)]).graph.withoutProvenance
        #expect(expected == ExampleFiles.seedGraph(api))
        let expectedLines = expected.jsonLines
        #expect(expectedLines.split(separator: "\n").count == (api == .gatewayRoute ? 15 : 6))
        let referenceBytes = try Data(contentsOf: scratch.url.appendingPathComponent(reference))
        for (shape, name) in names.sorted(by: { $0.key < $1.key }) {
            let path = scratch.path(name)
            if shape != "flat" {
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != referenceBytes, "\(shape) is not a shape of its own")
            }
            let result = convert([path])
            #expect(result.report.rejections.isEmpty, "\(shape): \(result.report.rejections)")
            #expect(result.report.warnings.isEmpty, "\(shape): \(result.report.warnings)")
            #expect(result.report.converted == 1, "\(shape)")
            #expect(result.graph.withoutProvenance.jsonLines == expectedLines, "\(shape)")
        }
    }

    @Test("all shapes of one response read together make one graph, the seed's")
    func allShapesTogether() throws {
        let scratch = try ScratchDirectory()
        _ = try ExternalTool.pythonJSON([String: String].self, Self.renderer, [ExampleFiles.vpnSeed, scratch.url.path, "vpn"])
        // A directory is searched for response file names, so the `.txt` capture is named on its own.
        let result = convert([scratch.url.path, scratch.path("stdin-capture.txt")], threads: 2)
        #expect(result.report.converted == 12)
        #expect(result.report.rejections.isEmpty)
        #expect(result.graph.withoutProvenance == ExampleFiles.seedGraph(.vpnRoutes))
    }
}
