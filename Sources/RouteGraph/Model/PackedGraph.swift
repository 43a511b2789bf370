internal import CGNUExtras

/// The canonical graph laid out for writing: every string as UTF-8 bytes in a few blocks of memory,
/// nodes, edges and attributes as fixed-size records that point into them, edge ends as node
/// indices.
///
/// `RouteGraph` holds Swift values (strings, arrays of attributes), and every read of one by an
/// exporter takes a retain and a release; with four formats reading a million edges several times
/// each, that reference counting was a quarter of the run. A packed graph is made once, on every
/// core, and then read by all the exporters at once without touching a reference count. Immutable
/// once made, so any thread may read it.
///
/// Its texts and attributes stay in the blocks the packing threads wrote them into (a span and a
/// run name their block), so that they need not be copied into one array once packed: that copy,
/// with every span moved past the blocks before it, was about a tenth of packing at 1 GB.
final class PackedGraph: @unchecked Sendable {
    /// Every node, in graph order.
    let nodes: UnsafeBufferPointer<PackedNode>
    /// Every edge, in graph order.
    let edges: UnsafeBufferPointer<PackedEdge>
    /// Where each block's bytes and attributes start, by block number.
    private let byteBases: UnsafeMutablePointer<UnsafePointer<UInt8>>
    private let attributeBases: UnsafeMutablePointer<UnsafePointer<PackedAttribute>>
    /// The blocks' memory, held for as long as the graph is; a graph made from this one (a
    /// redacted or focused one) may hold the blocks it keeps, rather than copy them.
    let byteBlocks: [GrowingBuffer<UInt8>]
    let attributeBlocks: [GrowingBuffer<PackedAttribute>]

    /// A graph of `nodes` and `edges` (taken over, freed with the graph) whose spans and runs point
    /// into `byteBlocks` and `attributeBlocks` by their position. At least one block of each, so
    /// that the empty span has somewhere to point.
    init(nodes: UnsafeMutableBufferPointer<PackedNode>, edges: UnsafeMutableBufferPointer<PackedEdge>,
         byteBlocks: [GrowingBuffer<UInt8>], attributeBlocks: [GrowingBuffer<PackedAttribute>]) {
        precondition(!byteBlocks.isEmpty && byteBlocks.count <= ByteSpan.blockLimit && !attributeBlocks.isEmpty
            && attributeBlocks.count <= Int(UInt16.max))
        self.nodes = UnsafeBufferPointer(nodes)
        self.edges = UnsafeBufferPointer(edges)
        self.byteBlocks = byteBlocks
        self.attributeBlocks = attributeBlocks
        byteBases = .allocate(capacity: byteBlocks.count)
        for (i, block) in byteBlocks.enumerated() { (byteBases + i).initialize(to: UnsafePointer(block.base)) }
        attributeBases = .allocate(capacity: attributeBlocks.count)
        for (i, block) in attributeBlocks.enumerated() { (attributeBases + i).initialize(to: UnsafePointer(block.base)) }
    }

    deinit {
        nodes.deallocate()
        edges.deallocate()
        byteBases.deallocate()
        attributeBases.deallocate()
    }

    /// How many attribute values the nodes and edges have in all.
    var attributeCount: Int { attributeBlocks.reduce(0) { $0 + $1.count } }

    /// The attributes of a node or edge, in column order.
    @inline(__always)
    func attributes(_ run: AttributeRun) -> UnsafeBufferPointer<PackedAttribute> {
        UnsafeBufferPointer(start: attributeBases[Int(run.block)] + Int(run.first), count: Int(run.count))
    }

    /// The value of `attribute` in `run`, if present: a short scan, for the few writers that look
    /// up single attributes (labels, flat tables).
    @inline(__always)
    func value(_ attribute: Attribute, in run: AttributeRun) -> PackedAttribute? {
        for value in attributes(run) where value.attribute == attribute { return value }
        return nil
    }

    /// The integer value of `attribute` in `run`, if it is present and an integer.
    @inline(__always)
    func integer(_ attribute: Attribute, in run: AttributeRun) -> Int64? {
        guard let value = value(attribute, in: run), value.tag == .integer else { return nil }
        return value.integer
    }
}

/// Where a string lies in a packed graph's bytes: the start and the length, in one word, and
/// whether the text is plain (`PlainText`), which the writers then copy without scanning it.
///
/// Forty bits of start, one for plainness and twenty-three of length; a longer string (8 MB and
/// more, possible in an attribute value) is stored after an eight-byte length, and its span says
/// so with a length of all ones. The start is a block's number (the high six bits) and the place
/// in that block's bytes (the low 34: 16 GB a block).
struct ByteSpan: Sendable, Equatable {
    private let bits: UInt64

