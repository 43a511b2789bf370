import Foundation
import Testing

@testable import RouteGraph

/// The command line writes the graph as building left it (`AssembledGraph`), packed for the
/// writers without a `RouteGraph` on the way; the library's `Conversion.run` makes the
/// `RouteGraph`. Both must give the same packed graph, the same files and the same counts.
@Suite("Assembled graph")
struct AssembledGraphTests {
    /// A generated archive (every shape variant, snapshots and pages) and the shipped examples.
    static func inputs(in scratch: borrowing ScratchDirectory) throws -> [String] {
        let archive = scratch.path("archive")
        let result = try ExternalTool.run([
            "python3", GeneratedArchive.generator, "--out-dir", archive, "--gateways", "6", "--connections", "12",
            "--snapshots", "3", "--variants", "doc,wrapped,strnum,xml",
        ])
        try #require(result.status == 0, "gen-archive.py failed: \(result.stderr)")
        return [archive, ExampleFiles.path("responses")]
    }

    /// With `endsLast`, every block of edges is packed as one begun before the nodes were: its
    /// ends take their ids once all blocks are packed.
    @Test("packing it gives the packed graph of its RouteGraph, node for node and edge for edge", arguments: [false, true])
    func packedAlike(endsLast: Bool) throws {
        let scratch = try ScratchDirectory()
        let inputs = try Self.inputs(in: scratch)
        let graph = Conversion.run(inputs: inputs, options: ConversionOptions(threads: 2)).graph
        var assembled = Conversion.assemble(inputs: inputs, options: ConversionOptions(threads: 2))
        let taken = assembled.takeGraph()
        #expect(taken.counts == GraphCounts(graph))
        #expect(graph.edges.count > 1000 && graph.nodes.count > 400)
        let packed = PackedGraph(releasing: taken, endsLast: endsLast)
        #expect(packed.edges.allSatisfy { packed.text($0.source).count > 0 && packed.text($0.target).count > 0 })
        PackedGraphTests.expectSame(packed, graph)
        // What was taken is gone from the conversion.
        #expect(assembled.takeGraph().counts.nodeTotal == 0)
    }

    @Test("written, it gives the files of its RouteGraph, byte for byte")
    func filesAlike() throws {
        let scratch = try ScratchDirectory()
        let inputs = try Self.inputs(in: scratch)
        let formats: [OutputFormat] = [.graphml, .dot, .csv, .jsonl]
        let graph = Conversion.run(inputs: inputs, options: ConversionOptions(threads: 2)).graph
        let fromGraph = try GraphExport.write(graph, formats: formats, to: scratch.path("graph"), threads: 2)
        var assembled = Conversion.assemble(inputs: inputs, options: ConversionOptions(threads: 2))
        let fromAssembled = try GraphExport.write(
            releasing: assembled.takeGraph(), formats: formats, to: scratch.path("assembled"), settings: ExportSettings(), threads: 2,
            reshaping: ExportReshaping())
        #expect(fromGraph.count == 7 && fromAssembled.count == 7)
        for (a, b) in zip(fromGraph, fromAssembled) {
            let (x, y) = (try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)))
            #expect(!x.isEmpty && x == y, "\(a)")
        }
    }

    @Test("halves with nothing in them: an empty graph, or one half only")
    func emptyHalves() {
        let empty = AssembledGraph()
        #expect(empty.counts.nodeTotal == 0 && empty.counts.edgeTotal == 0)
        let packed = PackedGraph(releasing: AssembledGraph())
        #expect(packed.nodes.isEmpty && packed.edges.isEmpty)
        #expect(AssembledGraph().graph() == RouteGraph(nodes: [], edges: []))

        func half() -> SortedAssembly {
            var half = GraphAssembly()
            let gateway = half.mergeNode(kind: .gateway, suffix: "gw-1") { $0.set(.gatewayId, Int64(1)) }
            let route = half.mergeNode(kind: .route, suffix: "gw-1:r/1") { $0.set(.name, "r") }
            half.addEdge(from: gateway, to: route, kind: .hasRoute)
            return half.sorted()
        }
        let graph = SortedAssembly.graph(merging: GraphAssembly().sorted(), half())
        #expect(graph.nodes.count == 2 && graph.edges.count == 1)
        let assembled = SortedAssembly.merged(GraphAssembly().sorted(), half())
        #expect(assembled.counts == GraphCounts(graph))
        PackedGraphTests.expectSame(PackedGraph(releasing: assembled), graph)
    }
}
