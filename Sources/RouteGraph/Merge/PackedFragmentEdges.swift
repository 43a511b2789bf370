/// One fragment's VPN edges (`HAS_TUNNEL`, `NEXT_HOP_FOR`, `ROUTES`: 85% of a merge's
/// edges at 1 GB) packed as their lines are read, into blocks that become the merged packed
/// graph's own: a `ROUTES` edge read into Swift values (three strings, an array of attributes and
/// most of their strings) was moved through the merge and then copied into blocks once more, and
/// those two steps were about half of a merge at 1 GB.
///
/// The edges keep the fragment's canonical order; a fragment whose VPN edges are not strictly in
/// it (edited by hand, or concatenated) or whose attributes are not in column order is marked
/// `isCanonical == false`, and the merge then reads every fragment into Swift values instead.
///
/// Ids are held once each (an edge end names the same bytes as every other end with that id), so
/// the merged graph finds each end's node once per distinct id. Where the fragment read a
/// connection's `ROUTES` edges last is gathered as they come, as `FragmentIndex` gathers it.
struct PackedFragmentEdges: @unchecked Sendable {
    /// The number of the merged graph's byte block and attribute block that these are.
    let block: Int
    private(set) var edges = GrowingBuffer<PackedEdge>()
    private(set) var bytes = GrowingBuffer<UInt8>()
    private(set) var attributes = GrowingBuffer<PackedAttribute>()
    /// Per edge, where a `ROUTES` edge was read (its `input`, parsed) as an index into
    /// `locations`; -1 for the other kinds.
    private(set) var locationIndices = GrowingBuffer<Int32>()
    private(set) var locations: [InputLocation] = []
    /// Per edge, the numbers of its ends' ids among `ids` (`IdSpans`), by which the merged graph
    /// finds each distinct end's node once.
    private(set) var sourceIds = GrowingBuffer<Int32>()
    private(set) var targetIds = GrowingBuffer<Int32>()
    /// Per connection id, where this fragment read its latest `ROUTES` edges.
    private(set) var latestReadings: [String: LatestReadings] = [:]
    /// False from the first edge out of canonical order or attributes out of column order.
    private(set) var isCanonical = true

    private let byteStart: Int
    private(set) var ids = IdSpans()
    /// The last string value of each attribute (by `GraphAttributeNames.Entry.number`): the
    /// entries of one page share their `input` and `requestId`.
    private var lastValues: [ByteSpan?]
    private var lastInput: ByteSpan?
    private var connection: (id: ByteSpan, readings: LatestReadings)?
    /// The entry type and location index last noted for `connection` (-1: none yet).
    private var lastType = ""
    private var lastNoted: Int32 = -1

    init(block: Int, attributeCount: Int) {
        self.block = block
        byteStart = ByteSpan.blockStart(block)
        lastValues = Array(repeating: nil, count: attributeCount)
    }

    /// Whether edges of `kind` are packed here rather than read into Swift values.
    static func packs(_ kind: EdgeKind) -> Bool { kind == .hasTunnel || kind == .nextHopFor || kind == .routes }

