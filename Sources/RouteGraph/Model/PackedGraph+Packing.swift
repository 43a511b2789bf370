internal import CGNUExtras
import Synchronization

extension PackedGraph {
    /// Packs `graph`, which stays as it is.
    convenience init(_ graph: RouteGraph) {
        let parts = graph.nodes.withUnsafeBufferPointer { nodes in
            graph.edges.withUnsafeBufferPointer { edges in
                Self.pack(Records(nodes), Records(edges), release: false)
            }
        }
        self.init(parts)
    }

    /// Packs `graph`, letting each node and edge go once packed: the graph and its packed form are
    /// never both held whole, for callers that have no further use for the graph. If the caller
    /// still shares the graph's storage, it is copied first (and the copy let go), at a cost.
    convenience init(releasing graph: consuming RouteGraph) {
        // The parameter itself, not a copy of it: a second reference would make the graph's
        // storage shared, and taking it apart would copy it first.
        let parts = graph.withMutableContents { nodes, edges in
            Self.pack(Records(nodes), Records(edges), release: true)
        }
        _ = consume graph
        // What the graph let go is free inside the allocator but still resident: handed back, so
        // that the run's peak does not hold it beside the packed graph.
        ReleasedMemory.returnToSystem()
        self.init(parts)
    }

    /// Packs an assembled graph, letting each node and each edge's attributes go once packed, as
    /// `init(releasing:)` does with a graph. Its edges are packed from where building left them,
    /// their ends already node positions: no `Edge` is made (three strings retained and released
    /// each, 64 bytes each beside the pending edges, at the moment the run's memory peaks), and
    /// no end is looked up.
    ///
    /// The nodes and then the edges are cut into blocks of equal counts, which two threads pack,
    /// each taking the next block when it is free, into their places in the graph's arrays. Blocks
    /// of equal counts are far from equal in work (at 1 GB the connections' `ROUTES` edges, ten
    /// attributes each, sit together in the first half of the edges; on a directory of single
    /// responses the routes, seventeen attributes each, make the nodes the heavy part), so there
    /// are enough of them, six of edges and three of nodes, that the threads finish close
    /// together: with two halves of the edges, the first took three quarters of packing's time at
    /// 1 GB. An edge takes its ends' id spans from their packed nodes; a block of edges begun
    /// while nodes were still being packed has them filled in once all blocks are packed (every
    /// block has, with `endsLast`, for the tests). A small graph is packed in two blocks of each.
    /// A large one's remains are let go on another thread (`ReleasedMemory.waitForBackground()`
    /// waits for them).
    convenience init(releasing assembled: consuming AssembledGraph, endsLast: Bool = false) {
        let isLarge = assembled.order.count >= Self.largeGraphEdges
        let parts = PendingEdges.with(&assembled) { nodes, edges in
            // What building let go is handed back before packing adds to it.
            ReleasedMemory.returnToSystem()
            // A small graph keeps to two blocks of edges and two of nodes: each block has tables
            // of its own, and a small run is measured by its memory.
            let edgeRanges = Self.cut(edges.order.count, into: isLarge ? 6 : 2)
            let nodeRanges = Self.cut(nodes.buffer.count, into: isLarge ? 3 : 2)
            let target = PackingTarget(nodes: nodes.buffer.count, edges: edges.order.count)
            let nodesPacked = NodesPacked(blocks: nodeRanges.count)
            let nodeTasks: [@Sendable () -> PackingBlock] = nodeRanges.enumerated().map { k, range in
                {
                    let block = PackingBlock(number: k, nodes: nodes.range(range, release: true), into: target.nodes.baseAddress!)
                    nodesPacked.blockDone()
                    return block
                }
            }
            let edgeTasks: [@Sendable () -> PackingBlock] = edgeRanges.enumerated().map { k, range in
                { PackingBlock(number: nodeRanges.count + k, edges: edges, range: range, into: target, nodesPacked: nodesPacked, endsLast: endsLast) }
            }
            let blocks = Parallel.inTurn(nodeTasks + edgeTasks)
            // Every node is packed now: the blocks of edges begun before that take their ends'
            // ids (at 1 GB one block, begun beside the last block of nodes).
            let late = blocks.filter { $0.endsPending != nil }
            _ = Parallel.inTurn(late.map { block in { block.fillEnds(in: target) } })
            return PackedParts(target: target, blocks: blocks)
        }
        if isLarge {
            // What is left of the assembled graph (the pending edges, their keys and entries) is
            // let go beside writing, which begins now: let go here, it kept one core busy and the
            // other idle between packing and writing.
            ReleasedMemory.letGoInBackground(consume assembled)
        } else {
            _ = consume assembled
            ReleasedMemory.returnToSystem()
        }
        self.init(parts)
    }

