import Foundation
import Testing

@testable import RouteGraph

/// `routegraph merge`: shards of a generated archive converted one by one and merged give what one
/// conversion of the whole archive gives; the merge is commutative, associative and idempotent.
@Suite
struct MergeTests {
    static let sharder = packageRoot.appendingPathComponent("Tests/RouteGraphTests/Fixtures/shard-archive.py").path

    /// A generated JSON Lines archive, made consistent (the routes sharing a service agree on it)
    /// unless `consistent` is false.
    static func archive(_ variants: String, consistent: Bool = true, in directory: URL) throws -> String {
        let raw = directory.appendingPathComponent("raw.jsonl").path
        let generated = try ExternalTool.run(
            [
                "python3", GeneratedArchive.generator, "--jsonl", raw, "--snapshots", "3", "--variants",
                variants,
            ])
        try #require(generated.status == 0, "gen-archive.py failed: \(generated.stderr)")
        guard consistent else { return raw }
        let path = directory.appendingPathComponent("archive.jsonl").path
        let made = try ExternalTool.run(["python3", sharder, raw, "--consistent", path])
        try #require(made.status == 0, "shard-archive.py failed: \(made.stderr)")
        return path
    }

    /// The shard files of `archive`, split `how` into `count`.
    static func shards(of archive: String, count: Int, how: String, in directory: URL) throws -> [String] {
        let out = directory.appendingPathComponent("shards-\(how)-\(count)").path
        let result = try ExternalTool.run([
            "python3", sharder, archive, "--shards", String(count), "--how", how, "--out", out,
        ])
        try #require(result.status == 0, "shard-archive.py failed: \(result.stderr)")
        return (0..<count).map { "\(out)/shard-\($0).jsonl" }
    }

    static func convert(_ inputs: [String]) -> ConversionResult {
        Conversion.run(inputs: inputs, options: ConversionOptions(threads: 2))
    }

    /// Converts each input set to a graph.jsonl fragment and reads it back, as merge reads them.
    static func fragments(_ inputSets: [[String]], in directory: URL) throws -> [RouteGraph] {
        try inputSets.enumerated().map { i, inputs in
            let path = directory.appendingPathComponent("fragment-\(UUID().uuidString)-\(i).jsonl").path
            try JSONLinesWriter.write(convert(inputs).graph, to: path)
            return try GraphJSONLinesReader().read(path: path)
        }
    }

    static func text(_ graph: RouteGraph) -> String { JSONLinesWriter.render(graph) }

