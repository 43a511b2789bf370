import Foundation
import Testing
@testable import RouteGraph

/// Nothing half written, and nothing written where input decides: runs the built `routegraph`
/// binary, interrupts it while it writes, fills its "disk", points it at a directory it cannot
/// create, and feeds it strings made to break out of their place in every output format.
@Suite("Output safety", .serialized)
struct OutputSafetyTests {
    /// The files `convert` writes with every format: fixed names, never taken from input.
    static let outputNames = OutputFormat.defaultFormats.flatMap(\.fileNames).sorted()

    /// The binary the tests run, found the way every CLI test finds it.
    static var binary: URL? { try? RouteGraphCLI.executable() }

    struct Run {
        var status: Int32
        var reason: Process.TerminationReason
        var stderr: String
    }

    /// Runs `routegraph convert arguments…`; `whileRunning` is called with the process before it is waited for.
    private func routegraph(_ arguments: [String], fileSizeLimit: Int? = nil, scratch: borrowing ScratchDirectory,
                            whileRunning: (Process) throws -> Void = { _ in }) throws -> Run {
        let binary = try #require(Self.binary, "the routegraph binary is not built; run swift build")
        let process = Process()
        if let fileSizeLimit {
            // The limit for the binary alone, and SIGXFSZ back to its default (killing the process)
            // and unblocked, whatever this test process passes on (the test runner blocks signals):
            // only the binary's own SIG_IGN may save it.
            let launcher = """
                import os, resource, signal, sys
                signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
                os.execv(sys.argv[2], sys.argv[2:])
                """
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", launcher, String(fileSizeLimit), binary.path, "convert"] + arguments
        } else {
            process.executableURL = binary
            process.arguments = ["convert"] + arguments
        }
        let errPath = scratch.path("stderr-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: errPath, contents: nil))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        try whileRunning(process)
        process.waitUntilExit()
        try err.close()
        let stderr = String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
        try FileManager.default.removeItem(atPath: errPath)
        return Run(status: process.terminationStatus, reason: process.terminationReason, stderr: stderr)
    }

    /// Outputs of a small conversion, as they were: what an interrupted or failed run must leave.
    private func previousOutputs(in output: String, scratch: borrowing ScratchDirectory) throws -> [String: Data] {
        let run = try routegraph([packageRoot.appendingPathComponent("Examples/responses").path, "--output", output, "-q"], scratch: scratch)
        try #require(run.status == 0, "the first conversion failed: \(run.stderr)")
        var contents: [String: Data] = [:]
        for name in Self.outputNames { contents[name] = try Data(contentsOf: URL(fileURLWithPath: output + "/" + name)) }
        return contents
    }

    private func expectUnchanged(_ previous: [String: Data], in output: String) throws {
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == Self.outputNames, "temporary files left behind")
        for (name, data) in previous {
            #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/" + name)) == data, "\(name) changed")
        }
    }

    /// A JSON Lines archive big enough that writing its graph takes a while.
    private func largeArchive(_ scratch: borrowing ScratchDirectory) throws -> String {
        let generator = try #require(ConservationTests.generator, "shared/tools/gen-archive.py not found")
        let path = scratch.path("large.jsonl")
        let run = try ExternalTool.run(["python3", generator.path, "--seed", "11", "--bytes", "4e6", "--jsonl", path])
        try #require(run.status == 0, "gen-archive.py failed: \(run.stderr)")
        return path
    }

