internal import CGNUExtras

/// The canonical graph laid out for writing: every string as UTF-8 bytes in one block of memory,
/// nodes, edges and attributes as fixed-size records that point into it, edge ends as node indices.
///
/// `RouteGraph` holds Swift values (strings, arrays of attributes), and every read of one by an
/// exporter takes a retain and a release; with four formats reading a million edges several times
/// each, that reference counting was a quarter of the run. A packed graph is made once, on every
/// core, and then read by all the exporters at once without touching a reference count. Immutable
/// once made, so any thread may read it.
final class PackedGraph: @unchecked Sendable {
    /// Every node, in graph order.
    let nodes: UnsafeBufferPointer<PackedNode>
    /// Every edge, in graph order.
    let edges: UnsafeBufferPointer<PackedEdge>
    /// The attributes of every node, then of every edge; each record's run is in column order.
    let attributes: UnsafeBufferPointer<PackedAttribute>
    /// The bytes every `ByteSpan` points into.
    let bytes: UnsafeBufferPointer<UInt8>

    init(nodes: UnsafeBufferPointer<PackedNode>, edges: UnsafeBufferPointer<PackedEdge>,
         attributes: UnsafeBufferPointer<PackedAttribute>, bytes: UnsafeBufferPointer<UInt8>) {
        self.nodes = nodes
        self.edges = edges
        self.attributes = attributes
        self.bytes = bytes
    }

    deinit {
        nodes.deallocate()
        edges.deallocate()
        attributes.deallocate()
        bytes.deallocate()
    }

    /// The attributes of a node or edge, in column order.
    @inline(__always)
    func attributes(_ run: AttributeRun) -> UnsafeBufferPointer<PackedAttribute> {
        UnsafeBufferPointer(rebasing: attributes[Int(run.first)..<Int(run.first) + Int(run.count)])
    }

    /// The value of `attribute` in `run`, if present: a short scan, for the few writers that look
    /// up single attributes (labels, flat tables).
    @inline(__always)
    func value(_ attribute: Attribute, in run: AttributeRun) -> PackedAttribute? {
        for i in Int(run.first)..<Int(run.first) + Int(run.count) where attributes[i].attribute == attribute {
            return attributes[i]
        }
        return nil
    }

    /// The integer value of `attribute` in `run`, if it is present and an integer.
    @inline(__always)
    func integer(_ attribute: Attribute, in run: AttributeRun) -> Int64? {
        guard let value = value(attribute, in: run), value.tag == .integer else { return nil }
        return value.integer
    }
}

/// Where a string lies in a packed graph's bytes: the start and the length, in one word.
///
/// Forty bits of start (a terabyte of text) and twenty-four of length; a longer string (16 MB and
/// more, possible in an attribute value) is stored after an eight-byte length, and its span says
/// so with a length of all ones.
struct ByteSpan: Sendable, Equatable {
    private let bits: UInt64

    static let lengthBits: UInt64 = 24
    static let longMarker: UInt64 = (1 << lengthBits) - 1

    init(start: Int, count: Int) {
        precondition(start >= 0 && UInt64(start) < 1 << (64 - Self.lengthBits), "packed graph text over 1 TB")
        precondition(count >= 0 && UInt64(count) < Self.longMarker)
        bits = UInt64(start) << Self.lengthBits | UInt64(count)
    }

    /// The span of a long string, whose length is in the eight bytes before `start`.
    init(longAt start: Int) {
        bits = UInt64(start) << Self.lengthBits | Self.longMarker
    }

    init(bits: UInt64) { self.bits = bits }

    var rawBits: UInt64 { bits }

    var isLong: Bool { bits & Self.longMarker == Self.longMarker }

    /// The span moved `offset` bytes on, for joining blocks of bytes packed apart.
    func shifted(by offset: Int) -> ByteSpan { ByteSpan(bits: bits &+ UInt64(offset) << Self.lengthBits) }

    var rawStart: Int { Int(bits >> Self.lengthBits) }
    var rawCount: Int { Int(bits & Self.longMarker) }

    static let empty = ByteSpan(start: 0, count: 0)
}

extension PackedGraph {
    /// Starts loading the first bytes of `span` (a long string's length with them), ahead of a
    /// read the caller knows is coming; it reads nothing itself, so it never waits.
    @inline(__always)
    func prefetchText(_ span: ByteSpan) {
        rg_prefetch(bytes.baseAddress! + (span.isLong ? span.rawStart - 8 : span.rawStart))
    }

    /// The bytes of `span`, reading a long string's length where it is kept.
    @inline(__always)
    func text(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> {
        guard span.isLong else {
            return UnsafeBufferPointer(rebasing: bytes[span.rawStart..<span.rawStart + span.rawCount])
        }
        let count = UnsafeRawPointer(bytes.baseAddress! + span.rawStart - 8).loadUnaligned(as: UInt64.self)
        return UnsafeBufferPointer(rebasing: bytes[span.rawStart..<span.rawStart + Int(count)])
    }
}

/// A node or edge's attributes: a run of `PackedGraph.attributes`.
struct AttributeRun: Sendable {
    var first: UInt32
    var count: UInt32
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
struct PackedAttribute: Sendable {
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
