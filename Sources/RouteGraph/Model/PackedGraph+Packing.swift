internal import CGNUExtras
import Synchronization

extension PackedGraph {
    /// Packs `graph`, which stays as it is.
    convenience init(_ graph: RouteGraph) {
        let blocks = graph.nodes.withUnsafeBufferPointer { nodes in
            graph.edges.withUnsafeBufferPointer { edges in
                Self.pack(Records(nodes), Records(edges), release: false)
            }
        }
        self.init(nodeBlocks: [blocks.nodes], edgeBlocks: blocks.edges)
    }

    /// Packs `graph`, letting each node and edge go once packed: the graph and its packed form are
    /// never both held whole, for callers that have no further use for the graph. If the caller
    /// still shares the graph's storage, it is copied first (and the copy let go), at a cost.
    convenience init(releasing graph: consuming RouteGraph) {
        // The parameter itself, not a copy of it: a second reference would make the graph's
        // storage shared, and taking it apart would copy it first.
        let blocks = graph.withMutableContents { nodes, edges in
            Self.pack(Records(nodes), Records(edges), release: true)
        }
        _ = consume graph
        // What the graph let go is free inside the allocator but still resident, and the joined
        // packed graph is allocated beside it rather than in it: hand the free pages back first, or
        // the peak memory of the run would hold both.
        ReleasedMemory.returnToSystem()
        self.init(nodeBlocks: [blocks.nodes], edgeBlocks: blocks.edges)
    }

    /// Packs an assembled graph, letting each node and each edge's attributes go once packed, as
    /// `init(releasing:)` does with a graph. Its edges are packed from where building left them,
    /// their ends already node positions: no `Edge` is made (three strings retained and released
    /// each, 64 bytes each beside the pending edges, at the moment the run's memory peaks), and
    /// no end is looked up.
    ///
    /// The ends' id spans are filled in when the blocks are joined, so edges need not wait for the
    /// nodes. The edges and the nodes are cut into blocks of equal counts, which two threads pack,
    /// each taking the next block when it is free. Blocks of equal counts are far from equal in
    /// work (at 1 GB the connections' `ROUTES` edges, ten attributes each, sit together in the
    /// first half of the edges; on a directory of single responses the routes, seventeen
    /// attributes each, make the nodes the heavy part), so there are enough of them, six of
    /// edges and three of nodes, that the threads finish close together: with two halves of the
    /// edges, the first took three quarters of packing's time at 1 GB. Edges go first, as the
    /// heavier kind. A small graph is packed in two blocks of each.
    convenience init(releasing assembled: consuming AssembledGraph) {
        let blocks = PendingEdges.with(&assembled) { nodes, edges in
            // What building let go is handed back before packing adds to it.
            ReleasedMemory.returnToSystem()
            // A small graph keeps to two blocks of edges and two of nodes: each block has tables
            // of its own, and a small run is measured by its memory.
            let isLarge = edges.order.count >= Self.largeGraphEdges
            let edgeRanges = Self.cut(edges.order.count, into: isLarge ? 6 : 2)
            let nodeRanges = Self.cut(nodes.buffer.count, into: isLarge ? 3 : 2)
            let firstEdges = edgeRanges.count / 2
            var tasks: [@Sendable () -> PackingBlock] = edgeRanges.prefix(firstEdges).map { range in { PackingBlock(edges: edges, range: range) } }
            tasks += nodeRanges.map { range in { PackingBlock(nodes: nodes.range(range, release: true)) } }
            tasks += edgeRanges.dropFirst(firstEdges).map { range in { PackingBlock(edges: edges, range: range) } }
            let blocks = Parallel.inTurn(tasks)
            let edgeBlocks = Array(blocks.prefix(firstEdges)) + Array(blocks.suffix(edgeRanges.count - firstEdges))
            return (nodes: Array(blocks[firstEdges..<firstEdges + nodeRanges.count]), edges: edgeBlocks)
        }
        _ = consume assembled
        ReleasedMemory.returnToSystem()
        self.init(nodeBlocks: blocks.nodes, edgeBlocks: blocks.edges)
    }

