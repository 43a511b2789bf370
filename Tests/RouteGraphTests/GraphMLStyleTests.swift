import Foundation
import Testing

@testable import RouteGraph

@Suite("GraphML yEd style")
struct GraphMLStyleTests {
    static func write(_ graph: RouteGraph, style: GraphMLStyle, in scratch: borrowing ScratchDirectory) throws -> String
    {
        let path = scratch.path("graph.graphml")
        try GraphMLWriter.write(graph, to: path, style: style)
        return path
    }

    static func xmllint(_ file: String, schema: String) throws -> ExternalTool.Result {
        try #require(ExternalTool.available("xmllint"), "xmllint is needed to validate GraphML; install libxml2-utils")
        let xsd = packageRoot.appendingPathComponent("Schemas/graphml/\(schema)").path
        return try ExternalTool.run(["xmllint", "--nonet", "--noout", "--schema", xsd, file])
    }

    @Test("the extensions XSD compiles offline and accepts plain output too")
    func extensionsSchemaLoadsOffline() throws {
        let scratch = try ScratchDirectory()
        let file = try Self.write(SampleGraphs.everyKind(), style: .plain, in: scratch)
        let result = try Self.xmllint(file, schema: "graphml-extensions.xsd")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("failed to load") && !result.stderr.contains("WXS schema"))
    }

    @Test("yed output validates against graphml-extensions.xsd, hostile strings included", arguments: [true, false])
    func validatesAgainstExtensions(hostile: Bool) throws {
        let scratch = try ScratchDirectory()
        let file = try Self.write(SampleGraphs.everyKind(hostile: hostile), style: .yed, in: scratch)
        let result = try Self.xmllint(file, schema: "graphml-extensions.xsd")
        #expect(result.status == 0, "xmllint: \(result.stderr)")
    }

    @Test("the official XSD refuses the yFiles elements, which is why yed has its own schema")
    func officialSchemaRefusesYEd() throws {
        let scratch = try ScratchDirectory()
        let file = try Self.write(SampleGraphs.everyKind(), style: .yed, in: scratch)
        let result = try Self.xmllint(file, schema: "graphml.xsd")
        #expect(result.status != 0)
    }

    @Test("plain output carries no yFiles graphics and still validates against the official XSD")
    func plainStaysMinimal() throws {
        let scratch = try ScratchDirectory()
        let file = try Self.write(SampleGraphs.everyKind(), style: .plain, in: scratch)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains("yworks") && !text.contains("yfiles.type"))
        #expect(try Self.xmllint(file, schema: "graphml.xsd").status == 0)
    }

    /// Reads the file with networkx, which understands yFiles graphics keys (`yfiles.type`) and
    /// takes the label and shape from `y:ShapeNode`, the label from `y:EdgeLabel`.
    static let networkx = #"""
        import json, sys, warnings
        warnings.simplefilter("error")
        import networkx as nx
        g = nx.read_graphml(sys.argv[1])
        print(json.dumps({
            "nodes": {n: {"label": d.get("label"), "shape": d.get("shape_type"), "kind": d.get("kind"),
                          "x": d.get("x")} for n, d in g.nodes(data=True)},
            "edgeLabels": sorted(d.get("label") for _, _, d in g.edges(data=True)),
        }, ensure_ascii=True))
        """#

    struct Read: Decodable {
        struct NodeData: Decodable {
            var label: String?
            var shape: String?
            var kind: String?
            var x: String?
        }
        var nodes: [String: NodeData]
        var edgeLabels: [String]
    }

    @Test("networkx reads the yed file: every node labelled, one shape per kind, every edge labelled")
    func networkxReadsYEd() throws {
        let graph = SampleGraphs.everyKind(hostile: false)
        let scratch = try ScratchDirectory()
        let file = try Self.write(graph, style: .yed, in: scratch)
        let read = try ExternalTool.pythonJSON(Read.self, Self.networkx, [file])
        #expect(read.nodes.count == graph.nodes.count)
        for node in graph.nodes {
            let data = try #require(read.nodes[GraphMLWriter.graphMLId(for: node.id)])
            #expect(data.label == node.label)
            #expect(data.shape == YEdGraphics.shape(node.kind))
            #expect(data.kind == node.kind.rawValue)
            #expect(data.x != nil)
        }
        #expect(Set(NodeKind.allCases.map(YEdGraphics.shape)).count == NodeKind.allCases.count)
        #expect(read.edgeLabels == graph.edges.map(\.label).sorted())
    }

    @Test("fill colour by kind, dashed fallbacks and dotted mirrors, graphics keys declared by yfiles.type")
    func graphicsByKind() throws {
        let scratch = try ScratchDirectory()
        let file = try Self.write(SampleGraphs.everyKind(hostile: false), style: .yed, in: scratch)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(#"xmlns:y="http://www.yworks.com/xml/graphml""#))
        #expect(text.contains(#"<key id="n_graphics" for="node" yfiles.type="nodegraphics"/>"#))
        #expect(text.contains(#"<key id="e_graphics" for="edge" yfiles.type="edgegraphics"/>"#))
        for kind in NodeKind.allCases {
            #expect(text.contains(#"<y:Fill color="\#(DOTStyle.fill(kind).uppercased())""#), "\(kind)")
        }
        #expect(text.contains(##"<y:LineStyle color="#000000" type="dashed""##))
        #expect(text.contains(##"<y:LineStyle color="#000000" type="dotted""##))
    }

    @Test("GraphExport writes the style asked for; the same graph gives the same bytes")
    func export() throws {
        let scratch = try ScratchDirectory()
        let graph = SampleGraphs.everyKind()
        let settings = ExportSettings(graphMLStyle: .yed)
        _ = try GraphExport.write(graph, formats: [.graphml], to: scratch.path("a"), settings: settings)
        let shuffled = RouteGraph(nodes: graph.nodes.shuffled(), edges: graph.edges.shuffled())
        _ = try GraphExport.write(shuffled, formats: [.graphml], to: scratch.path("b"), settings: settings)
        let a = try Data(contentsOf: URL(fileURLWithPath: scratch.path("a/graph.graphml")))
        let b = try Data(contentsOf: URL(fileURLWithPath: scratch.path("b/graph.graphml")))
        #expect(a == b)
        #expect(String(decoding: a, as: UTF8.self).contains("<y:ShapeNode>"))
    }
}
