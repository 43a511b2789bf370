import Foundation
import Testing

@testable import RouteGraph

@Suite("Flat tables: gateway-routes.csv and ipsec-routes.csv")
struct FlatTableTests {
    /// Reads a table with csv.DictReader and validates every row against its JSON Schema in
    /// `Schemas/`; the header must be the schema's `required`, in order. Prints the rows and problems.
    static let validator = #"""
        import csv, json, sys
        from jsonschema import Draft202012Validator
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        v = Draft202012Validator(schema)
        with open(sys.argv[2], encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f, strict=True)
            rows = list(reader)
            header = reader.fieldnames
        problems = [] if header == schema["required"] else ["header %r" % header]
        for i, row in enumerate(rows):
            problems += ["row %d: %s" % (i + 1, e.message) for e in v.iter_errors(row)]
        print(json.dumps({"rows": rows, "problems": problems}, ensure_ascii=True))
        """#

    struct Table: Decodable {
        var rows: [[String: String]]
        var problems: [String]
    }

    static func read(_ path: String, schema: String) throws -> Table {
        let schemaPath = packageRoot.appendingPathComponent("Schemas/\(schema).row.schema.json").path
        return try ExternalTool.pythonJSON(Table.self, validator, [schemaPath, path])
    }

    @Test("gateway-routes.csv: one row per route and target service, route facts beside each, valid per its schema")
    func gatewayRoutes() throws {
        let graph = SampleGraphs.everyKind(hostile: false)
        let scratch = try ScratchDirectory()
        try FlatTableWriter.write(graph, into: scratch.url.path)
        let table = try Self.read(scratch.path("gateway-routes.csv"), schema: "gateway-routes")
        #expect(table.problems == [])
        try #require(table.rows.count == 1)
        let row = table.rows[0]
        #expect(row["gateway"] == "gw-7ea3da97b96543e19f6c597c****")
        #expect(row["routeId"] == "1050")
        #expect(row["statusName"] == "published")
        #expect(row["domains"] == "123.com;test.com")
        #expect(row["methods"] == "GET,POST")
        #expect(row["serviceId"] == "782" && row["serviceName"] == "plain 2")
        #expect(row["percent"] == "80" && row["version"] == "v1")
        #expect(row["defaultService"] == "plain 3")
        #expect(row["fallbackServices"] == "plain 4")
        #expect(row["mirror"] == "plain 5" && row["mirrorPercentage"] == "90")
        #expect(row["modifiedAt"] == "2022-01-07T10:07:57Z")
    }

    @Test("a route with two target services has two rows; one with none keeps one row, service columns empty")
    func rowsPerService() {
        var nodes = [Node(id: "gateway:g", kind: .gateway)]
        var edges: [Edge] = []
        for id in ["1", "2"] {
            var r = Attributes()
            r.set(.routeId, Int64(id))
            nodes.append(Node(id: "route:g:\(id)", kind: .route, attributes: r))
            edges.append(Edge(source: "gateway:g", target: "route:g:\(id)", kind: .hasRoute))
        }
        for (sid, percent) in [("7", Int64(30)), ("8", Int64(70))] {
            var s = Attributes()
            s.set(.serviceId, Int64(sid))
            s.set(.name, "svc;\(sid)")
            nodes.append(Node(id: "service:g:\(sid)", kind: .service, attributes: s))
            var e = Attributes()
            e.set(.percent, percent)
            edges.append(Edge(source: "route:g:1", target: "service:g:\(sid)", kind: .routesTo, attributes: e))
        }
        let text = FlatTableWriter.render(GatewayRoutesTable.self, RouteGraph(nodes: nodes, edges: edges))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("g,1,,,,,,7,svc;7,30,"))
        #expect(lines[2].hasPrefix("g,1,,,,,,8,svc;8,70,"))
        #expect(lines[3] == "g,2" + String(repeating: ",", count: GatewayRoutesTable.columns.count - 2))
    }

    @Test("ipsec-routes.csv: one row per route entry, tunnels that are next hop for it, valid per its schema")
    func ipsecRoutes() throws {
        let graph = SampleGraphs.everyKind(hostile: false)
        let scratch = try ScratchDirectory()
        try FlatTableWriter.write(graph, into: scratch.url.path)
        let table = try Self.read(scratch.path("ipsec-routes.csv"), schema: "ipsec-routes")
        #expect(table.problems == [])
        try #require(table.rows.count == 2)
        let custom = try #require(table.rows.first { $0["entryType"] == "custom" })
        #expect(custom["connection"] == "vco-p0w2jpkhi2eeop6q6****")
        #expect(custom["cidr"] == "192.168.10.0/24")
        #expect(custom["tunnels"] == "tun-0jothw962cp3bvhbw****;tun-second_one/x")
        #expect(custom["weight"] == "100" && custom["routeSource"] == "CLOUD")
        #expect(custom["asPath"] == "[12000]" && custom["community"] == "65535:65510")
        let bgp = try #require(table.rows.first { $0["entryType"] == "bgp" })
        #expect(bgp["tunnels"] == "" && bgp["nextHop"] == "169.254.0.1" && bgp["cidr"] == "2408:4000::/64")
    }

    @Test("the schema check can fail: a row with a non-numeric percent is refused")
    func schemaRefuses() throws {
        let scratch = try ScratchDirectory()
        let header = GatewayRoutesTable.columns.joined(separator: ",")
        let row = ["g", "1", "", "", "", "", "", "7", "", "eighty"] + Array(repeating: "", count: 7)
        try (header + "\n" + row.joined(separator: ",") + "\n").write(
            toFile: scratch.path("t.csv"), atomically: true, encoding: .utf8)
        let table = try Self.read(scratch.path("t.csv"), schema: "gateway-routes")
        #expect(table.problems.count == 1)
    }

    @Test("the csv format writes both tables, with --excel's encoding too")
    func export() throws {
        let scratch = try ScratchDirectory()
        let settings = ExportSettings(csvEncoding: CSVEncoding(excel: true))
        let written = try GraphExport.write(
            SampleGraphs.everyKind(), formats: [.csv], to: scratch.url.path, settings: settings)
        #expect(
            written.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
                == ["edges.csv", "gateway-routes.csv", "ipsec-routes.csv", "nodes.csv"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path("ipsec-routes.csv")))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("connection,cidr,".utf8)))
        #expect(bytes.suffix(2) == Data([0x0D, 0x0A]))
    }

    /// Reads graph.jsonl and both tables; prints what differs between the pairs the tables hold and
    /// the pairs the graph has (route and ROUTES_TO service; ROUTES entries).
    static let archiveCheck = #"""
        import csv, json, sys
        from collections import Counter
        d = sys.argv[1]
        recs = [json.loads(l) for l in open(d + "/graph.jsonl", encoding="utf-8")]
        nodes = {r["id"]: r for r in recs if r["type"] == "node"}
        edges = [r for r in recs if r["type"] == "edge"]
        def table(name):
            with open(d + "/" + name, encoding="utf-8", newline="") as f:
                return list(csv.DictReader(f, strict=True))
        want = Counter()
        routes_with_target = set()
        for e in edges:
            if e["kind"] == "ROUTES_TO":
                r, s = nodes[e["source"]]["attributes"], nodes[e["target"]]["attributes"]
                want[(e["source"].split(":")[1], str(r["routeId"]), str(s["serviceId"]))] += 1
                routes_with_target.add(e["source"])
        for id, n in nodes.items():
            if n["kind"] == "route" and id not in routes_with_target:
                want[(id.split(":")[1], str(n["attributes"]["routeId"]), "")] += 1
        got = Counter((r["gateway"], r["routeId"], r["serviceId"]) for r in table("gateway-routes.csv"))
        want_vpn = Counter((e["source"][6:], nodes[e["target"]]["attributes"].get("cidr", e["target"][5:]),
                            e["attributes"]["entryType"], e["attributes"].get("nextHop", ""))
                           for e in edges if e["kind"] == "ROUTES")
        got_vpn = Counter((r["connection"], r["cidr"], r["entryType"], r["nextHop"]) for r in table("ipsec-routes.csv"))
        print(json.dumps({"gatewayRows": sum(got.values()), "ipsecRows": sum(got_vpn.values()),
                          "gatewayDiff": len(want - got) + len(got - want),
                          "ipsecDiff": len(want_vpn - got_vpn) + len(got_vpn - want_vpn)}))
        """#

    struct ArchiveCheck: Decodable {
        var gatewayRows: Int
        var ipsecRows: Int
        var gatewayDiff: Int
        var ipsecDiff: Int
    }

    @Test(
        "on a generated archive: one row per route-service pair and per route entry",
        )
    func generatedArchive() throws {
        let scratch = try ScratchDirectory()
        let graph = try GeneratedArchive.convert(
            ["--gateways", "3", "--connections", "3", "--variants", "doc,wrapped,strnum"], into: scratch.path("archive")
        )
        let out = scratch.path("out")
        _ = try GraphExport.write(graph, formats: [.csv, .jsonl], to: out)
        let check = try ExternalTool.pythonJSON(ArchiveCheck.self, Self.archiveCheck, [out])
        let counts = graph.edgeCounts
        #expect(check.gatewayRows >= counts[.routesTo]! && check.gatewayRows > 0)
        #expect(check.ipsecRows == counts[.routes]! && check.ipsecRows > 0)
        #expect(check.gatewayDiff == 0 && check.ipsecDiff == 0)
        for (file, schema) in [("gateway-routes.csv", "gateway-routes"), ("ipsec-routes.csv", "ipsec-routes")] {
            #expect(try Self.read(out + "/" + file, schema: schema).problems == [], "\(file)")
        }
    }
}
