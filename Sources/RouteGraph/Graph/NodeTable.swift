internal import CGNUExtras

/// Finds a node of a `GraphAssembly` by kind and id suffix: an open-addressing table hashed and
/// compared as bytes, so no `String` is hashed, stored or retained per lookup. Each key is kept
/// once in `records`, after its node index, kind and length: a lookup reads its slot and that
/// record, not the node and then its id's storage, which at a million nodes are two cache misses
/// more.
///
/// Bytes are the right identity only for ASCII: `String` equality is canonical equivalence, under
/// which different bytes can be one id (`é` composed or not, a Kelvin sign and `K`). So once any
/// suffix is not ASCII, the table goes over for good to a `Dictionary` keyed by `String`, filled
/// from the nodes so far, and the graph is the same as if it had been used from the start.
struct NodeTable {
    /// Per slot: 0 when empty, else the hash's high 32 bits (which place it) above the offset
    /// of its record in `records` plus one.
    private var slots: [UInt64] = []
    /// Per key: node index (4 bytes), kind seed (1), length (3, little-endian), then the bytes.
    private var records: [UInt8] = []
    private var count = 0
    private var fallback: [Key: Int32]?
    /// Mixed into every hash, drawn per table: input crafted so that its ids collide (and the
    /// probing degrades to a scan) cannot know it. Slots only place keys, so the graph is the same
    /// whatever is drawn.
    let hashKey = UInt64.random(in: .min ... .max)

    private struct Key: Hashable {
        var kind: NodeKind
        var suffix: String
    }

    /// Room for `more` nodes without growing.
    mutating func reserve(_ more: Int) {
        if fallback != nil {
            fallback!.reserveCapacity(count + more)
        } else {
            grow(toHold: count + more)
        }
    }

    /// The index of node `kind.idPrefix + suffix` among `nodes`; or, when it is not there, -1,
    /// after recording that the caller makes it at index `next`.
    /// `hash`, when given, is the suffix's hash (`hash(kind:suffix:key:)` with this table's key),
    /// made ahead, so that the lookup need not make it.
    mutating func claim(kind: NodeKind, suffix: String, next: Int32, in nodes: [Node], hash madeAhead: UInt64? = nil) -> Int32 {
        var suffix = suffix
        let found: Int32? = suffix.withUTF8 { bytes in
            guard fallback == nil else { return nil }
            assert(madeAhead == nil || madeAhead == Self.asciiHash(bytes, kind: kind, key: hashKey), "a hash made ahead for another node")
            guard let hash = madeAhead ?? Self.asciiHash(bytes, kind: kind, key: hashKey) else { return nil }
            return claim(hash: hash, kind: kind, suffix: bytes, next: next)
        }
        if let found { return found }
        if fallback == nil { fallBack(nodes) }
        let key = Key(kind: kind, suffix: suffix)
        if let known = fallback![key] { return known }
        fallback![key] = next
        count += 1
        return -1
    }

    /// The hash a lookup of node `kind.idPrefix + suffix` starts from, under `key` (a table's
    /// `hashKey`); nil for a suffix that is not ASCII. For making hashes ahead, on another thread
    /// (`NodeHashes`).
    static func hash(kind: NodeKind, suffix: String, key: UInt64) -> UInt64? {
        var suffix = suffix
        return suffix.withUTF8 { asciiHash($0, kind: kind, key: key) }
    }

    /// How far `prefetch(hash:depth:in:)` goes: each step reads what the one before loaded, so a
    /// caller asks for the slot some lookups ahead, the record fewer, and so on.
    enum PrefetchDepth {
        /// The slot the node hashes to.
        case slot
        /// The node's record, which the slot locates.
        case record
        /// The node's element in `nodes`, which the record numbers.
        case node
    }

