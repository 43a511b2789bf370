import Foundation
import Testing

@testable import RouteGraph

/// A merge of canonical fragments packs their VPN edges as it reads them and merges them packed
/// (`FragmentMerge.readPacked`, `mergePacked`): the packed graph must be, byte for byte, what
/// merging the fragments as Swift graphs and then packing gives, with the same warnings; and
/// fragments it cannot take must go back to that merge.
@Suite("Merge of packed fragments")
struct PackedMergeTests {
    /// A packed graph's records with their texts as bytes, so that spellings that Swift strings
    /// would call equal still differ.
    struct Record: Equatable {
        var fields: [[UInt8]]
        var attributes: [[UInt8]]
    }

    static func records(_ packed: PackedGraph) -> (nodes: [Record], edges: [Record]) {
        func bytes(_ span: ByteSpan) -> [UInt8] { Array(packed.text(span)) }
        func attributes(_ run: AttributeRun) -> [[UInt8]] {
            packed.attributes(run).map { a in
                Array("\(a.attribute)=\(a.tag):".utf8) + (a.tag == .string ? bytes(a.span) : Array("\(a.payload)".utf8))
            }
        }
        let nodes = packed.nodes.map { n in
            Record(fields: [bytes(n.id), bytes(n.label), Array(n.kind.rawValue.utf8)], attributes: attributes(n.attributes))
        }
        let edges = packed.edges.map { e in
            Record(
                fields: [bytes(e.source), bytes(e.target), Array(e.kind.rawValue.utf8), bytes(e.key),
                         Array("\(e.sourceNode) \(e.targetNode)".utf8)],
                attributes: attributes(e.attributes))
        }
        return (nodes, edges)
    }

    /// Merges the fragment files both ways and expects the same packed graph and warnings.
    static func expectSameMerge(_ paths: [String], _ comment: Comment? = nil) throws {
        let packed = try #require(try FragmentMerge.readPacked(paths: paths).map { FragmentMerge.mergePacked($0) }, comment)
        let swift = FragmentMerge.merge(try FragmentMerge.read(paths: paths))
        let (got, want) = (records(packed.graph), records(PackedGraph(swift.graph)))
        #expect(got.nodes.count == want.nodes.count && got.edges.count == want.edges.count, comment)
        #expect(got.nodes == want.nodes, comment)
        if got.edges != want.edges {
            let first = zip(got.edges, want.edges).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.edges.count, want.edges.count)
            Issue.record("edges differ from edge \(first) on: \(comment?.description ?? "")")
        }
        #expect(packed.warnings == swift.warnings, comment)
        PackedRedactionTests.expectPlainMarksHold(packed.graph)
        // An end that is a node names it by the node's own id span, as packing names it.
        for edge in packed.graph.edges {
            if edge.sourceNode >= 0 { #expect(edge.source == packed.graph.nodes[Int(edge.sourceNode)].id) }
            if edge.targetNode >= 0 { #expect(edge.target == packed.graph.nodes[Int(edge.targetNode)].id) }
        }
    }

    /// Fragment files of `graphs`, as `convert --format jsonl` writes them.
    static func write(_ graphs: [RouteGraph], in directory: URL) throws -> [String] {
        try graphs.enumerated().map { i, graph in
            let path = directory.appendingPathComponent("fragment-\(i).jsonl").path
            try JSONLinesWriter.write(graph, to: path)
            return path
        }
    }

    @Test("shards of generated archives", arguments: [true, false])
    func generatedShards(consistent: Bool) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try MergeTests.archive("doc,wrapped,missing-page", consistent: consistent, in: directory)
        for how in ["lines", "round-robin", "snapshots"] {
            for count in [2, 5] {
                let shards = try MergeTests.shards(of: archive, count: count, how: how, in: directory)
                let graphs = shards.map { MergeTests.convert([$0]).graph }
                let paths = try Self.write(graphs, in: directory)
                try Self.expectSameMerge(paths, "\(how), \(count) shards")
                // Given twice, and in another order: every group has several versions, all one.
                try Self.expectSameMerge(paths.reversed() + paths, "\(how), \(count) shards twice")
            }
        }
    }

