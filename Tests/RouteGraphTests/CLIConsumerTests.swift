import Foundation
import Testing

/// The CLI's outputs of the seed responses plus the generated archive, read back by their real
/// consumers, and written again from the same inputs given differently.
@Suite("CLI outputs: consumers and determinism")
struct CLIConsumerTests {
    struct Counts: Decodable, Equatable {
        var nodes: Int
        var edges: Int
        var nodesByKind: [String: Int]?
        var edgesByKind: [String: Int]?
    }

    /// Counts as networkx, Graphviz, Python's csv module and Python's json module see them.
    static let consumers = #"""
        import collections, csv, json, subprocess, sys
        import networkx as nx
        d = sys.argv[1]
        def by(kinds):
            return dict(collections.Counter(kinds))
        out = {}
        g = nx.read_graphml(d + "/graph.graphml")
        out["graphml"] = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                          "nodesByKind": by(k for _, k in g.nodes(data="kind")),
                          "edgesByKind": by(k for _, _, k in g.edges(data="kind"))}
        run = subprocess.run(["dot", "-Tjson", d + "/graph.dot"], capture_output=True)
        if run.returncode != 0 or run.stderr:
            sys.exit("dot -Tjson failed: %r" % run.stderr)
        j = json.loads(run.stdout.decode("utf-8"))
        objects = j.get("objects", [])[j.get("_subgraph_cnt", 0):]
        names = {o["_gvid"]: o["name"] for o in objects}
        out["dot"] = {"nodes": sum(1 for o in objects if not o["name"].startswith("legend_")),
                      "edges": sum(1 for e in j.get("edges", []) if not names[e["tail"]].startswith("legend_")
                                   and not names[e["head"]].startswith("legend_"))}
        with open(d + "/nodes.csv", newline="", encoding="utf-8") as f:
            nodes = list(csv.DictReader(f))
        with open(d + "/edges.csv", newline="", encoding="utf-8") as f:
            edges = list(csv.DictReader(f))
        out["csv"] = {"nodes": len(nodes), "edges": len(edges),
                      "nodesByKind": by(r["kind"] for r in nodes), "edgesByKind": by(r["kind"] for r in edges)}
        with open(d + "/graph.jsonl", encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        out["jsonl"] = {"nodes": sum(1 for r in records if r["type"] == "node"),
                        "edges": sum(1 for r in records if r["type"] == "edge"),
                        "nodesByKind": by(r["kind"] for r in records if r["type"] == "node"),
                        "edgesByKind": by(r["kind"] for r in records if r["type"] == "edge")}
        print(json.dumps(out))
        """#

    @Test func everyConsumerReadsTheSameCounts() throws {
        try #require(ExternalTool.available("dot") && ExternalTool.available("xmllint"), "graphviz and libxml2-utils are needed")
        let scratch = try ScratchDirectory()
        let out = scratch.path("out")
        let result = try RouteGraphCLI.run([
            "convert", "Examples/responses", GeneratedExample.archive, "--output", out, "--report", scratch.path("report.json"),
        ])
        #expect(result.status == 0, "\(result.stderr)")

        // The seed graph (11 nodes, 10 edges) and the generated one may share nodes (a CIDR the
        // generator also draws): count those once, as the graph does.
        let generated = try GeneratedExample.expected()
        let seedIds = Set(convert([packageRoot.appendingPathComponent("Examples/responses").path]).graph.nodes.map(\.id))
        let generatedIds = Set(convert([packageRoot.appendingPathComponent(GeneratedExample.archive).path]).graph.nodes.map(\.id))
        #expect(generatedIds.count == generated.nodes.total)
        let nodes = generated.nodes.total + 11 - seedIds.intersection(generatedIds).count, edges = generated.edges.total + 10
        let report = try ConversionReportFile.read(scratch.path("report.json"))
        #expect(report.graph.nodes.total == nodes)
        #expect(report.graph.edges.total == edges)

        let read = try ExternalTool.pythonJSON([String: Counts].self, Self.consumers, [out])
        #expect(read.keys.sorted() == ["csv", "dot", "graphml", "jsonl"])
        for (consumer, counts) in read {
            #expect(counts.nodes == nodes, "\(consumer) nodes")
            #expect(counts.edges == edges, "\(consumer) edges")
            if let byKind = counts.nodesByKind { #expect(byKind == report.graph.nodes.byKind, "\(consumer) nodes by kind") }
            if let byKind = counts.edgesByKind { #expect(byKind == report.graph.edges.byKind, "\(consumer) edges by kind") }
        }

        let schema = packageRoot.appendingPathComponent("Schemas/graphml/graphml.xsd").path
        let lint = try ExternalTool.run(["xmllint", "--noout", "--schema", schema, out + "/graph.graphml"])
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(lint.stderr.contains("validates"))
    }

    /// Every input file under `directories`, as relative paths from the package root.
    static func files(under directories: [String]) throws -> [String] {
        var files: [String] = []
        for directory in directories {
            let enumerator = try #require(FileManager.default.enumerator(atPath: packageRoot.appendingPathComponent(directory).path))
            while let name = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let path = directory + "/" + name
                if FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(path).path, isDirectory: &isDirectory),
                   !isDirectory.boolValue {
                    files.append(path)
                }
            }
        }
        return files.sorted()
    }

    @Test func sameInputsInAnotherOrderGiveByteIdenticalOutputs() throws {
        let scratch = try ScratchDirectory()
        let directories = ["Examples/responses", GeneratedExample.archive]
        let files = try Self.files(under: directories)
        #expect(files.count > 15)
        let runs: [(String, [String])] = [
            ("directories", directories),
            ("files-reversed", files.reversed()),
            ("directories-reversed-one-thread", directories.reversed() + ["--threads", "1"]),
        ]
        for (name, inputs) in runs {
            let result = try RouteGraphCLI.run(["convert"] + inputs + ["--output", scratch.path(name)])
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        for output in CLITests.allOutputs {
            let first = try Data(contentsOf: URL(fileURLWithPath: scratch.path("directories/\(output)")))
            #expect(first.count > 1000, "\(output) is too small to compare")
            for (name, _) in runs.dropFirst() {
                let other = try Data(contentsOf: URL(fileURLWithPath: scratch.path("\(name)/\(output)")))
                #expect(other == first, "\(name)/\(output) differs from directories/\(output)")
            }
        }
    }
}
