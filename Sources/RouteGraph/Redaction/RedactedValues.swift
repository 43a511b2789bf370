/// What a value of a packed graph is to redaction: which of `ValueRewriter`'s questions it is asked
/// with. A node id and an edge's end take the same question; a key's depends on its edge's kind,
/// a name's on whether its node is a domain.
enum RedactedOrigin: Sendable, Equatable {
    case id
    case key(EdgeKind)
    case attribute(Attribute, onDomain: Bool, tag: PackedAttribute.Tag)

    /// The origin as a number, hashed and compared with the value.
    var code: UInt32 {
        switch self {
        case .id: 0
        case .key(let kind): 1 << 8 | UInt32(CaseTag.of(kind))
        case .attribute(let attribute, let onDomain, let tag):
            2 << 16 | UInt32(CaseTag.of(attribute)) << 3 | (onDomain ? 4 : 0) | UInt32(tag.rawValue)
        }
    }
}

/// The distinct values a packed graph's redaction meets, each with its origin, in the order they
/// were first met, and what each became.
///
/// A graph names each node once as a node and again at every edge that meets it, and one
/// connection's input, request id and next hop at every one of its entries: at 1 GB, 1.2 million
/// edges hold a few hundred thousand distinct values. Redaction asks `ValueRewriter` once per
/// distinct value, from a `String` made once, and finds the rest here by their bytes, with no
/// `String` made, hashed or retained.
struct RedactedValues: Sendable {
    struct Value: Sendable {
        let origin: RedactedOrigin
        /// The original's span in the graph, or its payload.
        let original: UInt64
        /// What it became: a span of the redacted graph's new text, or a payload.
        var result: UInt64 = 0
        var resultTag: PackedAttribute.Tag = .string
    }

    private(set) var values: [Value] = []
    private var hashes: [UInt64] = []
    private var codes: [UInt32] = []
    private var slots = HashSlots()

    subscript(index: Int32) -> Value {
        get { values[Int(index)] }
        set { values[Int(index)] = newValue }
    }

    /// The index of the text value `span` of `graph` with `origin`, added if new.
    mutating func index(of span: ByteSpan, in graph: PackedGraph, origin: RedactedOrigin) -> Int32 {
        let text = graph.text(span)
        let code = origin.code
        let hash = GraphIdTable.hash(text) ^ UInt64(code) &* 0xD6E8_FEB8_6659_FD93
        let (found, slot) = slots.find(hash) { index in
            hashes[Int(index)] == hash && codes[Int(index)] == code && ByteOrder.same(graph.text(ByteSpan(bits: values[Int(index)].original)), text)
        }
        if let found { return found }
        return add(Value(origin: origin, original: span.rawBits), hash: hash, code: code, at: slot)
    }

    /// The index of the integer or boolean value `payload` with `origin`, added if new.
    mutating func index(of payload: UInt64, origin: RedactedOrigin) -> Int32 {
        let code = origin.code
        var hash = (payload ^ UInt64(code) << 40) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 29
        let (found, slot) = slots.find(hash) { index in
            hashes[Int(index)] == hash && codes[Int(index)] == code && values[Int(index)].original == payload
        }
        if let found { return found }
        return add(Value(origin: origin, original: payload), hash: hash, code: code, at: slot)
    }

    private mutating func add(_ value: Value, hash: UInt64, code: UInt32, at slot: Int) -> Int32 {
        values.append(value)
        hashes.append(hash)
        codes.append(code)
        slots.put(at: slot, hashes: hashes)
        return Int32(values.count - 1)
    }
}