    // MARK: Interrupts

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptWhileWritingLeavesThePreviousOutputs(_ signal: Int32) throws {
        let scratch = try ScratchDirectory()
        let output = scratch.path("out")
        let previous = try previousOutputs(in: output, scratch: scratch)
        let input = try largeArchive(scratch)
        var sawTemporaryFile = false
        let run = try routegraph([input, "--output", output, "-q"], scratch: scratch) { process in
            // The first output's temporary file appears once reading is done and writing begins.
            while process.isRunning {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
                if names.contains(where: { $0.hasPrefix(".graph.graphml.tmp-") }) {
                    sawTemporaryFile = true
                    kill(process.processIdentifier, signal)
                    return
                }
                usleep(500)
            }
        }
        try #require(sawTemporaryFile, "the conversion ended before it was interrupted: \(run.stderr)")
        #expect(run.reason == .exit)
        #expect(run.status == 128 + signal)
        try expectUnchanged(previous, in: output)
    }

    // MARK: Write failures

    /// A full disk, made deterministic with the file size limit: with SIGXFSZ ignored, write(2)
    /// fails with EFBIG, which must end in a clear message and exit status 2.
    @Test func fileSizeLimitIsAFailedWriteWithExitStatusTwo() throws {
        let scratch = try ScratchDirectory()
        let output = scratch.path("out")
        let previous = try previousOutputs(in: output, scratch: scratch)
        let input = try largeArchive(scratch)
        let run = try routegraph([input, "--output", output, "-q"], fileSizeLimit: 100_000, scratch: scratch)
        #expect(run.reason == .exit, "killed by a signal (SIGXFSZ not ignored?)")
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write") && run.stderr.contains("File too large"), "stderr: \(run.stderr)")
        try expectUnchanged(previous, in: output)
    }