    /// Starts loading the memory a lookup of the node with `hash` (`hash(kind:suffix:key:)`) will
    /// read, up to `depth`, from a table of `nodes`. Only the slot the node hashes to is followed:
    /// a node placed further on, not in the table yet, or sharing the slot's tag with another
    /// loads what it finds, which is harmless.
    func prefetch(hash: UInt64, depth: PrefetchDepth, in nodes: UnsafeBufferPointer<Node>) {
        guard fallback == nil, !slots.isEmpty else { return }
        let position = Int(truncatingIfNeeded: hash >> 32) & (slots.count - 1)
        slots.withUnsafeBufferPointer { slots in
            if depth == .slot {
                rg_prefetch(slots.baseAddress! + position)
                return
            }
            let slot = slots[position]
            guard slot != 0, slot >> 32 == hash >> 32 else { return }
            let offset = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
            records.withUnsafeBytes { records in
                if depth == .record {
                    rg_prefetch(records.baseAddress! + offset)
                    return
                }
                let index = Int(records.loadUnaligned(fromByteOffset: offset, as: Int32.self).littleEndian)
                if index >= 0, index < nodes.count { rg_prefetch(nodes.baseAddress! + index) }
            }
        }
    }

    private mutating func claim(hash: UInt64, kind: NodeKind, suffix: UnsafeBufferPointer<UInt8>, next: Int32) -> Int32? {
        // Offsets and lengths have 32 and 24 bits; past those (never, in practice) the dictionary
        // takes over.
        guard suffix.count < 1 << 24, records.count + 8 + suffix.count < Int(UInt32.max) else { return nil }
        if 2 * (count + 1) > slots.count { grow(toHold: count + 1) }
        let mask = slots.count - 1
        let tag = hash >> 32
        var position = Int(truncatingIfNeeded: tag) & mask
        let header = UInt32(Self.seed(of: kind)) | UInt32(suffix.count) << 8
        while true {
            let slot = slots[position]
            if slot == 0 {
                slots[position] = tag << 32 | UInt64(records.count + 1)
                withUnsafeBytes(of: next.littleEndian) { records.append(contentsOf: $0) }
                withUnsafeBytes(of: header.littleEndian) { records.append(contentsOf: $0) }
                records.append(contentsOf: suffix)
                count += 1
                return -1
            }
            if slot >> 32 == tag {
                let offset = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                let found: Int32? = records.withUnsafeBytes { bytes in
                    guard bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian == header else { return nil }
                    if suffix.isEmpty { return bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self).littleEndian }
                    let stored = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset + 8
                    guard ByteOrder.compare(stored, suffix.count, suffix.baseAddress!, suffix.count) == 0 else { return nil }
                    return bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self).littleEndian
                }
                if let found { return found }
            }
            position = (position + 1) & mask
        }
    }

    /// A hash of kind and bytes, or nil if a byte is not ASCII. Eight bytes at a time, mixed as
    /// in FxHash and finished with MurmurHash3's mixer, whose high half places the node.
    @inline(__always)
    private static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>, kind: NodeKind, key: UInt64) -> UInt64? {
        var h = (seed(of: kind) ^ key) &* 0x9E37_79B9_7F4A_7C15
        var high: UInt64 = 0
        var offset = 0
        var tail: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while offset + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                high |= word
                h = ((h << 5 | h >> 59) ^ word) &* 0x517C_C1B7_2722_0A95
                offset += 8
            }
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            high |= tail
        }
        guard high & 0x8080_8080_8080_8080 == 0 else { return nil }
        h = ((h << 5 | h >> 59) ^ tail ^ UInt64(bytes.count) << 56) &* 0x517C_C1B7_2722_0A95
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    private static func seed(of kind: NodeKind) -> UInt64 {
        switch kind {
        case .gateway: 1
        case .route: 2
        case .service: 3
        case .domain: 4
        case .ipsec: 5
        case .tunnel: 6
        case .cidr: 7
        }
    }

    private mutating func grow(toHold needed: Int) {
        var capacity = max(slots.count, 16)
        while capacity < 2 * needed { capacity *= 2 }
        guard capacity > slots.count else { return }
        var grown = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for slot in slots where slot != 0 {
            var position = Int(truncatingIfNeeded: slot >> 32) & mask
            while grown[position] != 0 { position = (position + 1) & mask }
            grown[position] = slot
        }
        slots = grown
    }

    /// Goes over to the `Dictionary`, with every node so far.
    private mutating func fallBack(_ nodes: [Node]) {
        var table: [Key: Int32] = [:]
        table.reserveCapacity(max(nodes.count, slots.count / 2))
        for (index, node) in nodes.enumerated() {
            let suffix = String(decoding: node.id.utf8.dropFirst(node.kind.idPrefix.utf8.count), as: UTF8.self)
            table[Key(kind: node.kind, suffix: suffix)] = Int32(index)
        }
        fallback = table
        count = nodes.count
        slots = []
        records = []
    }
}
