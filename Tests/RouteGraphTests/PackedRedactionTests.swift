import Foundation
import Testing

@testable import RouteGraph

/// Redacting the packed graph (what `convert` and `merge` do) must give what redacting the graph
/// and then packing it gives: the same ids, labels, keys, ends, attributes and order, so the same
/// bytes in every file.
@Suite("Redaction of the packed graph")
struct PackedRedactionTests {
    static func expectSame(_ graph: RouteGraph, key: UInt8) {
        let redactor = Redactor(key: RedactionTests.key(key))
        let packed = redactor.redact(PackedGraph(graph))
        PackedGraphTests.expectSame(packed, redactor.redact(graph))
        expectPlainMarksHold(packed)
    }

    /// A span marked plain is copied by the writers without escaping: the mark must be true.
    static func expectPlainMarksHold(_ graph: PackedGraph) {
        var spans = graph.nodes.flatMap { [$0.id, $0.label] } + graph.edges.flatMap { [$0.source, $0.target, $0.key] }
        for node in graph.nodes { spans += graph.attributes(node.attributes).filter { $0.tag == .string }.map(\.span) }
        for edge in graph.edges { spans += graph.attributes(edge.attributes).filter { $0.tag == .string }.map(\.span) }
        for span in spans where span.isPlain && !PlainText.isPlain(graph.text(span)) {
            Issue.record("marked plain: \(String(decoding: graph.text(span), as: UTF8.self).debugDescription)")
        }
    }

    @Test("every kind, hostile strings and plain ones", arguments: [false, true])
    func everyKind(hostile: Bool) {
        Self.expectSame(SampleGraphs.everyKind(hostile: hostile), key: 11)
    }

    @Test("the seed examples")
    func seeds() {
        Self.expectSame(convert([RedactionTests.seeds]).graph, key: 12)
    }

    @Test("a generated archive of every shape")
    func generatedArchive() throws {
        let scratch = try ScratchDirectory()
        Self.expectSame(try RedactionTests.generatedArchive(in: scratch).graph, key: 13)
    }

    @Test("edges to nodes the graph lacks are ordered by their ends' new ids")
    func endsWithoutNodes() {
        let nodes = (0..<40).map { Node(id: "cidr:10.0.\($0).0/24", kind: .cidr) } + [Node(id: "ipsec:vco-1234567890abcdef", kind: .ipsec)]
        var edges: [Edge] = []
        for i in 0..<40 {
            edges.append(Edge(source: "ipsec:vco-1234567890abcdef", target: "cidr:10.0.\(i).0/24", kind: .routes, key: "custom|10.1.0.\(i)"))
            edges.append(Edge(source: "ipsec:vco-1234567890abcdef", target: "cidr:192.168.\(i).0/24", kind: .routes, key: "bgp|vco-abc\(i)"))
            edges.append(Edge(source: "tunnel:tun-missing\(i)", target: "cidr:10.0.\(i).0/24", kind: .nextHopFor, key: "custom|"))
            // Two kinds between the same ends, one of them no node: the kind orders them before the keys.
            edges.append(Edge(source: "tunnel:tun-missing\(i)", target: "cidr:10.0.\(i).0/24", kind: .routes, key: "bgp|"))
        }
        Self.expectSame(RouteGraph(nodes: nodes, edges: edges), key: 14)
    }

    @Test("edges of two kinds between the same nodes are ordered by kind, then by their new keys")
    func kindsBeforeKeys() {
        let nodes = (0..<40).map { Node(id: "cidr:10.0.\($0).0/24", kind: .cidr) } + [Node(id: "ipsec:vco-1234567890abcdef", kind: .ipsec)]
        var edges: [Edge] = []
        for i in 0..<40 {
            for (kind, hop) in [(EdgeKind.routes, "10.1.0.\(i)"), (.nextHopFor, "10.3.0.\(i)"), (.routes, "vco-hop\(i)")] {
                edges.append(Edge(source: "ipsec:vco-1234567890abcdef", target: "cidr:10.0.\(i).0/24", kind: kind, key: "custom|" + hop))
            }
        }
        Self.expectSame(RouteGraph(nodes: nodes, edges: edges), key: 17)
    }

    @Test("labels: an empty name falls back to the id, a domain's name is a domain; values repeated and empty")
    func labelsAndRepeats() {
        var nodes: [Node] = []
        var edges: [Edge] = []
        for i in 0..<30 {
            var route = Attributes()
            route.set(.name, i % 3 == 0 ? "" : "route \(i % 7)")
            route.set(.routeId, Int64(i))
            route.set(.gatewayId, "\(i % 4)")
            route.set(.description, "")
            route.set(.input, "archive.jsonl:\(i % 5)")
            nodes.append(Node(id: "route:gw-1:\(i)", kind: .route, attributes: route))
            var domain = Attributes()
            domain.set(.name, i % 2 == 0 ? "*.Shop\(i).Example.COM" : "api\(i).example.cn")
            nodes.append(Node(id: "domain:" + (i % 2 == 0 ? "*.shop\(i).example.com" : "api\(i).example.cn"), kind: .domain, attributes: domain))
            var edge = Attributes()
            edge.set(.asPath, "\(64_512 + i % 3) 65001 {\(i)}")
            edge.set(.community, "65535:\(i) 100:\(i),bad-\(i % 2)")
            edge.set(.unhealthyEndpoints, "10.0.0.\(i):8080,[2001:db8::\(i)]:443,host-\(i)")
            edge.set(.nextHop, i % 2 == 0 ? "10.9.9.\(i)" : "vco-next\(i % 3)")
            edges.append(Edge(source: "route:gw-1:\(i)", target: nodes.last!.id, kind: .routesTo, attributes: edge))
        }
        Self.expectSame(RouteGraph(nodes: nodes, edges: edges), key: 15)
    }

    @Test("convert --redact-key writes the same files as redacting the graph before packing")
    func sameFiles() throws {
        let scratch = try ScratchDirectory()
        let graph = try RedactionTests.generatedArchive(in: scratch).graph
        let redactor = Redactor(key: RedactionTests.key(16))
        let formats: [OutputFormat] = [.graphml, .dot, .csv, .jsonl]
        let before = try GraphExport.write(redactor.redact(graph), formats: formats, to: scratch.path("before"))
        let after = try GraphExport.write(
            releasing: graph, formats: formats, to: scratch.path("after"), settings: ExportSettings(), reshaping: ExportReshaping(redactor: redactor))
        #expect(before.count == 7 && after.count == before.count)
        for (a, b) in zip(before, after) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)), "\(b)")
        }
    }
}