    /// From how many edges a graph is packed in more blocks than two.
    private static let largeGraphEdges = 1 << 17

    /// `0..<count` cut into `parts` ranges of nearly equal counts, in order.
    private static func cut(_ count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { count * $0 / parts..<count * ($0 + 1) / parts }
    }

    /// The nodes, each half on a thread of its own, joined.
    private static func packNodes(_ nodes: Records<Node>, release: Bool) -> PackingBlock {
        let nodeSplit = nodes.buffer.count / 2
        let (first, second) = Parallel.both(
            { PackingBlock(nodes: nodes.range(0..<nodeSplit, release: release)) },
            { PackingBlock(nodes: nodes.range(nodeSplit..<nodes.buffer.count, release: release)) })
        return PackingBlock(joining: first, second)
    }

    /// The nodes, then the edges, each half on a thread of its own. Edge ends are found among the
    /// nodes by their strings' bits, so with `release` the nodes' ids must outlive the search: an
    /// edge end made from a node id shares its storage and keeps it alive.
    private static func pack(_ nodes: Records<Node>, _ edges: Records<Edge>, release: Bool) -> (nodes: PackingBlock, edges: [PackingBlock]) {
        // What building the graph let go is handed back before packing adds to it.
        if release { ReleasedMemory.returnToSystem() }
        let finder = NodeFinder(nodes.buffer)
        let nodeBlock = packNodes(nodes, release: release)
        if release { ReleasedMemory.returnToSystem() }
        let edgeSplit = edges.buffer.count / 2
        let (third, fourth) = Parallel.both(
            { PackingBlock(edges: edges.range(0..<edgeSplit, release: release), finder: finder, nodes: nodeBlock) },
            { PackingBlock(edges: edges.range(edgeSplit..<edges.buffer.count, release: release), finder: finder, nodes: nodeBlock) })
        return (nodeBlock, [third, fourth])
    }