    /// The bytes of `span`, one of this fragment's.
    @inline(__always)
    func text(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> {
        Self.text(span, in: bytes.base, blockStart: byteStart)
    }

    /// The bytes of `span` in a block whose memory starts at `base`.
    @inline(__always)
    static func text(_ span: ByteSpan, in base: UnsafePointer<UInt8>, blockStart: Int) -> UnsafeBufferPointer<UInt8> {
        let start = base + (span.rawStart - blockStart)
        guard span.isLong else { return UnsafeBufferPointer(start: start, count: span.rawCount) }
        return UnsafeBufferPointer(start: start, count: Int(UnsafeRawPointer(start - 8).loadUnaligned(as: UInt64.self)))
    }

    /// Packs one edge line; `object` is its `attributes` member, checked as `GraphRecord` checks it.
    mutating func add(
        kind: EdgeKind, source: UnsafeBufferPointer<UInt8>, target: UnsafeBufferPointer<UInt8>,
        key: UnsafeBufferPointer<UInt8>?, attributes object: Element?, names: GraphAttributeNames, at location: InputLocation
    ) throws(GraphFileError) {
        let sourceId = ids.number(source, in: &bytes, start: byteStart, last: sourceIds.count > 0 ? sourceIds[sourceIds.count - 1] : -1)
        let targetId = ids.number(target, in: &bytes, start: byteStart, last: -1)
        let keySpan = key.map { bytes.appendText($0, start: byteStart) } ?? .empty
        let start = byteStart
        let first = attributes.count
        var lastColumn = -1
        var input: ByteSpan?
        var entryType: ByteSpan?
        try GraphRecord.forEachAttribute(of: object, onNodes: false, names: names, at: location) { attribute, number, value throws(GraphFileError) in
            let column = AttributeColumns.edge.column(of: attribute)
            guard column >= 0 else { return }
            if column <= lastColumn { isCanonical = false }
            lastColumn = column
            switch value {
            case .string(let text):
                // Read through the block's current address, not `self.text`: a method of `self`
                // called here, where `self` is being changed, copied it whole each time.
                let span: ByteSpan
                if let last = lastValues[number], ByteOrder.same(Self.text(last, in: bytes.base, blockStart: start), text) {
                    span = last
                } else {
                    span = bytes.appendText(text, start: byteStart)
                    lastValues[number] = span
                }
                if attribute == .input { input = span }
                if attribute == .entryType { entryType = span }
                attributes.append(PackedAttribute(payload: span.rawBits, attribute: attribute, tag: .string))
            case .integer(let i): attributes.append(PackedAttribute(payload: UInt64(bitPattern: i), attribute: attribute, tag: .integer))
            case .boolean(let b): attributes.append(PackedAttribute(payload: b ? 1 : 0, attribute: attribute, tag: .boolean))
            }
        }
        precondition(attributes.count - first <= Int(UInt16.max) && attributes.count <= Int(UInt32.max))
        let edge = PackedEdge(
            source: ids.spans[Int(sourceId)], target: ids.spans[Int(targetId)], key: keySpan, sourceNode: -1, targetNode: -1,
            attributes: AttributeRun(first: UInt32(first), count: UInt16(attributes.count - first), block: UInt16(block)),
            kind: kind)
        if edges.count > 0 {
            let base = UnsafePointer(bytes.base)
            func text(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> { Self.text(span, in: base, blockStart: start) }
            if Self.compare(edges[edges.count - 1], text, edge, text) >= 0 { isCanonical = false }
        }
        edges.append(edge)
        sourceIds.append(sourceId)
        targetIds.append(targetId)
        locationIndices.append(kind == .routes ? noteReading(of: edge, input: input, entryType: entryType) : -1)
    }

    /// Notes where a `ROUTES` edge was read among its connection's readings, and gives its
    /// location's index. The entries of one page share their location and mostly their type, and
    /// a reading noted again changes nothing: it is noted once per change.
    private mutating func noteReading(of edge: PackedEdge, input: ByteSpan?, entryType: ByteSpan?) -> Int32 {
        if input == nil || input != lastInput || locations.isEmpty {
            locations.append(InputLocation(provenance: input.map { .string(String(decoding: text($0), as: UTF8.self)) }))
            lastInput = input
        }
        let location = Int32(locations.count - 1)
        let typeBytes = entryType.map { text($0) } ?? Self.entryTypeBytes(key: text(edge.key))
        let sameType = ByteOrder.sameUTF8(lastType, typeBytes)
        if !sameType { lastType = String(decoding: typeBytes, as: UTF8.self) }
        if let current = connection, current.id != edge.source { keepReadings() }
        if connection == nil {
            connection = (edge.source, LatestReadings())
            lastNoted = -1
        }
        if !sameType || lastNoted != location {
            connection!.readings.add(locations[Int(location)], type: lastType)
            lastNoted = location
        }
        return location
    }

    /// The part of a `ROUTES` edge's key before `|`: its entry type where it has no attribute.
    static func entryType(key: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: entryTypeBytes(key: key), as: UTF8.self)
    }

    private static func entryTypeBytes(key: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: key[..<(key.firstIndex(of: UInt8(ascii: "|")) ?? key.count)])
    }

    private mutating func keepReadings() {
        guard let current = connection else { return }
        connection = nil
        guard current.readings.any != nil else { return }
        latestReadings[String(decoding: text(current.id), as: UTF8.self), default: LatestReadings()].add(current.readings)
    }

