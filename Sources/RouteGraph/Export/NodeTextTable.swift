internal import CGNUExtras

/// Text a writer makes for each node of a packed graph (an escaped or quoted id), made once and
/// copied wherever the node is named.
///
/// Every edge names two nodes, so on a graph of a million edges each node's id is written a dozen
/// times on average: escaping it afresh each time (GraphML turns the `/` of every CIDR into
/// `_x002F_`, byte by byte) was a quarter of writing a GraphML file. Immutable once made, so the
/// threads rendering pieces of one file read it at once.
final class NodeTextTable: @unchecked Sendable {
    /// Every node's text, one after another.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where the text of node `i` ends in `bytes`; it starts where node `i - 1`'s ends.
    private let ends: UnsafeMutableBufferPointer<Int>

    /// The texts `make` appends for each node of `graph`, in node order.
    init(_ graph: PackedGraph, _ make: (PackedNode, inout TextBuffer) -> Void) {
        var text = TextBuffer(flushLimit: 0)
        ends = .allocate(capacity: graph.nodes.count)
        for (i, node) in graph.nodes.enumerated() {
            make(node, &text)
            ends.initializeElement(at: i, to: text.count)
        }
        bytes = .allocate(capacity: text.count)
        _ = bytes.initialize(fromContentsOf: text.bytes)
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    /// The text of the node at `index` in the graph's nodes.
    @inline(__always)
    func text(of index: Int) -> UnsafeBufferPointer<UInt8> { texts.text(of: index) }

    /// The texts, to be read while this table is held: a loop over many rows reads them through
    /// this view, which has no reference count. Through the class, Swift retained and released
    /// the table around each use, and two threads writing rows of one file at once then fought
    /// over its count (a sixth of the time `edges.csv` took).
    var texts: NodeTexts { NodeTexts(bytes: UnsafeBufferPointer(bytes), ends: UnsafeBufferPointer(ends)) }
}

/// The texts of a `NodeTextTable`, valid while the table is.
struct NodeTexts {
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let ends: UnsafeBufferPointer<Int>

    /// The text of the node at `index` in the graph's nodes.
    @inline(__always)
    func text(of index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
    }

    /// Starts loading where the text of node `index` ends: the first of two steps ahead of a read
    /// of the text, as its address depends on that end.
    @inline(__always)
    func prefetchEnd(of index: Int) {
        rg_prefetch(ends.baseAddress! + max(index - 1, 0))
    }

    /// Starts loading the start of node `index`'s text; its end should be loaded already
    /// (`prefetchEnd`), or this read waits for it.
    @inline(__always)
    func prefetchText(of index: Int) {
        rg_prefetch(bytes.baseAddress! + (index == 0 ? 0 : ends[index - 1]))
    }
}

/// Loads the texts of the nodes the edges ahead of a writer's loop point to. Edges go in the order
/// of their sources, so the sources' texts are read one after another, but the targets' lie all
/// over the table: in a `perf` profile at 1 GB the copy of each target's text was a cache miss,
/// 5% of the run's samples, in every writer of edges.
struct EdgeTargetPrefetch {
    /// How many edges ahead the target's text is loaded; its end, the text's address, twice as
    /// many ahead.
    static let distance = 8
    private let edges: UnsafeBufferPointer<PackedEdge>
    private let texts: NodeTexts
    private let end: Int

    /// For a loop over `range` of `graph`'s edges reading `texts`.
    init(_ graph: PackedGraph, _ range: Range<Int>, _ texts: NodeTexts) {
        edges = graph.edges
        self.texts = texts
        end = range.upperBound
    }

    /// Called before edge `i` is written.
    @inline(__always)
    func ahead(of i: Int) {
        let far = i + 2 * Self.distance
        if far < end, case let node = edges[far].targetNode, node >= 0 { texts.prefetchEnd(of: Int(node)) }
        let near = i + Self.distance
        if near < end, case let node = edges[near].targetNode, node >= 0 { texts.prefetchText(of: Int(node)) }
    }
}