    /// The packed graph of the node blocks and the edge blocks, in that order, copied into its own
    /// arrays on two threads: one copies the bytes and the nodes, the other the attributes and the
    /// edges, moving each block's spans and attribute runs past the blocks before it. Edge ends that
    /// are nodes take their node's id span here (edges of an assembled graph are packed before, or
    /// beside, their nodes). Each array of a block is let go as soon as it is copied, so the join
    /// holds one array twice at most, not the whole graph.
    private convenience init(nodeBlocks: consuming [PackingBlock], edgeBlocks: consuming [PackingBlock]) {
        // The blocks' arrays, moved out so that these hold their only references. Consumed by the
        // loops: the blocks go with them.
        var byteSources: [[UInt8]] = [], attributeSources: [[PackedAttribute]] = [], edgeSources: [[PackedEdge]] = []
        var nodeSources: [[PackedNode]] = []
        for block in nodeBlocks {
            byteSources.append(block.bytes)
            attributeSources.append(block.attributes)
            nodeSources.append(block.nodes)
            edgeSources.append([])
        }
        for block in edgeBlocks {
            byteSources.append(block.bytes)
            attributeSources.append(block.attributes)
            edgeSources.append(block.edges)
        }
        // Where each block starts in the joined arrays.
        let byteStarts = Self.starts(of: byteSources.map(\.count))
        let attributeStarts = Self.starts(of: attributeSources.map(\.count))
        let edgeStarts = Self.starts(of: edgeSources.map(\.count))
        let counts = (bytes: byteStarts.last!, attributes: attributeStarts.last!, edges: edgeStarts.last!)
        // The nodes in their final form first, on this thread (a few per hundred edges): the edges'
        // ends read their ids while the other thread copies them into place.
        var shiftedNodes: [PackedNode] = []
        shiftedNodes.reserveCapacity(nodeSources.reduce(0) { $0 + $1.count })
        for k in nodeSources.indices {
            let (byteStart, attributeStart) = (byteStarts[k], UInt32(attributeStarts[k]))
            for var node in nodeSources[k] {
                node.id = node.id.shifted(by: byteStart)
                node.label = node.label.shifted(by: byteStart)
                node.attributes.first += attributeStart
                shiftedNodes.append(node)
            }
            nodeSources[k] = []
        }
        let nodeSource = shiftedNodes
        shiftedNodes = []
        let joined = JoinedArrays(
            bytes: .allocate(capacity: counts.bytes), attributes: .allocate(capacity: counts.attributes),
            nodes: .allocate(capacity: nodeSource.count), edges: .allocate(capacity: counts.edges))
        // One task per array of a block, the edges' first (the longest: each end looks up its
        // node), taken in turn by the two threads: split by kind of array, one thread had three
        // times the other's work at 1 GB, most of the join's time.
        let sources = JoinSources(bytes: byteSources, attributes: attributeSources, edges: edgeSources)
        byteSources = []
        (attributeSources, edgeSources) = ([], [])
        var tasks: [@Sendable () -> Void] = []
        for k in edgeStarts.indices.dropLast() where edgeStarts[k + 1] > edgeStarts[k] {
            tasks.append {
                let edges = sources.edges.withLock { all in JoinSources.take(&all[k]) }
                let (byteStart, attributeStart) = (byteStarts[k], UInt32(attributeStarts[k]))
                let target = joined.edges.baseAddress! + edgeStarts[k]
                for (i, edge) in edges.enumerated() {
                    var moved = edge
                    moved.source = moved.sourceNode < 0 ? moved.source.shifted(by: byteStart) : nodeSource[Int(moved.sourceNode)].id
                    moved.target = moved.targetNode < 0 ? moved.target.shifted(by: byteStart) : nodeSource[Int(moved.targetNode)].id
                    moved.key = moved.key.shifted(by: byteStart)
                    moved.attributes.first += attributeStart
                    (target + i).initialize(to: moved)
                }
            }
        }
        for k in attributeStarts.indices.dropLast() where attributeStarts[k + 1] > attributeStarts[k] {
            tasks.append {
                let attributes = sources.attributes.withLock { all in JoinSources.take(&all[k]) }
                let (byteStart, target) = (byteStarts[k], joined.attributes.baseAddress! + attributeStarts[k])
                for (i, attribute) in attributes.enumerated() {
                    var moved = attribute
                    if moved.tag == .string { moved.payload = moved.span.shifted(by: byteStart).rawBits }
                    (target + i).initialize(to: moved)
                }
            }
        }
        for k in byteStarts.indices.dropLast() where byteStarts[k + 1] > byteStarts[k] {
            tasks.append {
                let bytes = sources.bytes.withLock { all in JoinSources.take(&all[k]) }
                _ = UnsafeMutableBufferPointer(rebasing: joined.bytes[byteStarts[k]...]).initialize(fromContentsOf: bytes)
            }
        }
        tasks.append { _ = joined.nodes.initialize(fromContentsOf: nodeSource) }
        _ = Parallel.inTurn(tasks)
        self.init(nodes: UnsafeBufferPointer(joined.nodes), edges: UnsafeBufferPointer(joined.edges),
                  attributes: UnsafeBufferPointer(joined.attributes), bytes: UnsafeBufferPointer(joined.bytes))
    }

    /// The running sums of `counts`, from 0: each block's start, then the total.
    private static func starts(of counts: [Int]) -> [Int] {
        var sums = [0]
        for count in counts { sums.append(sums.last! + count) }
        return sums
    }
}

/// The blocks' arrays while the join copies them: each task takes its own out (leaving an empty
/// one), so that it is let go as soon as it is copied.
private final class JoinSources: Sendable {
    let bytes: Mutex<[[UInt8]]>
    let attributes: Mutex<[[PackedAttribute]]>
    let edges: Mutex<[[PackedEdge]]>

