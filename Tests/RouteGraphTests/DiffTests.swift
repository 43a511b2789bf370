import Foundation
import Testing

@testable import RouteGraph

@Suite("Diff")
struct DiffTests {
    static let gw = "gw-7ea3da97b96543e19f6c597c****"
    static let vco = "vco-p0w2jpkhi2eeop6q6****"
    static let tunnel = "tun-0jothw962cp3bvhbw****"

    /// Two archives made from the seed responses, the new one with planted changes: route 1050
    /// sends 60% instead of 80% to service 782, its fallback is gone, a route 2001 is added, and
    /// the VPN connection no longer announces 10.1.0.0/16. Every request id differs too, and the
    /// files live in other directories, so provenance differs everywhere.
    struct PlantedArchives: ~Copyable {
        let scratch: ScratchDirectory
        var old: String { scratch.path("old") }
        var new: String { scratch.path("new") }

        init() throws {
            let scratch = try ScratchDirectory()
            try Self.write(into: scratch)
            self.scratch = scratch
        }

        private static func write(into scratch: borrowing ScratchDirectory) throws {
            let mse = try DiffTests.seed("mse-route.json")
            let vpn = try DiffTests.seed("vpn-routes.json")
            try DiffTests.save(mse, to: scratch.path("old/mse.json"))
            var vpnOld = vpn
            var entries = vpnOld["VcoRouteEntries"] as! [[String: Any]]
            var dropped = entries[0]
            dropped["RouteDest"] = "10.1.0.0/16"
            entries.append(dropped)
            vpnOld["VcoRouteEntries"] = entries
            vpnOld["TotalCount"] = 2
            try DiffTests.save(vpnOld, to: scratch.path("old/vpn.json"))

            var changed = mse
            changed["RequestId"] = "NEW-1"
            var data = changed["Data"] as! [String: Any]
            var services = data["RouteServices"] as! [[String: Any]]
            services[0]["Percent"] = 60
            data["RouteServices"] = services
            data["FallbackServices"] = nil
            changed["Data"] = data
            try DiffTests.save(changed, to: scratch.path("new/mse.json"))

            var added = mse
            added["RequestId"] = "NEW-2"
            var addedData = added["Data"] as! [String: Any]
            addedData["Id"] = 2001
            addedData["Name"] = "added-route"
            addedData["FallbackServices"] = nil
            addedData["Fallback"] = false
            added["Data"] = addedData
            try DiffTests.save(added, to: scratch.path("new/mse-added.json"))

            var vpnNew = vpn
            vpnNew["RequestId"] = "NEW-3"
            try DiffTests.save(vpnNew, to: scratch.path("new/vpn.json"))
        }
    }