    /// From how many edges a graph is packed in more blocks than two.
    private static let largeGraphEdges = 1 << 17

    /// `0..<count` cut into `parts` ranges of nearly equal counts, in order.
    private static func cut(_ count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { count * $0 / parts..<count * ($0 + 1) / parts }
    }

    /// The nodes, each half on a thread of its own, then the edges likewise. Edge ends are found
    /// among the nodes by their strings' bits, so with `release` the nodes' ids must outlive the
    /// search: an edge end made from a node id shares its storage and keeps it alive.
    private static func pack(_ nodes: Records<Node>, _ edges: Records<Edge>, release: Bool) -> PackedParts {
        // What building the graph let go is handed back before packing adds to it.
        if release { ReleasedMemory.returnToSystem() }
        let finder = NodeFinder(nodes.buffer)
        let target = PackingTarget(nodes: nodes.buffer.count, edges: edges.buffer.count)
        let nodeSplit = nodes.buffer.count / 2
        let (first, second) = Parallel.both(
            { PackingBlock(number: 0, nodes: nodes.range(0..<nodeSplit, release: release), into: target.nodes.baseAddress!) },
            { PackingBlock(number: 1, nodes: nodes.range(nodeSplit..<nodes.buffer.count, release: release), into: target.nodes.baseAddress!) })
        if release { ReleasedMemory.returnToSystem() }
        let ids = PackedIds(nodes: UnsafeBufferPointer(target.nodes), blocks: [first.bytes, second.bytes])
        let edgeSplit = edges.buffer.count / 2
        let (third, fourth) = Parallel.both(
            { PackingBlock(number: 2, edges: edges.range(0..<edgeSplit, release: release), finder: finder, ids: ids, into: target) },
            { PackingBlock(number: 3, edges: edges.range(edgeSplit..<edges.buffer.count, release: release), finder: finder, ids: ids, into: target) })
        return PackedParts(target: target, blocks: [first, second, third, fourth])
    }

    /// The packed graph of `parts`: its arrays taken over, its blocks' memory kept.
    private convenience init(_ parts: PackedParts) {
        self.init(nodes: parts.target.nodes, edges: parts.target.edges,
                  byteBlocks: parts.blocks.map(\.bytes), attributeBlocks: parts.blocks.map(\.attributes))
    }
}

/// The packed graph's arrays of nodes and edges, allocated at their final sizes before packing,
/// each block of records packed into its own part.
private struct PackingTarget: @unchecked Sendable {
    let nodes: UnsafeMutableBufferPointer<PackedNode>
    let edges: UnsafeMutableBufferPointer<PackedEdge>

    init(nodes: Int, edges: Int) {
        self.nodes = .allocate(capacity: nodes)
        self.edges = .allocate(capacity: edges)
    }
}

/// What packing made: the arrays, and the blocks in the order of their numbers.
private struct PackedParts: Sendable {
    let target: PackingTarget
    let blocks: [PackingBlock]
}

/// Counts the blocks of nodes packed, for blocks of edges that take their ends' id spans from them.
private final class NodesPacked: Sendable {
    private let remaining: Atomic<Int>

    init(blocks: Int) { remaining = Atomic(blocks) }

    /// Releases what the block wrote to the threads that see the count go down.
    func blockDone() { remaining.subtract(1, ordering: .releasing) }

    var isComplete: Bool { remaining.load(ordering: .acquiring) == 0 }
}

/// Packed nodes' ids, to find an edge end by its text where its string's bits did not find it.
private struct PackedIds: @unchecked Sendable {
    let nodes: UnsafeBufferPointer<PackedNode>
    let blocks: [GrowingBuffer<UInt8>]

    private func id(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let span = nodes[i].id
        guard !span.isLong else { return UnsafeBufferPointer(start: nil, count: 0) }  // Never an id.
        return UnsafeBufferPointer(start: blocks[span.block].base + span.offset, count: span.rawCount)
    }