    init(bytes: consuming [[UInt8]], attributes: consuming [[PackedAttribute]], edges: consuming [[PackedEdge]]) {
        self.bytes = Mutex(bytes)
        self.attributes = Mutex(attributes)
        self.edges = Mutex(edges)
    }

    /// The array, an empty one left in its place.
    static func take<Element>(_ array: inout [Element]) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &array)
        return taken
    }
}

/// The packed graph's arrays while the join fills them, each task its own part.
private struct JoinedArrays: @unchecked Sendable {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let attributes: UnsafeMutableBufferPointer<PackedAttribute>
    let nodes: UnsafeMutableBufferPointer<PackedNode>
    let edges: UnsafeMutableBufferPointer<PackedEdge>
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

/// Nodes, edges, attributes and bytes packed by one thread, spans counted from its own start.
private struct PackingBlock: Sendable {
    var bytes: [UInt8] = []
    var attributes: [PackedAttribute] = []
    var nodes: [PackedNode] = []
    var edges: [PackedEdge] = []
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

    init(nodes source: Records<Node>.Range) {
        nodes.reserveCapacity(source.indices.count)
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
            nodes.append(PackedNode(id: id, label: label, attributes: attributes, kind: node.pointee.kind))
            if source.release {
                UnsafeMutablePointer(mutating: node).pointee = Node(id: "", kind: .cidr)
                if (i - source.indices.lowerBound + 1) % returnStep == 0 { ReleasedMemory.returnToSystem() }
            }
        }
    }