    @Test(arguments: ["doc,wrapped,missing-page", "wrapped,missing-page"], [2, 3, 5])
    func shardThenMergeEqualsConvertAll(variants: String, count: Int) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive(variants, in: directory)
        let whole = Self.convert([archive]).graph
        #expect(whole.nodeCounts[.route]! > 0 && whole.nodeCounts[.ipsec]! > 0)
        for how in ["lines", "round-robin", "snapshots"] {
            let shards = try Self.shards(of: archive, count: count, how: how, in: directory)
            let merged = FragmentMerge.merge(try Self.fragments(shards.map { [$0] }, in: directory)).graph
            // The shards are other files, so `input` names other paths: compare without provenance.
            #expect(merged.withoutProvenance == whole.withoutProvenance, "\(how), \(count) shards")
            #expect(
                Self.text(merged.withoutProvenance) == Self.text(whole.withoutProvenance), "\(how), \(count) shards")
        }
    }

    @Test func missingPagesAreWarnedAsConvertWarns() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive("wrapped,missing-page", in: directory)
        let whole = Self.convert([archive])
        let incomplete = whole.graph.nodes.filter { $0.kind == .ipsec && $0.attributes[.complete] == .boolean(false) }
        #expect(!incomplete.isEmpty, "the missing-page variant leaves a connection incomplete")
        let shards = try Self.shards(of: archive, count: 3, how: "round-robin", in: directory)
        let result = FragmentMerge.merge(try Self.fragments(shards.map { [$0] }, in: directory))
        // Convert also names the missing pages, which need page sizes a graph does not keep.
        let expected = whole.report.warnings.map { $0.message.components(separatedBy: "; missing page")[0] }.sorted()
        #expect(result.warnings.map(\.message).sorted() == expected)
        #expect(result.warnings.count == incomplete.count)
    }

    /// Archives as generated, where routes sharing a service list different unhealthy endpoints:
    /// the one attribute of the one case docs/merge.md names may differ, nothing else.
    @Test(arguments: [2, 5])
    func disagreeingRecordsDifferOnlyWhereDocumented(count: Int) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive("doc,wrapped,missing-page", consistent: false, in: directory)
        let listed = try ExternalTool.run(["python3", Self.sharder, archive, "--disagreeing"])
        let disagreeing = Set(try JSONDecoder().decode([String].self, from: Data(listed.stdout.utf8)))
        #expect(!disagreeing.isEmpty)
        let whole = Self.convert([archive]).graph.withoutProvenance
        for how in ["lines", "round-robin", "snapshots"] {
            let shards = try Self.shards(of: archive, count: count, how: how, in: directory)
            let merged = FragmentMerge.merge(try Self.fragments(shards.map { [$0] }, in: directory)).graph
                .withoutProvenance
            #expect(merged.edges == whole.edges)
            #expect(merged.nodes.map(\.id) == whole.nodes.map(\.id))
            for (a, b) in zip(merged.nodes, whole.nodes) where a != b {
                var (x, y) = (a.attributes, b.attributes)
                x[.unhealthyEndpoints] = nil
                y[.unhealthyEndpoints] = nil
                #expect(disagreeing.contains(a.id) && x == y, "\(a.id) differs beyond the documented case")
            }
        }
    }

    /// A directory archive sharded by files keeps every path, so the bytes are identical,
    /// provenance included.
    @Test func directoryShardsGiveIdenticalBytes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.appendingPathComponent("archive").path
        let generated = try ExternalTool.run([
            "python3", GeneratedArchive.generator, "--out-dir", root, "--snapshots", "3",
            "--variants", "doc,wrapped,strnum,missing-page",
        ])
        try #require(generated.status == 0, "gen-archive.py failed: \(generated.stderr)")
        let made = try ExternalTool.run(["python3", Self.sharder, root, "--consistent", root])
        try #require(made.status == 0, "shard-archive.py failed: \(made.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".json") }
            .sorted().map { root + "/" + $0 }
        let whole = Self.convert([root]).graph
        #expect(files.count > 100)
        for count in [2, 3, 5] {
            // Round-robin over sorted paths puts the snapshots of one route (s0, s1, s2) apart.
            let sets = (0..<count).map { i in files.enumerated().filter { $0.offset % count == i }.map(\.element) }
            let merged = FragmentMerge.merge(try Self.fragments(sets, in: directory)).graph
            #expect(merged == whole, "\(count) shards")
            #expect(Self.text(merged) == Self.text(whole), "\(count) shards")
        }
    }

    @Test func mergeIsCommutativeAssociativeAndIdempotent() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive("doc,wrapped,missing-page", in: directory)
        let shards = try Self.shards(of: archive, count: 3, how: "snapshots", in: directory)
        let parts = try Self.fragments(shards.map { [$0] }, in: directory)
        let (a, b, c) = (parts[0], parts[1], parts[2])
        func merge(_ graphs: RouteGraph...) -> RouteGraph { FragmentMerge.merge(graphs).graph }
        let all = merge(a, b, c)
        #expect(merge(merge(a, b), c) == all)
        #expect(merge(a, merge(b, c)) == all)
        #expect(merge(merge(a, c), b) == all)
        for order in [[a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]] {
            #expect(FragmentMerge.merge(order).graph == all)
        }
        #expect(merge(a, a) == a)
        #expect(merge(a) == a)
        #expect(merge(all, all) == all)
        #expect(merge(all, a) == all)
        // Merging is not a plain union: older snapshots in a shard must not survive.
        #expect(GraphUnion.of(parts).withoutProvenance != all.withoutProvenance)
    }

    /// Commutativity and idempotence do not depend on the records agreeing.
    @Test func orderNeverMattersOnRawArchives() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive("doc,wrapped,missing-page", consistent: false, in: directory)
        let parts = try Self.fragments(
            try Self.shards(of: archive, count: 3, how: "round-robin", in: directory).map { [$0] }, in: directory)
        let all = FragmentMerge.merge(parts).graph
        #expect(FragmentMerge.merge(parts.reversed()).graph == all)
        #expect(FragmentMerge.merge(parts + parts).graph == all)
    }

    @Test func versionsThatDifferOnlyInSpellingAreOrderedByContent() {
        // "é" precomposed and decomposed: equal as Swift strings, different bytes when written.
        let composed = Node(id: "service:gw-1:1", kind: .service, attributes: { var a = Attributes(); a.set(.name, "caf\u{E9}"); return a }())
        var decomposed = composed
        decomposed.attributes.set(.name, "cafe\u{301}")
        #expect(composed == decomposed)
        #expect(!ContentOrder.identical(composed, decomposed))
        let one = ContentOrder.overlaid([composed, decomposed]), other = ContentOrder.overlaid([decomposed, composed])
        #expect(ContentOrder.bytes(of: one) == ContentOrder.bytes(of: other))
        #expect(ContentOrder.identical(ContentOrder.overlaid([composed, composed]), composed))

        var edge = Edge(source: "tunnel:t-1", target: "cidr:10.0.0.0/8", kind: .nextHopFor, key: "custom|x")
        edge.attributes.set(.entryType, "caf\u{E9}")
        var respelled = edge
        respelled.attributes.set(.entryType, "cafe\u{301}")
        #expect(ContentOrder.bytes(of: ContentOrder.overlaid([edge, respelled])) == ContentOrder.bytes(of: ContentOrder.overlaid([respelled, edge])))
        #expect(ContentOrder.sorted([respelled, edge]).map(ContentOrder.bytes) == ContentOrder.sorted([edge, respelled]).map(ContentOrder.bytes))
    }

    @Test func unreadableFragmentsAreReportedInArgumentOrder() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.jsonl").path
        try JSONLinesWriter.write(Self.convert([ExampleFiles.vpnSeed]).graph, to: good)
        let missing = (0..<4).map { directory.appendingPathComponent("missing-\($0).jsonl").path }
        for threads in [1, 2, 4] {
            do {
                _ = try FragmentMerge.read(paths: [good, missing[2], good, missing[0], missing[1]], threads: threads)
                Issue.record("missing fragments were read on \(threads) threads")
            } catch {
                guard case .unreadable(let path, _) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(path == missing[2], "on \(threads) threads")
            }
        }
        #expect(try FragmentMerge.read(paths: [good, good], threads: 2).count == 2)
    }

    @Test func provenanceParsesBackToLocations() {
        #expect(InputLocation(provenance: .string("a/b.jsonl:12")) == InputLocation(input: "a/b.jsonl", line: 12))
        #expect(InputLocation(provenance: .string("a/b.json")) == InputLocation(input: "a/b.json"))
        #expect(InputLocation(provenance: .string("c:/x:y.json")) == InputLocation(input: "c:/x:y.json"))
        #expect(InputLocation(provenance: .string("odd:")) == InputLocation(input: "odd:"))
        #expect(InputLocation(provenance: nil) < InputLocation(input: "a"))
    }

    @Test func cliMergesFragmentsAndFailsOnUnreadableOnes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive("doc,wrapped", in: directory)
        let shards = try Self.shards(of: archive, count: 2, how: "lines", in: directory)
        var fragments: [String] = []
        for (i, shard) in shards.enumerated() {
            let out = directory.appendingPathComponent("part-\(i)").path
            let converted = try RouteGraphCLI.run(["convert", shard, "--output", out, "--format", "jsonl", "--quiet"])
            #expect(converted.status == 0, "\(converted.stderr)")
            fragments.append(out + "/graph.jsonl")
        }
        let out = directory.appendingPathComponent("merged").path
        let report = directory.appendingPathComponent("report.json").path
        let merged = try RouteGraphCLI.run(
            ["merge"] + fragments + ["--output", out, "--format", "jsonl,csv", "--report", report])
        #expect(merged.status == 0, "\(merged.stderr)")
        let graph = try GraphJSONLinesReader().read(path: out + "/graph.jsonl")
        #expect(graph.withoutProvenance == Self.convert([archive]).graph.withoutProvenance)
        #expect(FileManager.default.fileExists(atPath: out + "/nodes.csv"))
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect((json?["fragments"] as? [String]) == fragments)

        let missing = try RouteGraphCLI.run([
            "merge", fragments[0], directory.appendingPathComponent("nope.jsonl").path, "--output", out,
        ])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.jsonl"))
    }
}