    @Test func outputDirectoryUnderARegularFileIsExitStatusTwo() throws {
        let scratch = try ScratchDirectory()
        let file = scratch.path("file.txt")
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: file))
        let output = file + "/out"
        let run = try routegraph([packageRoot.appendingPathComponent("Examples/responses").path, "--output", output], scratch: scratch)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot create") && run.stderr.contains(output), "stderr: \(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("not a directory".utf8))
    }

    // MARK: Strings from inputs stay in their place

    /// Values made to end a DOT statement, close a GraphML element, add a CSV column or a JSON Lines
    /// record, or name a path.
    static let crafted: [String: String] = [
        "Name": #""]; digraph x {"#,
        "Description": #"</data><node id="evil"/>"#,
        "DefaultServiceName": #"","injected"#,
        "Path": "\"}\n{\"type\":\"node\"",
        "GatewayUniqueId": "../../escape/\"gw\"",
    ]

    private func craftedResponse() throws -> Data {
        let url = packageRoot.appendingPathComponent("Examples/responses/mse-route.json")
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var data = try #require(root["Data"] as? [String: Any])
        for field in ["Name", "Description", "DefaultServiceName", "GatewayUniqueId"] { data[field] = Self.crafted[field] }
        var predicates = try #require(data["RoutePredicates"] as? [String: Any])
        var path = try #require(predicates["PathPredicates"] as? [String: Any])
        path["Path"] = Self.crafted["Path"]
        predicates["PathPredicates"] = path
        data["RoutePredicates"] = predicates
        root["Data"] = data
        return try JSONSerialization.data(withJSONObject: root)
    }

    @Test func outputNamesNeverComeFromInput() throws {
        let scratch = try ScratchDirectory()
        let input = scratch.path("in/route.json")
        try FileManager.default.createDirectory(atPath: scratch.path("in"), withIntermediateDirectories: true)
        try craftedResponse().write(to: URL(fileURLWithPath: input))
        let run = try routegraph([input, "--output", scratch.path("a/b/out"), "-q"], scratch: scratch)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let written = try FileManager.default.subpathsOfDirectory(atPath: scratch.url.path).sorted()
        #expect(written == ["a", "a/b", "a/b/out"] + Self.outputNames.map { "a/b/out/" + $0 } + ["in", "in/route.json"])
    }

    @Test func craftedStringsStayInTheirPlaceInEveryFormat() throws {
        try #require(ExternalTool.available("dot"), "Graphviz dot is needed to read DOT back")
        let scratch = try ScratchDirectory()
        let input = scratch.path("route.json")
        try craftedResponse().write(to: URL(fileURLWithPath: input))
        let output = scratch.path("out")
        let run = try routegraph([input, "--output", output, "-q"], scratch: scratch)
        try #require(run.status == 0, "stderr: \(run.stderr)")

        let graph = Conversion.run(inputs: [input], options: ConversionOptions(threads: 1)).graph
        let gateway = try #require(Self.crafted["GatewayUniqueId"])
        let route = try #require(graph.nodes.first { $0.kind == .route })
        #expect(route.id == "route:\(gateway):1050")
        let defaultService = try #require(graph.edges.first { $0.kind == .defaultsTo }?.target)

        // Each format read back by its real consumer: the node count and the exact strings.
        let program = #"""
            import csv, json, subprocess, sys
            import networkx as nx
            out, route, service = sys.argv[1], sys.argv[2], sys.argv[3]
            result = {}
            g = nx.read_graphml(out + "/graph.graphml")
            by_id = {d["canonicalId"]: d for _, d in g.nodes(data=True)}
            result["graphml"] = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                "name": by_id[route].get("name"), "description": by_id[route].get("description"),
                "pathMatch": by_id[route].get("pathMatch"), "service": by_id[service].get("name")}
            nodes, edges = [], []
            with open(out + "/graph.jsonl", encoding="utf-8") as f:
                for line in f:
                    record = json.loads(line)
                    (nodes if record["type"] == "node" else edges).append(record)
            jl = {n["id"]: n["attributes"] for n in nodes}
            result["jsonl"] = {"nodes": len(nodes), "edges": len(edges), "name": jl[route].get("name"),
                "description": jl[route].get("description"), "pathMatch": jl[route].get("pathMatch"),
                "service": jl[service].get("name")}
            with open(out + "/nodes.csv", newline="", encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            with open(out + "/edges.csv", newline="", encoding="utf-8") as f:
                edge_rows = list(csv.DictReader(f))
            cv = {r["id"]: r for r in rows}
            result["csv"] = {"nodes": len(rows), "edges": len(edge_rows), "name": cv[route]["name"],
                "description": cv[route]["description"], "pathMatch": cv[route]["pathMatch"], "service": cv[service]["name"],
                "columns": sorted({len(r) for r in rows})}
            dot = json.loads(subprocess.run(["dot", "-Tjson", out + "/graph.dot"], check=True, capture_output=True).stdout)
            objects = [o for o in dot.get("objects", []) if "nodes" not in o and "subgraphs" not in o]
            real = [o for o in objects if not o["name"].startswith("legend_")]
            dn = {o.get("tooltip"): o for o in real}
            legend = {o["_gvid"] for o in objects if o["name"].startswith("legend_")}
            result["dot"] = {"nodes": len(real), "edges": len([e for e in dot.get("edges", []) if e["tail"] not in legend]),
                "name": dn[route].get("label"), "service": dn[service].get("label")}
            print(json.dumps(result, ensure_ascii=True))
            """#
        struct Read: Decodable {
            var nodes: Int
            var edges: Int?
            var name: String?
            var description: String?
            var pathMatch: String?
            var service: String?
        }
        let read = try ExternalTool.pythonJSON([String: Read].self, program, [output, route.id, defaultService])
        for format in ["graphml", "jsonl", "csv", "dot"] {
            let r = try #require(read[format], "\(format) not read")
            #expect(r.nodes == graph.nodes.count, "\(format): \(r.nodes) nodes")
            if let edges = r.edges { #expect(edges == graph.edges.count, "\(format): \(edges) edges") }
            #expect(r.name == Self.crafted["Name"], "\(format): name")
            #expect(r.service == Self.crafted["DefaultServiceName"], "\(format): service name")
            if format != "dot" {
                #expect(r.description == Self.crafted["Description"], "\(format): description")
                #expect(r.pathMatch == Self.crafted["Path"], "\(format): pathMatch")
            }
        }
    }
}