    /// Versions of one VPN edge that differ: read at other places, read at one place with other
    /// values, a tunnel's edge with other attributes; an edge to a node no fragment has.
    @Test func differingVersions() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func routes(_ target: String, key: String, input: String, nextHop: String) -> Edge {
            var edge = Edge(source: "ipsec:vco-1", target: target, kind: .routes, key: key)
            edge.attributes.set(.input, input)
            edge.attributes.set(.entryType, "custom")
            edge.attributes.set(.nextHop, nextHop)
            return edge
        }
        func hop(_ status: String) -> Edge {
            var edge = Edge(source: "tunnel:t-1", target: "cidr:10.0.0.0/8", kind: .nextHopFor, key: "custom|10.0.0.0/8")
            edge.attributes.set(.entryType, status)
            return edge
        }
        var connection = Node(id: "ipsec:vco-1", kind: .ipsec)
        connection.attributes.set(.customTotal, Int64(3))
        let nodes = [
            Node(id: "cidr:10.0.0.0/8", kind: .cidr), Node(id: "cidr:10.1.0.0/16", kind: .cidr), connection,
            Node(id: "tunnel:t-1", kind: .tunnel),
        ]
        let a = RouteGraph(nodes: nodes, edges: [
            routes("cidr:10.0.0.0/8", key: "custom|10.0.0.0/8", input: "s-1.jsonl:4", nextHop: "t-1"),
            routes("cidr:10.1.0.0/16", key: "custom|10.1.0.0/16", input: "s-1.jsonl:4", nextHop: "t-1"),
            routes("cidr:10.9.0.0/16", key: "custom|10.9.0.0/16", input: "s-1.jsonl:4", nextHop: "t-1"),
            hop("custom"),
        ])
        let b = RouteGraph(nodes: nodes, edges: [
            // Read later: wins.
            routes("cidr:10.0.0.0/8", key: "custom|10.0.0.0/8", input: "s-2.jsonl:9", nextHop: "t-2"),
            // Read at the same place with another value: content decides.
            routes("cidr:10.1.0.0/16", key: "custom|10.1.0.0/16", input: "s-1.jsonl:4", nextHop: "t-0"),
            hop("caf\u{E9}"),
        ])
        let c = RouteGraph(nodes: nodes, edges: [hop("cafe\u{301}")])
        let paths = try Self.write([a, b, c], in: directory)
        try Self.expectSameMerge(paths)
        try Self.expectSameMerge([paths[2], paths[0], paths[1]])
        try Self.expectSameMerge([paths[1], paths[1], paths[0]])
    }

    /// Lines out of order, or attributes out of column order, are for the merge of Swift graphs.
    @Test func nonCanonicalFragmentsAreLeftToTheSwiftMerge() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let graph = MergeTests.convert([ExampleFiles.vpnSeed]).graph
        let path = try Self.write([graph], in: directory)[0]
        #expect(try FragmentMerge.readPacked(paths: [path, path]) != nil)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let routes = try #require(lines.lastIndex { $0.contains("\"kind\":\"ROUTES\"") })
        func file(_ name: String, _ lines: [String]) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        // The last two lines, VPN edges of other connections or tunnels, swapped.
        let count = lines.count
        let reversed = try file("reversed.jsonl", lines[..<(count - 2)] + [lines[count - 1], lines[count - 2]])
        #expect(try FragmentMerge.readPacked(paths: [path, reversed]) == nil)
        // A node after an edge is out of order too, but only the Swift side's concern: both merges
        // take it.
        let late = try file("late-node.jsonl", lines[..<(routes - 1)] + [lines[routes], lines[routes - 1]] + lines[(routes + 1)...])
        try #require(lines[routes - 1].hasPrefix("{\"type\":\"node\""))
        try Self.expectSameMerge([path, late])
        let repeated = try file("repeated.jsonl", lines + [lines[routes]])
        #expect(try FragmentMerge.readPacked(paths: [repeated]) == nil)
        // The attributes of a ROUTES edge with its first two swapped.
        let line = lines[routes]
        let open = try #require(line.range(of: "\"attributes\":{"))
        let members = line[open.upperBound...].dropLast(2).split(separator: ",", omittingEmptySubsequences: false)
        try #require(members.count >= 2 && !line.contains("\\\""))
        let reordered = line[..<open.upperBound] + ([members[1], members[0]] + members.dropFirst(2)).joined(separator: ",") + "}}"
        var changed = lines
        changed[routes] = String(reordered)
        let swapped = try file("swapped.jsonl", changed)
        #expect(try FragmentMerge.readPacked(paths: [swapped]) == nil)
        // Both still merge, the Swift way.
        #expect(!FragmentMerge.merge(try FragmentMerge.read(paths: [path, reversed, swapped])).graph.edges.isEmpty)
        #expect(try FragmentMerge.readPacked(paths: Array(repeating: path, count: FragmentMerge.packedFragmentLimit + 1)) == nil)
    }

    /// A bad line stops the packed read with the error the Swift read gives.
    @Test(arguments: [
        ("\"nextHop\":\"t-1\"", "\"nextHop\":7"), ("\"nextHop\":\"t-1\"", "\"bogus\":1"), ("\"attributes\":{\"nextHop\":\"t-1\"}", "\"attributes\":\"none\""),
    ])
    func badLinesFailAlike(original: String, replacement: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var edge = Edge(source: "ipsec:vco-1", target: "cidr:10.0.0.0/8", kind: .routes, key: "custom|10.0.0.0/8")
        edge.attributes.set(.nextHop, "t-1")
        let path = try Self.write([RouteGraph(nodes: [Node(id: "ipsec:vco-1", kind: .ipsec)], edges: [edge])], in: directory)[0]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try #require(text.contains(original))
        try text.replacingOccurrences(of: original, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        func failure(_ read: () throws(GraphFileError) -> Void) -> String? {
            do throws(GraphFileError) { try read() } catch { return "\(error)" }
            return nil
        }
        let swift = failure { () throws(GraphFileError) in _ = try FragmentMerge.read(paths: [path]) }
        let packed = failure { () throws(GraphFileError) in _ = try FragmentMerge.readPacked(paths: [path]) }
        #expect(swift != nil && packed == swift)
    }
}
