/// Redaction of a packed graph: the graph `Redactor.redact(_: RouteGraph)` and then packing would
/// give, byte for byte, made from the packed bytes.
///
/// Redacting the Swift graph took about four times a whole conversion at 1 GB: every id, key and
/// value of a million edges was a `String` hashed into dictionaries twice (collecting, then
/// rewriting), retained and released, and the redacted graph was sorted by its strings and packed
/// again. Here each distinct value is found by its bytes (`RedactedValues`) and put to
/// `ValueRewriter` once, as a `String` made once; the same rewriter answers, so the pseudonyms are
/// the same. Nodes are then sorted by their new ids and edges by the ranks of their ends and keys,
/// and the new text is one block beside the graph's own, whose kept text is not copied.
struct PackedRedaction: Sendable {
    let graph: PackedGraph
    private let hmac: HMACSHA256
    private(set) var values = RedactedValues()
    /// The value of each node's id.
    var nodeIds: [Int32] = []
    /// The value of each edge's key, -1 for none, and of each end the graph has no node for, -1
    /// for ends that are nodes.
    var edgeKeys: [Int32] = []
    var edgeSources: [Int32] = []
    var edgeTargets: [Int32] = []
    /// The values of the redacted attributes in graph order (the nodes', then the edges'), and
    /// where each node's and each edge's begin.
    var attributeValues: [Int32] = []
    var nodeValueStarts: [Int32] = []
    var edgeValueStarts: [Int32] = []
    /// The new text, a block after the graph's.
    private(set) var text = GrowingBuffer<UInt8>()
    private let textStart: Int
    let textBlock: Int

    /// Whether redaction changes each attribute's values, by case index.
    static let redacts: [Bool] = {
        CaseTag.checkPlain(Attribute.self)
        return Attribute.allCases.map { $0.redaction != .keep }
    }()

    init(_ graph: PackedGraph, hmac: HMACSHA256) {
        self.graph = graph
        self.hmac = hmac
        textBlock = graph.byteBlocks.count
        textStart = ByteSpan.blockStart(textBlock)
    }

    /// The redacted graph (`PackedRedaction+Graph.swift` makes it from the values' results).
    consuming func run() -> PackedGraph {
        collect()
        assign()
        return redactedGraph()
    }

    // MARK: Collecting

    /// Meets every value, noting each distinct one once (`values`) and where each is met.
    private mutating func collect() {
        let (nodes, edges) = (graph.nodes, graph.edges)
        nodeIds.reserveCapacity(nodes.count)
        nodeValueStarts.reserveCapacity(nodes.count + 1)
        for i in nodes.indices {
            let node = nodes[i]
            nodeIds.append(value(node.id, .id))
            nodeValueStarts.append(Int32(attributeValues.count))
            collect(node.attributes, onDomain: node.kind == .domain)
        }
        nodeValueStarts.append(Int32(attributeValues.count))
        edgeKeys.reserveCapacity(edges.count)
        edgeSources.reserveCapacity(edges.count)
        edgeTargets.reserveCapacity(edges.count)
        edgeValueStarts.reserveCapacity(edges.count + 1)
        for i in edges.indices {
            let edge = edges[i]
            edgeSources.append(edge.sourceNode >= 0 ? -1 : value(edge.source, .id))
            edgeTargets.append(edge.targetNode >= 0 ? -1 : value(edge.target, .id))
            edgeKeys.append(graph.text(edge.key).isEmpty ? -1 : value(edge.key, .key(edge.kind)))
            edgeValueStarts.append(Int32(attributeValues.count))
            collect(edge.attributes, onDomain: false)
        }
        edgeValueStarts.append(Int32(attributeValues.count))
    }

    private mutating func collect(_ run: AttributeRun, onDomain: Bool) {
        for attribute in graph.attributes(run) where Self.redacts[CaseTag.of(attribute.attribute)] {
            // Only a name asks whether its node is a domain.
            let origin = RedactedOrigin.attribute(attribute.attribute, onDomain: onDomain && attribute.attribute == .name, tag: attribute.tag)
            attributeValues.append(attribute.tag == .string ? value(attribute.span, origin) : value(attribute.payload, origin))
        }
    }

    private mutating func value(_ span: ByteSpan, _ origin: RedactedOrigin) -> Int32 {
        values.index(of: span, in: graph, origin: origin)
    }

    private mutating func value(_ payload: UInt64, _ origin: RedactedOrigin) -> Int32 {
        values.index(of: payload, origin: origin)
    }

    // MARK: Assigning

    /// Registers every distinct value with the rewriter, assigns the pseudonyms over all of them,
    /// and writes each value's result. Registering and rewriting take half the values on each
    /// core, with a rewriter each: registering only adds to sets, which are joined after.
    private mutating func assign() {
        let (graph, all, hmac) = (self.graph, values.values, self.hmac)
        let middle = all.count / 2
        let register: @Sendable (Range<Int>) -> ValueRewriter = { range in
            var rewriter = ValueRewriter(hmac: hmac)
            for i in range { _ = Self.ask(all[i], of: graph, rewriter: &rewriter) }
            return rewriter
        }
        var (first, second) = Self.halves(all.count, { register(0..<middle) }, { register(middle..<all.count) })
        first.register(contentsOf: second)
        let assigned = first.assigned()
        let rewrite: @Sendable (Range<Int>) -> [AttributeValue] = { range in
            var rewriter = assigned
            return range.map { Self.ask(all[$0], of: graph, rewriter: &rewriter) }
        }
        let (head, tail) = Self.halves(all.count, { rewrite(0..<middle) }, { rewrite(middle..<all.count) })
        for (i, result) in zip(all.indices, head + tail) {
            let index = Int32(i)
            switch result {
            case .string(var result):
                values[index].result = result.withUTF8 { text.appendText($0, start: textStart) }.rawBits
                values[index].resultTag = .string
            case .integer(let n):
                values[index].result = UInt64(bitPattern: n)
                values[index].resultTag = .integer
            case .boolean(let b):
                values[index].result = b ? 1 : 0
                values[index].resultTag = .boolean
            }
        }
    }

    /// `a` and `b`, on both cores where `count` makes that worth a thread.
    static func halves<A: Sendable, B: Sendable>(_ count: Int, _ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        count < 1 << 12 ? (a(), b()) : Parallel.both(a, b)
    }

    /// The rewriter's answer for `value`: while collecting, the value registered; once assigned,
    /// its pseudonym.
    private static func ask(_ value: RedactedValues.Value, of graph: PackedGraph, rewriter: inout ValueRewriter) -> AttributeValue {
        let text = { String(decoding: graph.text(ByteSpan(bits: value.original)), as: UTF8.self) }
        switch value.origin {
        case .id: return .string(rewriter.id(text()))
        case .key(let kind): return .string(rewriter.key(text(), of: kind))
        case .attribute(let attribute, let onDomain, let tag):
            let original: AttributeValue = switch tag {
            case .string: .string(text())
            case .integer: .integer(Int64(bitPattern: value.original))
            case .boolean: .boolean(value.original != 0)
            }
            return rewriter.attribute(attribute, original, of: onDomain ? .domain : nil)
        }
    }
}

extension Redactor {
    /// `graph` with every account-specific value replaced: the graph `redact(_: RouteGraph)` gives,
    /// packed, made from the packed bytes (`PackedRedaction`).
    func redact(_ graph: PackedGraph) -> PackedGraph {
        PackedRedaction(graph, hmac: hmac).run()
    }
}