    /// The index of the node with `id` (nodes are sorted by id), by binary search of the bytes; -1
    /// if there is none. `hint` is a node to try first: edges come in order, so an edge's ends are
    /// often the last one's (one comparison where the search makes eighteen).
    func index(of id: String, hint: Int32 = -1) -> Int32 {
        var id = id
        return id.withUTF8 { wanted in
            if hint >= 0 && ByteOrder.same(self.id(Int(hint)), wanted) { return hint }
            guard let target = wanted.baseAddress else { return -1 }
            var low = 0, high = nodes.count
            while low < high {
                let mid = (low + high) / 2
                let candidate = self.id(mid)
                // An id is never empty, so the base address of a long span's empty stand-in is
                // never read.
                let order = candidate.isEmpty ? -1 : ByteOrder.compare(candidate.baseAddress!, candidate.count, target, wanted.count)
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return low < nodes.count && ByteOrder.same(self.id(low), wanted) ? Int32(low) : -1
        }
    }
}

/// Nodes or edges to pack, in place; with `release`, each is replaced by an empty one once packed,
/// giving back its strings and attributes.
private struct Records<Record>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Record>

    init(_ buffer: UnsafeBufferPointer<Record>) { self.buffer = buffer }
    init(_ buffer: UnsafeMutableBufferPointer<Record>) { self.buffer = UnsafeBufferPointer(buffer) }

    struct Range {
        let buffer: UnsafeBufferPointer<Record>
        let indices: Swift.Range<Int>
        let release: Bool
    }

    func range(_ indices: Swift.Range<Int>, release: Bool) -> Range { Range(buffer: buffer, indices: indices, release: release) }
}

extension Records.Range {
    /// After how many records let go their memory is handed back to the system. What they free
    /// stays resident inside the allocator otherwise, and the packed records would grow beside the
    /// graph instead of in its place: packing is where a run's memory peaks. A few times per range,
    /// as each hand-back walks the whole heap.
    var returnStep: Int { Swift.max(1 << 16, indices.count / 4) }
}

/// The edges of an assembled graph in place, for packing: its canonical order of positions in
/// the two assemblies' tables, and where each assembly's nodes and keys are. Only valid inside
/// `with`, whose buffers it points into.
private struct PendingEdges: @unchecked Sendable {
    let order: UnsafeBufferPointer<UInt32>
    let edgesA: UnsafeMutablePointer<GraphAssembly.PendingEdge>?
    let edgesB: UnsafeMutablePointer<GraphAssembly.PendingEdge>?
    let placeA: UnsafeBufferPointer<Int32>
    let placeB: UnsafeBufferPointer<Int32>
    let keysA: UnsafePointer<String>?
    let keysB: UnsafePointer<String>?
    /// The entries `ROUTES` edges name, each let go once its edge is packed.
    let entriesA: VpnEntryPointers
    let entriesB: VpnEntryPointers

    /// Starts loading what packing the edge at `k` of the order reads: the pending edge, and for a
    /// `ROUTES` edge its entry. The order goes by node, and entries lie in the order they were
    /// read, so each edge's entry is a cache miss where packing would otherwise wait.
    @inline(__always)
    func prefetch(at k: Int) {
        let entry = order[k]
        let fromB = entry & AssembledGraph.fromB != 0
        let pending = (fromB ? edgesB! : edgesA!) + Int(entry & ~AssembledGraph.fromB)
        let number = pending.pointee.entry
        guard number >= 0 else { return }
        let fields = UnsafeRawPointer(fromB ? entriesB.entry(number) : entriesA.entry(number))
        for line in stride(from: 0, to: MemoryLayout<VpnRouteEntry>.size, by: 64) { rg_prefetch(fields + line) }
    }