    static func seed(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Examples/responses/\(name)"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func save(_ object: [String: Any], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    /// A change as a comparable row: change, element, id, and `attribute old new` for changed ones.
    static func rows(_ diff: GraphDiff) -> Set<String> {
        var rows: Set<String> = []
        for d in diff.nodes where d.change != .unchanged {
            rows.insert("\(d.change) node \(d.node.id)" + detail(d.attributeChanges))
        }
        for d in diff.edges where d.change != .unchanged {
            rows.insert("\(d.change) edge \(d.edge.id)" + detail(d.attributeChanges))
        }
        return rows
    }

    static func detail(_ changes: [GraphDiff.AttributeChange]) -> String {
        changes.map { " \($0.attribute.rawValue) \($0.old?.text ?? "-") \($0.new?.text ?? "-")" }.joined()
    }

    /// Exactly what was planted, and its consequences the graph spells out (the connection's
    /// counts of declared and collected entries).
    static var planted: Set<String> {
        let route = "route:\(gw):1050", added = "route:\(gw):2001"
        let cidr = "cidr:10.1.0.0/16", key = "custom|\(vco)"
        return [
            "changed edge \(route)>ROUTES_TO>service:\(gw):782 percent 80 60",
            "removed edge \(route)>FALLS_BACK_TO>service:\(gw):1",
            "removed node service:\(gw):1",
            "added node \(added)",
            "added edge gateway:\(gw)>HAS_ROUTE>\(added)",
            "added edge \(added)>ROUTES_TO>service:\(gw):782",
            "added edge \(added)>DEFAULTS_TO>service:\(gw):3",
            "added edge \(added)>MIRRORS_TO>service:\(gw):21",
            "added edge \(added)>SERVES>domain:123.com",
            "added edge \(added)>SERVES>domain:test.com",
            "removed node \(cidr)",
            "removed edge ipsec:\(vco)>ROUTES>\(cidr)>\(key)",
            "removed edge tunnel:\(tunnel)>NEXT_HOP_FOR>\(cidr)>\(key)",
            "changed node ipsec:\(vco) declaredTotal 2 1 customTotal 2 1 collected 2 1",
        ]
    }

    static func diff(_ old: String, _ new: String) -> GraphDiff {
        let a = DiffSide.load(inputs: [old]), b = DiffSide.load(inputs: [new])
        return GraphDiff(old: a.graph, new: b.graph)
    }

    // MARK: - Finding changes

    @Test("every planted change is found and nothing else")
    func plantedChanges() throws {
        let archives = try PlantedArchives()
        let old = DiffSide.load(inputs: [archives.old]), new = DiffSide.load(inputs: [archives.new])
        #expect(old.isUsable && new.isUsable)
        #expect(old.report.converted == 2 && new.report.converted == 3)
        let diff = GraphDiff(old: old.graph, new: new.graph)
        #expect(Self.rows(diff) == Self.planted)
        #expect(!diff.isEmpty)
        let counts = DiffCounts(diff)
        #expect(counts.nodeTotal == DiffCounts.Tally(added: 1, removed: 2, changed: 1))
        #expect(counts.edgeTotal == DiffCounts.Tally(added: 6, removed: 3, changed: 1))
        #expect(counts.edges[.serves] == DiffCounts.Tally(added: 2))
        // Provenance did change everywhere, and is the only other difference.
        let route = try #require(diff.nodes.first { $0.node.id == "route:\(Self.gw):1050" })
        #expect(route.change == .unchanged)
        #expect(route.old?.attributes[.requestId] != route.new?.attributes[.requestId])
    }

    @Test("swapping the sides swaps added and removed, and old and new values")
    func swappedSides() throws {
        let archives = try PlantedArchives()
        let forward = Self.diff(archives.old, archives.new), backward = Self.diff(archives.new, archives.old)
        let swapped = Set(Self.planted.map { row -> String in
            var parts = row.split(separator: " ").map(String.init)
            switch parts[0] {
            case "added": parts[0] = "removed"
            case "removed": parts[0] = "added"
            default:
                // `changed element id` then `attribute old new` triples: swap each old and new.
                for i in stride(from: 3, to: parts.count, by: 3) { parts.swapAt(i + 1, i + 2) }
            }
            return parts.joined(separator: " ")
        })
        #expect(Self.rows(backward) == swapped)
        #expect(Self.rows(forward) != Self.rows(backward))
    }

    @Test("a graph diffed with itself, or with the same facts in another shape, is empty")
    func sameFacts() throws {
        let responses = packageRoot.appendingPathComponent("Examples/responses").path
        #expect(Self.diff(responses, responses).isEmpty)
        let wrapped = packageRoot.appendingPathComponent("Examples/shapes/vpn-wrapped.json").path
        let flat = packageRoot.appendingPathComponent("Examples/responses/vpn-routes.json").path
        let diff = Self.diff(wrapped, flat)
        #expect(diff.isEmpty)
        #expect(diff.nodes.count == 3 && diff.edges.count == 3)
        #expect(ChangesCSVWriter.render(diff) == ChangesCSVWriter.header.joined(separator: ",") + "\n")
    }

    @Test("a graph.jsonl side gives the same diff as the responses it was written from")
    func graphFileSide() throws {
        let archives = try PlantedArchives()
        let converted = Conversion.run(inputs: [archives.old])
        let graphFile = archives.scratch.path("old-graph.jsonl")
        try JSONLinesWriter.write(converted.graph, to: graphFile)
        let side = DiffSide.load(inputs: [graphFile])
        #expect(side.graphFiles == [graphFile])
        #expect(side.report.documents == 0)
        #expect(Self.rows(GraphDiff(old: side.graph, new: DiffSide.load(inputs: [archives.new]).graph)) == Self.planted)
        // Mixed: the responses of the new side plus the old graph file laid over them.
        let mixed = DiffSide.load(inputs: [archives.old, graphFile])
        #expect(mixed.graphFiles == [graphFile] && mixed.report.converted == 2)
        #expect(GraphDiff(old: mixed.graph, new: side.graph).isEmpty)
    }

    @Test("ignored attributes are not compared")
    func ignoring() throws {
        let archives = try PlantedArchives()
        let a = DiffSide.load(inputs: [archives.old]).graph, b = DiffSide.load(inputs: [archives.new]).graph
        let diff = GraphDiff(old: a, new: b, ignoring: [.percent, .declaredTotal, .customTotal, .collected])
        #expect(diff.changedNodes.allSatisfy { $0.change != .changed })
        #expect(diff.changedEdges.allSatisfy { $0.change != .changed })
        #expect(diff.ignored.isSuperset(of: [.input, .requestId, .percent]))
    }

    // MARK: - Outputs, checked by their consumers

    @Test("changes.csv has one row per added or removed element and per changed attribute")
    func changesCSV() throws {
        let archives = try PlantedArchives()
        let diff = Self.diff(archives.old, archives.new)
        let outputs = try DiffOutputs.write(diff, to: archives.scratch.path("out"))
        #expect(outputs.map { URL(fileURLWithPath: $0).lastPathComponent } == ["changes.csv", "diff.dot", "diff.graphml"])
        let rows = try ExternalTool.pythonJSON(
            [[String]].self, "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))",
            [outputs[0]])
        #expect(rows.first == ["change", "element", "kind", "id", "attribute", "old", "new"])
        #expect(rows.count == 1 + 16)
        #expect(rows.contains([
            "changed", "edge", "ROUTES_TO", "route:\(Self.gw):1050>ROUTES_TO>service:\(Self.gw):782", "percent", "80", "60",
        ]))
        #expect(rows.contains(["removed", "node", "cidr", "cidr:10.1.0.0/16", "", "", ""]))
        #expect(rows.filter { $0[0] == "changed" && $0[3] == "ipsec:\(Self.vco)" }.map { $0[4] } == ["declaredTotal", "customTotal", "collected"])
    }

    @Test("diff.dot renders with dot and colours every part by its change")
    func dotRenders() throws {
        try #require(ExternalTool.available("dot"), "Graphviz's dot is needed; install graphviz")
        let archives = try PlantedArchives()
        let diff = Self.diff(archives.old, archives.new)
        let path = archives.scratch.path("diff.dot")
        try DiffDOTWriter.write(diff, to: path)
        let result = try ExternalTool.run(["dot", "-Tsvg", path])
        #expect(result.status == 0, "dot: \(result.stderr)")
        #expect(result.stdout.contains("<svg"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"label="80%\npercent: 80 → 60""#.replacingOccurrences(of: "80%", with: "60%")))
        #expect(text.contains(#"style="filled,dashed""#))
        for colour in ["#2e7d32", "#c62828", "#ef6c00", "#9e9e9e"] { #expect(text.contains(colour)) }
        // One statement per node and edge of the union graph, besides the legend's.
        let edges = text.split(separator: "\n").filter { $0.contains(" -> ") && !$0.contains("legend_") }
        #expect(edges.count == diff.edges.count)
    }

    @Test("--context keeps the changed parts and the nodes within N hops")
    func context() throws {
        let archives = try PlantedArchives()
        let diff = Self.diff(archives.old, archives.new)
        let zero = DiffView(diff, context: 0)
        // Every changed element and its ends; the unchanged gateway is an end of the added HAS_ROUTE.
        let ids = Set(zero.graph.nodes.map(\.id))
        #expect(ids.contains("gateway:\(Self.gw)") && ids.contains("route:\(Self.gw):1050"))
        #expect(!ids.contains("cidr:192.168.10.0/24"))
        // Every changed edge, and besides them only edges between kept nodes.
        let kept = Set(zero.graph.edges.map(\.identity))
        #expect(kept.isSuperset(of: diff.changedEdges.map(\.edge.identity)))
        #expect(zero.graph.edges.allSatisfy { ids.contains($0.source) && ids.contains($0.target) })
        #expect(zero.graph.nodes.count < diff.nodes.count)
        let one = DiffView(diff, context: 1)
        #expect(one.graph.nodes.map(\.id).contains("cidr:192.168.10.0/24"))
        #expect(one.graph.nodes.count == diff.nodes.count)
        #expect(DiffView(diff).graph == diff.unionGraph)
    }

    @Test("diff.graphml validates against the XSD and networkx reads change on every element")
    func graphML() throws {
        try #require(ExternalTool.available("xmllint"), "xmllint is needed; install libxml2-utils")
        let archives = try PlantedArchives()
        let diff = Self.diff(archives.old, archives.new)
        let path = archives.scratch.path("diff.graphml")
        try DiffGraphMLWriter.write(diff, to: path)
        let schema = packageRoot.appendingPathComponent("Schemas/graphml/graphml.xsd").path
        let lint = try ExternalTool.run(["xmllint", "--nonet", "--noout", "--schema", schema, path])
        #expect(lint.status == 0, "xmllint: \(lint.stderr)")
        let program = """
            import json, sys, collections, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            nodes = collections.Counter(d.get('change') for _, d in g.nodes(data=True))
            edges = collections.Counter(d.get('change') for _, _, d in g.edges(data=True))
            changes = [d.get('changes') for _, _, d in g.edges(data=True) if d.get('change') == 'changed']
            print(json.dumps({'nodes': nodes, 'edges': edges, 'changes': changes}, ensure_ascii=True))
            """
        struct Read: Decodable {
            var nodes: [String: Int]
            var edges: [String: Int]
            var changes: [String]
        }
        let read = try ExternalTool.pythonJSON(Read.self, program, [path])
        #expect(read.nodes == ["added": 1, "removed": 2, "changed": 1, "unchanged": diff.nodes.count - 4])
        #expect(read.edges == ["added": 6, "removed": 3, "changed": 1, "unchanged": diff.edges.count - 10])
        #expect(read.changes == ["percent: 80 → 60"])
    }

    @Test("the report counts by kind and says whether the graphs are the same")
    func report() throws {
        let archives = try PlantedArchives()
        let old = DiffSide.load(inputs: [archives.old]), new = DiffSide.load(inputs: [archives.new])
        let report = DiffReport(old: old, new: new, diff: GraphDiff(old: old.graph, new: new.graph))
        let object = try JSONSerialization.jsonObject(with: Data(report.json(outputs: []).utf8)) as! [String: Any]
        #expect(object["same"] as? Bool == false)
        let nodes = object["nodes"] as! [String: Any]
        #expect(nodes["removed"] as? Int == 2)
        #expect((nodes["byKind"] as! [String: [String: Int]])["cidr"] == ["added": 0, "removed": 1, "changed": 0])
        #expect(report.summary.contains("edges: 6 added, 3 removed, 1 changed"))
        #expect(report.summary.hasSuffix("the graphs differ\n"))
    }

    // MARK: - The command

    @Test("routegraph diff exits 0 when the same, 1 when different, 2 on error")
    func exitStatus() throws {
        let executable = try RouteGraphCLI.executable().path
        let archives = try PlantedArchives()
        let out = archives.scratch.path("out")
        let wrapped = packageRoot.appendingPathComponent("Examples/shapes/vpn-wrapped.json").path
        let flat = packageRoot.appendingPathComponent("Examples/responses/vpn-routes.json").path
        let same = try ExternalTool.run([executable, "diff", wrapped, "--against", flat, "--output", out, "-q"])
        #expect(same.status == 0, "\(same.stderr)")
        let report = archives.scratch.path("report.json")
        let differ = try ExternalTool.run([executable, "diff", archives.old, "--against", archives.new, "--output", out, "--report", report])
        #expect(differ.status == 1, "\(differ.stderr)")
        #expect(differ.stderr.contains("nodes: 1 added, 2 removed, 1 changed"))
        #expect(FileManager.default.fileExists(atPath: report))
        let missing = try ExternalTool.run([executable, "diff", archives.scratch.path("nowhere"), "--against", flat, "--output", out])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the old side has nothing usable"))
        let badContext = try ExternalTool.run([executable, "diff", flat, "--against", flat, "--output", out, "--context=-1"])
        #expect(badContext.status == 2)
    }

    @Test("a picture too large for Graphviz is left out with a note; the diff is still written")
    func pictureLimit() throws {
        let executable = try RouteGraphCLI.executable().path
        let scratch = try ScratchDirectory()
        for (name, seed) in [("old", "1"), ("new", "2")] {
            let result = try ExternalTool.run([
                "python3", GeneratedArchive.generator, "--out-dir", scratch.path(name), "--seed", seed,
                "--gateways", "30", "--connections", "60", "--variants", "doc",
            ])
            try #require(result.status == 0, "gen-archive.py failed: \(result.stderr)")
        }
        let out = scratch.path("out")
        let big = try ExternalTool.run([executable, "diff", scratch.path("old"), "--against", scratch.path("new"), "--output", out])
        #expect(big.status == 1, "\(big.stderr)")
        #expect(big.stderr.contains("note: no diff.svg: diff.dot has"), "\(big.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/diff.svg"))
        for name in ["changes.csv", "diff.dot", "diff.graphml"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        // The limit is on what is drawn: the same diff drawn around one side's own changes only.
        let small = try ExternalTool.run([executable, "diff", scratch.path("old"), "--against", scratch.path("old"), "--output", out, "--context", "0"])
        #expect(small.status == 0 && !small.stderr.contains("no diff.svg"), "\(small.stderr)")
        if ExternalTool.available("dot") { #expect(FileManager.default.fileExists(atPath: out + "/diff.svg")) }
    }
}
