import Testing

@testable import RouteGraph

/// The packed form every exporter reads must say exactly what the graph says: ids, labels, keys,
/// ends, and the attributes of the columns in column order, whichever way it was packed.
@Suite("Packed graph")
struct PackedGraphTests {
    struct Record: Equatable, CustomStringConvertible {
        var fields: [String]
        var attributes: [String]
        var description: String { (fields + attributes).joined(separator: " | ") }
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// What the packed graph holds, as text.
    static func unpacked(_ packed: PackedGraph) -> (nodes: [Record], edges: [Record]) {
        func attributes(_ run: AttributeRun) -> [String] {
            packed.attributes(run).map { a in
                switch a.tag {
                case .string: "\(a.attribute)=s:\(text(packed.text(a.span)))"
                case .integer: "\(a.attribute)=i:\(a.integer)"
                case .boolean: "\(a.attribute)=b:\(a.boolean)"
                }
            }
        }
        let nodes = packed.nodes.map { n in
            Record(fields: [text(packed.text(n.id)), text(packed.text(n.label)), n.kind.rawValue], attributes: attributes(n.attributes))
        }
        let edges = packed.edges.map { e in
            Record(
                fields: [text(packed.text(e.source)), text(packed.text(e.target)), e.kind.rawValue, text(packed.text(e.key)),
                         "\(e.sourceNode)", "\(e.targetNode)"],
                attributes: attributes(e.attributes))
        }
        return (nodes, edges)
    }

    /// The same, read from the graph itself.
    static func expected(_ graph: RouteGraph) -> (nodes: [Record], edges: [Record]) {
        func attributes(_ values: Attributes, _ columns: [Attribute]) -> [String] {
            columns.compactMap { attribute in
                values[attribute].map { value in
                    switch value {
                    case .string(let s): "\(attribute)=s:\(s)"
                    case .integer(let i): "\(attribute)=i:\(i)"
                    case .boolean(let b): "\(attribute)=b:\(b)"
                    }
                }
            }
        }
        let index = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let nodes = graph.nodes.map { n in
            Record(fields: [n.id, n.label, n.kind.rawValue], attributes: attributes(n.attributes, Attribute.nodeAttributes))
        }
        let edges = graph.edges.map { e in
            Record(
                fields: [e.source, e.target, e.kind.rawValue, e.key, "\(index[e.source] ?? -1)", "\(index[e.target] ?? -1)"],
                attributes: attributes(e.attributes, Attribute.edgeAttributes))
        }
        return (nodes, edges)
    }

    static func expectSame(_ packed: PackedGraph, _ graph: RouteGraph) {
        let (gotNodes, gotEdges) = unpacked(packed)
        let (wantNodes, wantEdges) = expected(graph)
        #expect(gotNodes.count == wantNodes.count && gotEdges.count == wantEdges.count)
        for (got, want) in zip(gotNodes, wantNodes) where got != want { Issue.record("node \(got) ≠ \(want)") }
        for (got, want) in zip(gotEdges, wantEdges) where got != want { Issue.record("edge \(got) ≠ \(want)") }
    }

    @Test("every kind, hostile strings included, reads back as the graph")
    func everyKind() {
        let graph = SampleGraphs.everyKind(hostile: true)
        #expect(!graph.nodes.isEmpty && !graph.edges.isEmpty)
        Self.expectSame(PackedGraph(graph), graph)
    }

    @Test("packing while letting the graph go gives the same packed graph")
    func releasing() {
        let graph = SampleGraphs.everyKind(hostile: true)
        let kept = Self.unpacked(PackedGraph(graph))
        var copy = RouteGraph(sortedNodes: graph.nodes, sortedEdges: graph.edges)
        copy = RouteGraph(sortedNodes: copy.nodes.map { $0 }, sortedEdges: copy.edges.map { $0 })
        let released = Self.unpacked(PackedGraph(releasing: copy))
        #expect(released.nodes == kept.nodes && released.edges == kept.edges)
        // The original is untouched.
        Self.expectSame(PackedGraph(graph), graph)
    }

    @Test("edge ends: a node's own id, a copy of it, and an end with no node")
    func edgeEnds() {
        let long = "cidr:10.200.300.0/24-with-a-long-suffix"
        let nodes = [Node(id: long, kind: .cidr), Node(id: "ipsec:vco-1234567890abcdef", kind: .ipsec)]
        // A copy made from bytes has storage of its own, so only its text can find the node.
        let copied = String(decoding: Array(long.utf8), as: UTF8.self)
        let edges = [
            Edge(source: nodes[1].id, target: copied, kind: .routes, key: "custom|10.0.0.1"),
            Edge(source: nodes[1].id, target: "cidr:192.168.0.0/16-not-in-the-graph", kind: .routes, key: "custom|10.0.0.2"),
        ]
        let graph = RouteGraph(nodes: nodes, edges: edges)
        let packed = PackedGraph(graph)
        Self.expectSame(packed, graph)
        #expect(packed.edges.map(\.targetNode) == [0, -1])
        #expect(packed.edges.map(\.sourceNode) == [1, 1])
    }