    /// Ends reading: the last connection's readings are kept.
    mutating func finish() { keepReadings() }

    /// The canonical order of two packed edges whose texts `textA` and `textB` read: negative,
    /// zero (one identity) or positive.
    @inline(__always)
    static func compare(
        _ a: PackedEdge, _ textA: (ByteSpan) -> UnsafeBufferPointer<UInt8>,
        _ b: PackedEdge, _ textB: (ByteSpan) -> UnsafeBufferPointer<UInt8>
    ) -> Int {
        let s = ByteOrder.compare(textA(a.source), textB(b.source))
        if s != 0 { return s }
        let t = ByteOrder.compare(textA(a.target), textB(b.target))
        if t != 0 { return t }
        if a.kind != b.kind { return a.kind < b.kind ? -1 : 1 }
        return ByteOrder.compare(textA(a.key), textB(b.key))
    }

    /// A view of the edges for reading them once reading is done, valid while these are held:
    /// read through the fragment itself, each read copied it (every buffer retained and released).
    var view: PackedFragmentView {
        PackedFragmentView(
            edges: UnsafePointer(edges.base), attributes: UnsafePointer(attributes.base), bytes: UnsafePointer(bytes.base),
            blockStart: byteStart, sourceIds: UnsafePointer(sourceIds.base), targetIds: UnsafePointer(targetIds.base))
    }
}

/// The ids a fragment's edges name, each one's bytes packed once and numbered in the order met.
struct IdSpans {
    private(set) var spans: [ByteSpan] = []
    /// Each id's `GraphIdTable.hash`, by which the merged graph finds its node.
    private(set) var hashes: [UInt64] = []
    private var slots = HashSlots()

    /// The number of the id with these bytes, packed into `bytes` now if not met before; `last`
    /// (or -1) is tried first: edges come by source.
    mutating func number(_ id: UnsafeBufferPointer<UInt8>, in bytes: inout GrowingBuffer<UInt8>, start: Int, last: Int32) -> Int32 {
        if last >= 0, ByteOrder.same(PackedFragmentEdges.text(spans[Int(last)], in: bytes.base, blockStart: start), id) { return last }
        let hash = GraphIdTable.hash(id)
        let (found, slot) = slots.find(hash) { i in
            hashes[Int(i)] == hash && ByteOrder.same(PackedFragmentEdges.text(spans[Int(i)], in: bytes.base, blockStart: start), id)
        }
        if let found { return found }
        spans.append(bytes.appendText(id, start: start))
        hashes.append(hash)
        slots.put(at: slot, hashes: hashes)
        return Int32(spans.count - 1)
    }
}

/// Where a fragment's packed edges lie (`PackedFragmentEdges.view`).
struct PackedFragmentView {
    let edges: UnsafePointer<PackedEdge>
    let attributes: UnsafePointer<PackedAttribute>
    let bytes: UnsafePointer<UInt8>
    let blockStart: Int
    let sourceIds: UnsafePointer<Int32>
    let targetIds: UnsafePointer<Int32>

    @inline(__always)
    func text(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> { PackedFragmentEdges.text(span, in: bytes, blockStart: blockStart) }

    func attributes(ofEdge i: Int) -> UnsafeBufferPointer<PackedAttribute> {
        let run = edges[i].attributes
        return UnsafeBufferPointer(start: attributes + Int(run.first), count: Int(run.count))
    }

    /// Edge `i` as a Swift value, for the rare group of versions that differ, which the merge
    /// settles as it settles Swift edges.
    func edge(at i: Int) -> Edge {
        let packed = edges[i]
        func string(_ span: ByteSpan) -> String { String(decoding: text(span), as: UTF8.self) }
        var values = Attributes(capacity: Int(packed.attributes.count))
        for value in attributes(ofEdge: i) {
            switch value.tag {
            case .string: values[value.attribute] = .string(string(value.span))
            case .integer: values[value.attribute] = .integer(value.integer)
            case .boolean: values[value.attribute] = .boolean(value.boolean)
            }
        }
        return Edge(source: string(packed.source), target: string(packed.target), kind: packed.kind, key: string(packed.key), attributes: values)
    }
}