/// Examples/spark/routegraph_spark.py, run in Spark local mode where pyspark and Java are
/// installed (`pip install pyspark`); skipped elsewhere, the shard-and-merge tests above covering
/// the same path without Spark.
@Suite(.enabled(if: PySpark.isAvailable, "pyspark or java not installed"))
struct SparkExampleTests {
    @Test func sparkJobMergesToTheSingleRunGraph() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try MergeTests.archive("doc,wrapped,missing-page", in: directory)
        let output = directory.appendingPathComponent("spark-out").path
        let job = packageRoot.appendingPathComponent("Examples/spark/routegraph_spark.py").path
        let run = try ExternalTool.run([
            "python3", job, archive, "--routegraph", try RouteGraphCLI.executable().path, "--output", output,
            "--partitions", "3", "--master", "local[2]", "--format", "jsonl",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let fragments = try FileManager.default.contentsOfDirectory(atPath: output + "/fragments")
        #expect(fragments.count >= 3)
        let merged = try GraphJSONLinesReader().read(path: output + "/graph.jsonl")
        #expect(merged.withoutProvenance == MergeTests.convert([archive]).graph.withoutProvenance)
    }
}

enum PySpark {
    static let isAvailable: Bool = {
        guard ExternalTool.available("java"),
            let probe = try? ExternalTool.run(["python3", "-c", "import pyspark"])
        else { return false }
        return probe.status == 0
    }()
}