    static let lengthBits: UInt64 = 23
    static let longMarker: UInt64 = (1 << lengthBits) - 1
    private static let plainFlag: UInt64 = 1 << lengthBits
    private static let startShift: UInt64 = lengthBits + 1

    init(start: Int, count: Int, isPlain: Bool = false) {
        precondition(start >= 0 && UInt64(start) < 1 << (64 - Self.startShift), "packed graph text over 1 TB")
        precondition(count >= 0 && UInt64(count) < Self.longMarker)
        bits = UInt64(start) << Self.startShift | (isPlain ? Self.plainFlag : 0) | UInt64(count)
    }

    /// The span of a long string, whose length is in the eight bytes before `start`.
    init(longAt start: Int, isPlain: Bool = false) {
        bits = UInt64(start) << Self.startShift | (isPlain ? Self.plainFlag : 0) | Self.longMarker
    }

    init(bits: UInt64) { self.bits = bits }

    var rawBits: UInt64 { bits }

    var isLong: Bool { bits & Self.longMarker == Self.longMarker }

    /// Whether the text is plain (`PlainText.isPlain`): false says nothing, as a span made
    /// without looking at its text is never marked plain.
    var isPlain: Bool { bits & Self.plainFlag != 0 }

    var rawStart: Int { Int(bits >> Self.startShift) }
    var rawCount: Int { Int(bits & Self.longMarker) }

    static let empty = ByteSpan(start: 0, count: 0)

    /// How many bits of the start are the place in a block, and how many blocks there can be.
    static let offsetBits = 34
    static let blockLimit = 1 << (64 - Int(startShift) - offsetBits)

    /// The start of block `block`'s bytes, as a span's start.
    static func blockStart(_ block: Int) -> Int {
        precondition(block >= 0 && block < blockLimit, "packed graph of more than \(blockLimit) blocks")
        return block << offsetBits
    }

    /// The block whose bytes the span is in, and where in them it starts.
    var block: Int { rawStart >> Self.offsetBits }
    var offset: Int { rawStart & (1 << Self.offsetBits - 1) }
}

extension PackedGraph {
    /// Starts loading the first bytes of `span` (a long string's length with them), ahead of a
    /// read the caller knows is coming; it reads nothing itself, so it never waits.
    @inline(__always)
    func prefetchText(_ span: ByteSpan) {
        rg_prefetch(byteBases[span.block] + (span.isLong ? span.offset - 8 : span.offset))
    }

    /// The index of the node whose id is `id`, by binary search of the ids (nodes are in id
    /// order); -1 if there is none.
    func nodeIndex(id: UnsafeBufferPointer<UInt8>) -> Int32 {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if ByteOrder.compare(text(nodes[mid].id), id) < 0 { low = mid + 1 } else { high = mid }
        }
        return low < nodes.count && ByteOrder.compare(text(nodes[low].id), id) == 0 ? Int32(low) : -1
    }

    /// The bytes of `span`, reading a long string's length where it is kept.
    @inline(__always)
    func text(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> {
        let start = byteBases[span.block] + span.offset
        guard span.isLong else { return UnsafeBufferPointer(start: start, count: span.rawCount) }
        let count = UnsafeRawPointer(start - 8).loadUnaligned(as: UInt64.self)
        return UnsafeBufferPointer(start: start, count: Int(count))
    }
}

/// A node or edge's attributes: a run of one of the packed graph's blocks of attributes.
struct AttributeRun: Sendable {
    var first: UInt32
    var count: UInt16
    var block: UInt16
}

/// A node of a packed graph.
struct PackedNode: Sendable {
    var id: ByteSpan
    /// `Node.label`'s bytes: often a part of the id or the name, not a copy.
    var label: ByteSpan
    var attributes: AttributeRun
    var kind: NodeKind
}

/// An edge of a packed graph.
struct PackedEdge: Sendable {
    /// The ends' ids: the span of the node's id where the graph has the node.
    var source: ByteSpan
    var target: ByteSpan
    var key: ByteSpan
    /// The ends' node indices, -1 for an end the graph has no node for.
    var sourceNode: Int32
    var targetNode: Int32
    var attributes: AttributeRun
    var kind: EdgeKind
}

/// One attribute value of a packed graph: a string's span, an integer or a boolean, in a word.
struct PackedAttribute: Sendable, BitwiseCopyable {
    enum Tag: UInt8, Sendable {
        case string, integer, boolean
    }

    var payload: UInt64
    var attribute: Attribute
    var tag: Tag

    var span: ByteSpan { ByteSpan(bits: payload) }
    var integer: Int64 { Int64(bitPattern: payload) }
    var boolean: Bool { payload != 0 }
}

/// A case without a payload: packed attributes, which name theirs, are plain words to copy.
extension Attribute: BitwiseCopyable {}

/// Likewise: packed edges, which name theirs, are plain words to copy.
extension EdgeKind: BitwiseCopyable {}