    @Test("copies of ids that end many edges, and ends with no node, are found by every edge that names them")
    func repeatedCopiedEnds() {
        // Enough distinct copies that the table of ends already searched for grows several times.
        let nodes = (0..<3000).map { Node(id: "cidr:10.\($0 / 256).\($0 % 256).0/24-with-a-long-suffix", kind: .cidr) }
            + [Node(id: "ipsec:vco-1234567890abcdef", kind: .ipsec)]
        let copies = nodes.map { String(decoding: Array($0.id.utf8), as: UTF8.self) }
        let missing = String(decoding: Array("cidr:192.168.0.0/16-not-in-the-graph".utf8), as: UTF8.self)
        var edges: [Edge] = []
        for (i, copy) in copies.dropLast().enumerated() {
            for n in 0..<3 { edges.append(Edge(source: copies.last!, target: copy, kind: .routes, key: "custom|\(i)|\(n)")) }
            edges.append(Edge(source: copies.last!, target: missing, kind: .routes, key: "custom|\(i)"))
        }
        let graph = RouteGraph(nodes: nodes, edges: edges)
        let packed = PackedGraph(graph)
        Self.expectSame(packed, graph)
        let ipsec = Int32(graph.nodes.firstIndex { $0.kind == .ipsec }!)
        #expect(packed.edges.allSatisfy { $0.sourceNode == ipsec })
        for (i, edge) in graph.edges.enumerated() {
            let expected = graph.nodes.firstIndex { $0.id == edge.target }.map(Int32.init) ?? -1
            guard packed.edges[i].targetNode == expected else {
                Issue.record("edge \(i) to \(edge.target): node \(packed.edges[i].targetNode), not \(expected)")
                return
            }
        }
    }

    @Test("attributes set out of column order come out in column order")
    func columnOrder() {
        var attributes = Attributes()
        attributes.set(.requestId, "req-1")
        attributes.set(.port, Int64(443))
        attributes.set(.name, "svc")
        attributes.set(.serviceId, Int64(7))
        let graph = RouteGraph(nodes: [Node(id: "service:gw-1:7", kind: .service, attributes: attributes)], edges: [])
        let packed = PackedGraph(graph)
        Self.expectSame(packed, graph)
        #expect(packed.attributes(packed.nodes[0].attributes).map(\.attribute) == [.name, .serviceId, .port, .requestId])
    }

    @Test("a value of 8 MB or more is kept whole")
    func longValue() {
        let big = String(repeating: "d", count: 1 << 23)
        var attributes = Attributes()
        attributes.set(.description, big)
        attributes.set(.name, "after")
        let graph = RouteGraph(nodes: [Node(id: "route:gw-1:1", kind: .route, attributes: attributes)], edges: [])
        let packed = PackedGraph(graph)
        let values = packed.attributes(packed.nodes[0].attributes)
        let description = values.first { $0.attribute == .description }!
        #expect(description.span.isLong)
        #expect(packed.text(description.span).count == 1 << 23)
        #expect(description.span.isPlain)
        Self.expectSame(packed, graph)
    }

    /// Every span of `packed`: ids, labels, ends, keys and string values.
    static func spans(of packed: PackedGraph) -> [ByteSpan] {
        let values = (packed.nodes.map(\.attributes) + packed.edges.map(\.attributes)).flatMap { run in
            packed.attributes(run).filter { $0.tag == .string }.map(\.span)
        }
        return packed.nodes.flatMap { [$0.id, $0.label] } + packed.edges.flatMap { [$0.source, $0.target, $0.key] } + values
    }

    /// A graph of a route named `name` (its label) and nodes of `ids` labelled by their ids' ends.
    static func labelled(name: String, ids: [(String, NodeKind)]) -> RouteGraph {
        var named = Attributes()
        named.set(.name, name)
        return RouteGraph(
            nodes: [Node(id: "route:gw-1:1", kind: .route, attributes: named)] + ids.map { Node(id: $0.0, kind: $0.1) }, edges: [])
    }

    @Test("each span is marked plain exactly when its text is plain, labels cut from ids included")
    func plainMarks() {
        let labelled = Self.labelled(name: " spaced ", ids: [("domain:é.example", .domain), ("domain:a b", .domain), ("tunnel:tun-1", .tunnel)])
        for graph in [SampleGraphs.everyKind(hostile: true), SampleGraphs.everyKind(hostile: false), labelled] {
            let packed = PackedGraph(graph)
            let spans = Self.spans(of: packed)
            for span in spans {
                let text = packed.text(span)
                #expect(span.isPlain == PlainText.isPlain(text), "\(Self.text(text).debugDescription)")
            }
            #expect(spans.contains { $0.isPlain })
        }
        #expect(Self.spans(of: PackedGraph(SampleGraphs.everyKind(hostile: true))).contains { !$0.isPlain })
    }

    @Test("labels: names, id ends, and ids whose end is not ASCII")
    func labels() {
        let graph = Self.labelled(name: "名前", ids: [("route:gw-1:2", .route), ("domain:é.example", .domain), ("tunnel:\r\nt", .tunnel)])
        Self.expectSame(PackedGraph(graph), graph)
    }

    @Test("an empty graph packs to nothing")
    func empty() {
        let packed = PackedGraph(RouteGraph(nodes: [], edges: []))
        #expect(packed.nodes.isEmpty && packed.edges.isEmpty && packed.attributeCount == 0)
    }
}