    init(edges source: Records<Edge>.Range, finder: NodeFinder, nodes packed: PackingBlock) {
        edges.reserveCapacity(source.indices.count)
        attributes.reserveCapacity(6 * source.indices.count)
        let returnStep = source.returnStep
        do {
            for i in source.indices {
                let edge = source.buffer.baseAddress! + i
                let sourceField = UnsafeRawPointer(edge) + Self.edgeSource
                let targetField = UnsafeRawPointer(edge) + Self.edgeTarget
                let sourceNode = Self.node(at: sourceField, finder, packed)
                let targetNode = Self.node(at: targetField, finder, packed)
                edges.append(PackedEdge(
                    // An end that is a node takes its id's span when the blocks are joined.
                    source: sourceNode >= 0 ? .empty : span(ofStringAt: sourceField),
                    target: targetNode >= 0 ? .empty : span(ofStringAt: targetField),
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
    }

    /// Packs the edges at `range` of an assembled graph's order, letting each edge's attributes go
    /// once packed. Every end is a node, whose id span the join gives it (`PackedGraph.init`).
    init(edges source: PendingEdges, range: Range<Int>) {
        edges.reserveCapacity(range.count)
        attributes.reserveCapacity(6 * range.count)
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
                entry.pointee = .released
            } else {
                attributeRun = withUnsafePointer(to: &pending.pointee.attributes) { run(of: $0, AttributeColumns.edge) }
                pending.pointee.attributes = Attributes()
            }
            edges.append(PackedEdge(
                source: .empty, target: .empty,
                key: span(ofStringAt: UnsafeRawPointer(key)), sourceNode: sourceNode, targetNode: targetNode,
                attributes: attributeRun, kind: pending.pointee.kind))
            if (k - range.lowerBound + 1) % returnStep == 0 { ReleasedMemory.returnToSystem() }
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

    /// The node index of the edge end at `field`, or -1.
    @inline(__always)
    private static func node(at field: UnsafeRawPointer, _ finder: NodeFinder, _ nodes: PackingBlock) -> Int32 {
        let found = finder.index(ofStringAt: field)
        return found >= 0 ? found : nodes.nodeIndex(of: field.assumingMemoryBound(to: String.self).pointee)
    }

    /// The first block followed by the second: the second's spans and runs move past the first's.
    init(joining first: consuming PackingBlock, _ second: consuming PackingBlock) {
        let byteOffset = first.bytes.count
        let attributeOffset = UInt32(first.attributes.count)
        // Each of the first block's arrays is taken over (the block's own reference dropped at once,
        // so it grows in place rather than being copied), and each of the second's let go once
        // appended: the join never holds both blocks whole twice.
        swap(&bytes, &first.bytes)
        bytes.append(contentsOf: second.bytes)
        second.bytes = []
        swap(&attributes, &first.attributes)
        attributes.reserveCapacity(attributes.count + second.attributes.count)
        for var attribute in second.attributes {
            if attribute.tag == .string { attribute.payload = attribute.span.shifted(by: byteOffset).rawBits }
            attributes.append(attribute)
        }
        second.attributes = []
        swap(&nodes, &first.nodes)
        nodes.reserveCapacity(nodes.count + second.nodes.count)
        for var node in second.nodes {
            node.id = node.id.shifted(by: byteOffset)
            node.label = node.label.shifted(by: byteOffset)
            node.attributes.first += attributeOffset
            nodes.append(node)
        }
        second.nodes = []
        swap(&edges, &first.edges)
        edges.reserveCapacity(edges.count + second.edges.count)
        for var edge in second.edges {
            // Ends that are node ids point into the node block, packed before any edge block.
            if edge.sourceNode < 0 { edge.source = edge.source.shifted(by: byteOffset) }
            if edge.targetNode < 0 { edge.target = edge.target.shifted(by: byteOffset) }
            edge.key = edge.key.shifted(by: byteOffset)
            edge.attributes.first += attributeOffset
            edges.append(edge)
        }
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
        if UInt64(utf8.count) < ByteSpan.longMarker {
            let span = ByteSpan(start: bytes.count, count: utf8.count)
            bytes.append(contentsOf: utf8)
            return span
        }
        withUnsafeBytes(of: UInt64(utf8.count)) { bytes.append(contentsOf: $0) }
        let span = ByteSpan(longAt: bytes.count)
        bytes.append(contentsOf: utf8)
        return span
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
                attributes[first...].sort { columns.column(of: $0.attribute) < columns.column(of: $1.attribute) }
                break
            }
            last = column
        }
        return AttributeRun(first: UInt32(first), count: UInt32(attributes.count - first))
    }

    /// The label's span: the end of the id or the name where it is one of them (almost always).
    private mutating func labelSpan(_ node: UnsafePointer<Node>, id: ByteSpan, attributes run: AttributeRun) -> ByteSpan {
        var name: ByteSpan?
        for i in Int(run.first)..<Int(run.first + run.count) where attributes[i].attribute == .name && attributes[i].tag == .string {
            name = attributes[i].span
        }
        return NodeLabel.withUTF8(node) { label -> ByteSpan in
            if let name, equal(label, name) { return name }
            if !id.isLong && label.count <= id.rawCount {
                let tail = ByteSpan(start: id.rawStart + id.rawCount - label.count, count: label.count)
                if equal(label, tail) { return tail }
            }
            return append(label)
        }
    }

    /// The index of the node with `id` in this block of nodes (sorted by id), by binary search of
    /// the bytes; -1 if there is none.
    func nodeIndex(of id: String) -> Int32 {
        var id = id
        return id.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { all in
                func id(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                    let span = nodes[i].id
                    guard !span.isLong else { return UnsafeBufferPointer(start: nil, count: 0) }  // Never an id.
                    return UnsafeBufferPointer(rebasing: all[span.rawStart..<span.rawStart + span.rawCount])
                }
                var low = 0, high = nodes.count
                while low < high {
                    let mid = (low + high) / 2
                    if id(mid).lexicographicallyPrecedes(wanted) { low = mid + 1 } else { high = mid }
                }
                return low < nodes.count && id(low).elementsEqual(wanted) ? Int32(low) : -1
            }
        }
    }

    private func equal(_ text: UnsafeBufferPointer<UInt8>, _ span: ByteSpan) -> Bool {
        guard !span.isLong, span.rawCount == text.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            text.elementsEqual(UnsafeBufferPointer(rebasing: all[span.rawStart..<span.rawStart + span.rawCount]))
        }
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