    /// Calls `body` with the nodes of `assembled` in place and its edges.
    static func with<R>(_ assembled: inout AssembledGraph, _ body: (Records<Node>, PendingEdges) -> R) -> R {
        let (order, placeA, placeB, keysA, keysB) = (assembled.order, assembled.placeA, assembled.placeB, assembled.keysA, assembled.keysB)
        return order.withUnsafeBufferPointer { order in
            placeA.withUnsafeBufferPointer { placeA in
                placeB.withUnsafeBufferPointer { placeB in
                    keysA.withUnsafeBufferPointer { keysA in
                        keysB.withUnsafeBufferPointer { keysB in
                            assembled.nodes.withUnsafeMutableBufferPointer { nodes in
                                assembled.edgesA.withUnsafeMutableBufferPointer { edgesA in
                                    assembled.edgesB.withUnsafeMutableBufferPointer { edgesB in
                                        assembled.entriesA.withEntries { entriesA in
                                            assembled.entriesB.withEntries { entriesB in
                                                body(Records(nodes), PendingEdges(
                                                    order: order, edgesA: edgesA.baseAddress, edgesB: edgesB.baseAddress,
                                                    placeA: placeA, placeB: placeB, keysA: keysA.baseAddress, keysB: keysB.baseAddress,
                                                    entriesA: entriesA, entriesB: entriesB))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Nodes or edges packed by one thread into their places in the graph's arrays, and the
/// attributes and bytes they point to, which stay in the block: its spans carry its number.
private struct PackingBlock: Sendable {
    let number: Int
    var bytes = GrowingBuffer<UInt8>()
    var attributes = GrowingBuffer<PackedAttribute>()
    /// The block's first byte as a span's start.
    private let byteStart: Int
    /// The edges packed with empty ends because some nodes were not packed yet (`fillEnds`).
    private(set) var endsPending: Range<Int>?
    private var recent = RecentSpans<StringBits>()
    /// The spans of the input locations `addInput` packed last.
    private var recentInputs = RecentSpans<InputKey>()

    /// Where the strings are within a node and an edge, to read their bits in place.
    private static let nodeId = MemoryLayout<Node>.offset(of: \Node.id)!
    private static let edgeSource = MemoryLayout<Edge>.offset(of: \Edge.source)!
    private static let edgeTarget = MemoryLayout<Edge>.offset(of: \Edge.target)!
    private static let edgeKey = MemoryLayout<Edge>.offset(of: \Edge.key)!
    /// Where a string value is within an attribute entry: an enum's payload starts its storage,
    /// and the value starts the entry (checked once, by `Attributes.Entry.stringOffset`).
    private static let entryString = Attributes.Entry.stringOffset

    private init(number: Int) {
        self.number = number
        byteStart = ByteSpan.blockStart(number)
        precondition(number <= Int(UInt16.max))
    }

    /// Packs the nodes of `source` into their places in `target`.
    init(number: Int, nodes source: Records<Node>.Range, into target: UnsafeMutablePointer<PackedNode>) {
        self.init(number: number)
        attributes.reserveCapacity(4 * source.indices.count)
        let returnStep = source.returnStep
        let end = source.indices.upperBound
        for i in source.indices {
            let node = source.buffer.baseAddress! + i
            if i + Self.nodeLookahead < end { Self.prefetchEntries(of: node + Self.nodeLookahead) }
            if i + Self.nodeLookahead / 2 < end { Self.prefetchTexts(of: node + Self.nodeLookahead / 2) }
            let id = span(ofStringAt: UnsafeRawPointer(node) + Self.nodeId)
            let attributes = run(of: Self.attributes(of: node), AttributeColumns.node)
            let label = labelSpan(node, id: id, attributes: attributes)
            (target + i).initialize(to: PackedNode(id: id, label: label, attributes: attributes, kind: node.pointee.kind))
            if source.release {
                UnsafeMutablePointer(mutating: node).pointee = Node(id: "", kind: .cidr)
                if (i - source.indices.lowerBound + 1) % returnStep == 0 { ReleasedMemory.returnToSystem() }
            }
        }
    }

    /// Packs the edges of `source` into their places in `target`, whose nodes are all packed: an
    /// end that is a node takes its id's span.
    init(number: Int, edges source: Records<Edge>.Range, finder: NodeFinder, ids: PackedIds, into target: PackingTarget) {
        self.init(number: number)
        attributes.reserveCapacity(6 * source.indices.count)
        let returnStep = source.returnStep
        var (sourceNode, targetNode): (Int32, Int32) = (-1, -1)
        var missed = EdgeEndCache()
        for i in source.indices {
            let edge = source.buffer.baseAddress! + i
            let sourceField = UnsafeRawPointer(edge) + Self.edgeSource
            let targetField = UnsafeRawPointer(edge) + Self.edgeTarget
            sourceNode = Self.node(at: sourceField, finder, ids, &missed, hint: sourceNode)
            targetNode = Self.node(at: targetField, finder, ids, &missed, hint: targetNode)
            (target.edges.baseAddress! + i).initialize(to: PackedEdge(
                source: sourceNode >= 0 ? target.nodes[Int(sourceNode)].id : span(ofStringAt: sourceField),
                target: targetNode >= 0 ? target.nodes[Int(targetNode)].id : span(ofStringAt: targetField),
                key: span(ofStringAt: UnsafeRawPointer(edge) + Self.edgeKey),
                sourceNode: sourceNode, targetNode: targetNode,
                attributes: run(of: Self.attributes(of: edge), AttributeColumns.edge),
                kind: edge.pointee.kind))
            if source.release {
                UnsafeMutablePointer(mutating: edge).pointee = Edge(source: "", target: "", kind: .hasRoute)
                if (i - source.indices.lowerBound + 1) % returnStep == 0 { ReleasedMemory.returnToSystem() }
            }
        }
    }

    /// Packs the edges at `range` of an assembled graph's order into their places in `target`,
    /// letting each edge's attributes go once packed. Every end is a node, whose id span it takes
    /// from the packed node as it goes if every block of nodes was packed when it began; else
    /// they wait for `fillEnds`.
    init(number: Int, edges source: PendingEdges, range: Range<Int>, into target: PackingTarget, nodesPacked: NodesPacked, endsLast: Bool) {
        self.init(number: number)
        attributes.reserveCapacity(6 * range.count)
        let nodes = target.nodes.baseAddress!
        let packed = target.edges.baseAddress!
        let idsReady = !endsLast && nodesPacked.isComplete
        // Memory is handed back for the reason of `Records.Range.returnStep`, about once a block:
        // every eighth of all the edges, as each hand-back walks the whole heap.
        let returnStep = Swift.max(1 << 16, source.order.count / 8)
        for k in range {
            if k + Self.edgeLookahead < range.upperBound { source.prefetch(at: k + Self.edgeLookahead) }
            let entry = source.order[k]
            let fromB = entry & AssembledGraph.fromB != 0
            let pending = (fromB ? source.edgesB! : source.edgesA!) + Int(entry & ~AssembledGraph.fromB)
            let place = fromB ? source.placeB : source.placeA
            let sourceNode = place[Int(pending.pointee.source)]
            let targetNode = place[Int(pending.pointee.target)]
            let key = (fromB ? source.keysB! : source.keysA!) + Int(pending.pointee.key)
            let attributeRun: AttributeRun
            if pending.pointee.entry >= 0 {
                // Not `(fromB ? b : a).entry(…)`: the choice would be a copy of the pointers' arrays,
                // retained and released per edge by both threads at once.
                let entry = fromB ? source.entriesB.entry(pending.pointee.entry) : source.entriesA.entry(pending.pointee.entry)
                attributeRun = run(ofRoutesOf: entry)
                entry.pointee.letGo()
            } else {
                attributeRun = withUnsafePointer(to: &pending.pointee.attributes) { run(of: $0, AttributeColumns.edge) }
                pending.pointee.attributes = Attributes()
            }
            (packed + k).initialize(to: PackedEdge(
                source: idsReady ? nodes[Int(sourceNode)].id : .empty, target: idsReady ? nodes[Int(targetNode)].id : .empty,
                key: span(ofStringAt: UnsafeRawPointer(key)), sourceNode: sourceNode, targetNode: targetNode,
                attributes: attributeRun, kind: pending.pointee.kind))
            if (k - range.lowerBound + 1) % returnStep == 0 { ReleasedMemory.returnToSystem() }
        }
        if !idsReady { endsPending = range }
    }

    /// Gives the edges this block packed before every node was their ends' id spans.
    func fillEnds(in target: PackingTarget) {
        guard let range = endsPending else { return }
        let (nodes, packed) = (target.nodes.baseAddress!, target.edges.baseAddress!)
        for k in range {
            packed[k].source = nodes[Int(packed[k].sourceNode)].id
            packed[k].target = nodes[Int(packed[k].targetNode)].id
        }
    }

    /// How many edges ahead `init(edges:range:)` asks for the memory of the next ones.
    private static let edgeLookahead = 8

    /// How many nodes ahead `init(nodes:)` asks for a node's attribute entries; the texts those
    /// entries hold are asked for at half the distance, once the entries have arrived. Nodes lie
    /// in order, but each one's entries and strings were allocated wherever reading left them:
    /// without this, packing waits for memory at every node (at 1 GB, a node's first touch of
    /// its entries was half the samples of packing nodes).
    private static let nodeLookahead = 8
    private static let nodeAttributes = MemoryLayout<Node>.offset(of: \Node.attributes)!
    private static let edgeAttributes = MemoryLayout<Edge>.offset(of: \Edge.attributes)!

    /// The attributes of `node` where they are stored: read through this, they are not copied (a
    /// copy retains their storage, and the retain waits for memory).
    @inline(__always)
    private static func attributes(of node: UnsafePointer<Node>) -> UnsafePointer<Attributes> {
        (UnsafeRawPointer(node) + nodeAttributes).assumingMemoryBound(to: Attributes.self)
    }

    @inline(__always)
    private static func attributes(of edge: UnsafePointer<Edge>) -> UnsafePointer<Attributes> {
        (UnsafeRawPointer(edge) + edgeAttributes).assumingMemoryBound(to: Attributes.self)
    }

    /// Asks for the first entries of `node`'s attributes and the text of its id. The entries' array
    /// is one reference, to storage whose elements follow a 32-byte header; its count is in that
    /// header, so the first lines are asked for without reading it. Like `prefetchText`, this
    /// reads layouts the compiler chooses, but only to make a hint: were they other than read
    /// here, the addresses asked for would merely be useless, as a prefetch never faults.
    @inline(__always)
    private static func prefetchEntries(of node: UnsafePointer<Node>) {
        let storage = (UnsafeRawPointer(node) + nodeAttributes).load(as: UInt.self)
        if let storage = UnsafeRawPointer(bitPattern: storage) {
            for line in stride(from: 0, to: 256, by: 64) { rg_prefetch(storage + line) }
        }
        prefetchText(ofStringAt: UnsafeRawPointer(node) + nodeId)
    }

    /// Asks for the texts of `node`'s string attributes, read from its entries.
    @inline(__always)
    private static func prefetchTexts(of node: UnsafePointer<Node>) {
        attributes(of: node).pointee.withEntries { entries in
            for i in entries.indices {
                guard case .string = entries[i].value else { continue }
                prefetchText(ofStringAt: UnsafeRawPointer(entries.baseAddress! + i) + entryString)
            }
        }
    }

    /// Asks for the bytes of the string stored at `field` where they are out of line: a native
    /// string's object address (its low 48 bits) plus the 32 bytes of its header. A small string
    /// keeps its bytes in the field itself.
    @inline(__always)
    private static func prefetchText(ofStringAt field: UnsafeRawPointer) {
        let object = field.load(fromByteOffset: 8, as: UInt64.self)
        guard object & smallStringFlag == 0, let storage = UnsafeRawPointer(bitPattern: UInt(object & 0x0000_FFFF_FFFF_FFFF)) else { return }
        rg_prefetch(storage + 32)
    }

    private static let smallStringFlag: UInt64 = 0x2000_0000_0000_0000

    /// The node index of the edge end at `field`, or -1; `hint` is the last edge's end at the same
    /// place (`PackedIds.index(of:hint:)`). An end that is not its node's id string is searched
    /// for by its text once, then found in `missed`.
    @inline(__always)
    private static func node(
        at field: UnsafeRawPointer, _ finder: NodeFinder, _ ids: PackedIds, _ missed: inout EdgeEndCache, hint: Int32
    ) -> Int32 {
        let found = finder.index(ofStringAt: field)
        if found >= 0 { return found }
        let bits = StringBits(field)
        if let known = missed.index(low: bits.low, high: bits.high) { return known }
        let searched = ids.index(of: field.assumingMemoryBound(to: String.self).pointee, hint: hint)
        missed.remember(low: bits.low, high: bits.high, index: searched)
        return searched
    }

    /// The span of the string stored at `field`, copied in unless the same string was packed a
    /// moment ago, which is found from its bits without making a `String` (and retaining it).
    private mutating func span(ofStringAt field: UnsafeRawPointer) -> ByteSpan {
        span(bits: StringBits(field)) { field.assumingMemoryBound(to: String.self).pointee }
    }

    /// The span of the string whose bits are `bits`, as packed a moment ago, or else of
    /// `string()` copied in.
    private mutating func span(bits: StringBits, _ string: () -> String) -> ByteSpan {
        if let known = recent.span(of: bits) { return known }
        let span = span(of: string())
        recent.remember(bits, span)
        return span
    }

    private mutating func span(of string: String) -> ByteSpan {
        if let packed = string.utf8.withContiguousStorageIfAvailable({ append($0) }) { return packed }
        var copy = string
        return copy.withUTF8 { append($0) }
    }

    private mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) -> ByteSpan {
        bytes.appendText(utf8, start: byteStart)
    }

    /// The attributes of `columns` that `source` has, appended in column order (the order rows
    /// are built in, checked; else sorted). String values are read where they are stored, not
    /// copied out: a copy retains the string, and with several threads packing strings that
    /// records share, those retains were about a tenth of packing.
    private mutating func run(of source: UnsafePointer<Attributes>, _ columns: AttributeColumns) -> AttributeRun {
        let first = attributes.count
        source.pointee.withEntries { entries in
            for i in entries.indices {
                let entry = entries.baseAddress! + i
                let attribute = entry.pointee.attribute
                guard columns.column(of: attribute) >= 0 else { continue }
                switch entry.pointee.value {
                case .string:
                    let span = span(ofStringAt: UnsafeRawPointer(entry) + Self.entryString)
                    attributes.append(PackedAttribute(payload: span.rawBits, attribute: attribute, tag: .string))
                case .integer(let n): attributes.append(PackedAttribute(payload: UInt64(bitPattern: n), attribute: attribute, tag: .integer))
                case .boolean(let b): attributes.append(PackedAttribute(payload: b ? 1 : 0, attribute: attribute, tag: .boolean))
                }
            }
        }
        return finishedRun(from: first, columns)
    }

    /// The attributes of the `ROUTES` edge of `entry`, packed from its fields.
    private mutating func run(ofRoutesOf entry: UnsafeMutablePointer<VpnRouteEntry>) -> AttributeRun {
        let first = attributes.count
        VpnRouteEntry.putRoutesAttributes(of: entry, into: &self)
        return finishedRun(from: first, AttributeColumns.edge)
    }

    /// The run of the attributes appended from `first` on, put in column order if they are not
    /// (they are appended in the order they were set, which is column order almost always).
    private mutating func finishedRun(from first: Int, _ columns: AttributeColumns) -> AttributeRun {
        var last = -1
        for i in first..<attributes.count {
            let column = columns.column(of: attributes[i].attribute)
            if column <= last {
                attributes.withSuffix(from: first) { run in run.sort { columns.column(of: $0.attribute) < columns.column(of: $1.attribute) } }
                break
            }
            last = column
        }
        precondition(attributes.count <= Int(UInt32.max), "packed graph block of more than 4G attribute values")
        return AttributeRun(first: UInt32(first), count: UInt16(attributes.count - first), block: UInt16(number))
    }

    /// The label's span: the end of the id or the name where it is one of them (almost always).
    private mutating func labelSpan(_ node: UnsafePointer<Node>, id: ByteSpan, attributes run: AttributeRun) -> ByteSpan {
        var name: ByteSpan?
        for i in Int(run.first)..<Int(run.first) + Int(run.count) where attributes[i].attribute == .name && attributes[i].tag == .string {
            name = attributes[i].span
        }
        return NodeLabel.withUTF8(node) { label -> ByteSpan in
            if let name, equal(label, name) { return name }
            if !id.isLong && label.count <= id.rawCount {
                let tail = ByteSpan(start: id.rawStart + id.rawCount - label.count, count: label.count, isPlain: PlainText.isPlain(label))
                if equal(label, tail) { return tail }
            }
            return append(label)
        }
    }

    /// Whether `span`, a span of this block, holds `text`.
    private func equal(_ text: UnsafeBufferPointer<UInt8>, _ span: ByteSpan) -> Bool {
        guard !span.isLong, span.rawCount == text.count else { return false }
        return bytes.withElements(span.offset..<span.offset + span.rawCount) { ByteOrder.same(text, $0) }
    }
}

/// A string's two words as stored. Two strings alive at the same time with the same bits are the
/// same string (the same storage, or the same short text held inline), so equal bits can stand
/// for equal text without reading it; unequal bits say nothing.
private struct StringBits: Equatable, Sendable {
    let low: UInt64
    let high: UInt64

    init(_ field: UnsafeRawPointer) {
        low = field.load(as: UInt64.self)
        high = field.load(fromByteOffset: 8, as: UInt64.self)
    }

    init(_ string: String) {
        (low, high) = unsafeBitCast(string, to: (UInt64, UInt64).self)
    }

    var hash: UInt64 { (low ^ high &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9 }
}

/// A key of `RecentSpans`: equal keys name equal texts, and `slotHash` spreads them over its
/// `1 << slotBits` slots.
private protocol RecentKey: Equatable, Sendable {
    static var slotBits: Int { get }
    var slotHash: UInt64 { get }
}

extension StringBits: RecentKey {
    static var slotBits: Int { 10 }
    var slotHash: UInt64 { hash }
}

/// An input location by its input's bits and its line (-1 for none).
private struct InputKey: RecentKey {
    let bits: StringBits
    let line: Int

    static var slotBits: Int { 6 }
    var slotHash: UInt64 { (bits.hash ^ UInt64(bitPattern: Int64(line))) &* 0x9E37_79B9_7F4A_7C15 }
}

/// The spans of the last few texts packed, by a key that is not the text: a string copied from one
/// record to the next (a request id, an input, an edge end) shares its storage and so its bits,
/// and an input location is its input's bits and a line. No hashing of text. One slot per key's
/// hash, the newest text taking it.
private struct RecentSpans<Key: RecentKey>: Sendable {
    private var keys = [Key?](repeating: nil, count: 1 << Key.slotBits)
    private var spans = [ByteSpan](repeating: .empty, count: 1 << Key.slotBits)

    @inline(__always)
    private func slot(_ key: Key) -> Int { Int(truncatingIfNeeded: key.slotHash >> UInt64(64 - Key.slotBits)) }

    func span(of key: Key) -> ByteSpan? {
        let slot = slot(key)
        return keys[slot] == key ? spans[slot] : nil
    }

    mutating func remember(_ key: Key, _ span: ByteSpan) {
        let slot = slot(key)
        keys[slot] = key
        spans[slot] = span
    }
}

/// The index of the node with a given id, for edge ends, by the string's bits: an edge end is made
/// from its node's id, so it shares the id's storage. Ends that are copies, or that the graph has
/// no node for, are then searched for among the packed ids (`PackingBlock.nodeIndex`).
private struct NodeFinder: Sendable {
    private let table: [UInt64]
    private let indices: [Int32]
    private let mask: Int

    init(_ nodes: UnsafeBufferPointer<Node>) {
        var size = 16
        while size < 2 * nodes.count { size *= 2 }
        var table = [UInt64](repeating: 0, count: 2 * size)
        var indices = [Int32](repeating: -1, count: size)
        let mask = size - 1
        let idOffset = MemoryLayout<Node>.offset(of: \Node.id)!
        for i in nodes.indices {
            let bits = StringBits(UnsafeRawPointer(nodes.baseAddress! + i) + idOffset)
            var slot = Int(truncatingIfNeeded: bits.hash >> 20) & mask
            while indices[slot] >= 0 { slot = (slot + 1) & mask }
            table[2 * slot] = bits.low
            table[2 * slot + 1] = bits.high
            indices[slot] = Int32(i)
        }
        self.table = table
        self.indices = indices
        self.mask = mask
    }

    /// The node index of the id stored at `field`, or -1.
    func index(ofStringAt field: UnsafeRawPointer) -> Int32 {
        let bits = StringBits(field)
        var slot = Int(truncatingIfNeeded: bits.hash >> 20) & mask
        while indices[slot] >= 0 {
            if table[2 * slot] == bits.low && table[2 * slot + 1] == bits.high { return indices[slot] }
            slot = (slot + 1) & mask
        }
        return -1
    }

}

/// A `ROUTES` edge's attributes go straight from its entry into the block.
extension PackingBlock: RoutesAttributeSink {
    private static let inputOffset = MemoryLayout<InputLocation>.offset(of: \InputLocation.input)!

    /// Reads the string by its bits where it is stored, and its text only when it was not packed a
    /// moment ago (values repeat from entry to entry: one page's, one connection's).
    mutating func add(_ attribute: Attribute, stringAt field: UnsafeRawPointer) {
        guard AttributeColumns.edge.column(of: attribute) >= 0, !field.assumingMemoryBound(to: String.self).pointee.isEmpty else { return }
        let span = span(ofStringAt: field)
        attributes.append(PackedAttribute(payload: span.rawBits, attribute: attribute, tag: .string))
    }

    mutating func add(_ attribute: Attribute, _ value: Int64?) {
        guard let value, AttributeColumns.edge.column(of: attribute) >= 0 else { return }
        attributes.append(PackedAttribute(payload: UInt64(bitPattern: value), attribute: attribute, tag: .integer))
    }

    /// Packs the time's text as it is made, with no string made for it.
    mutating func add(_ attribute: Attribute, _ value: Timestamp?) {
        guard let value, AttributeColumns.edge.column(of: attribute) >= 0 else { return }
        let span = value.withISO8601 { append($0) }
        attributes.append(PackedAttribute(payload: span.rawBits, attribute: attribute, tag: .string))
    }

    /// The entries of one page share a location, and one connection's pages are few and come
    /// close together: the text of a location is packed once for the edges near each other that
    /// have it, found by its input's bits and its line without hashing the input's text. (A
    /// dictionary of every location hashed each one's path, for locations that were nearly all
    /// new: most of the time of this function at 1 GB.)
    mutating func addInput(at location: UnsafePointer<InputLocation>) {
        guard AttributeColumns.edge.column(of: .input) >= 0 else { return }
        let key = InputKey(bits: StringBits(UnsafeRawPointer(location) + Self.inputOffset), line: location.pointee.line ?? -1)
        let span: ByteSpan
        if let known = recentInputs.span(of: key) {
            span = known
        } else {
            span = self.span(of: location.pointee.description)
            recentInputs.remember(key, span)
        }
        attributes.append(PackedAttribute(payload: span.rawBits, attribute: .input, tag: .string))
    }
}
