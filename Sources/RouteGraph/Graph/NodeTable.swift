/// Finds a node of a `GraphAssembly` by kind and id suffix: an open-addressing table of node
/// indices, hashed and compared as bytes against the node's own id, so no key is stored or
/// retained and no `Hasher` runs per lookup.
///
/// Bytes are the right identity only for ASCII: `String` equality is canonical equivalence, under
/// which different bytes can be one id (`é` composed or not, a Kelvin sign and `K`). So once any
/// suffix is not ASCII, the table goes over for good to a `Dictionary` keyed by `String`, filled
/// from the nodes so far, and the graph is the same as if it had been used from the start.
struct NodeTable {
    /// Per slot: 0 when empty, else the hash's high 32 bits (which place it) above the node
    /// index plus one.
    private var slots: [UInt64] = []
    private var count = 0
    private var fallback: [Key: Int32]?

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
    mutating func claim(kind: NodeKind, suffix: String, next: Int32, in nodes: [Node]) -> Int32 {
        var suffix = suffix
        let found: Int32? = suffix.withUTF8 { bytes in
            guard fallback == nil, let hash = Self.asciiHash(bytes, kind: kind) else { return nil }
            return claim(hash: hash, kind: kind, suffix: bytes, next: next, in: nodes)
        }
        if let found { return found }
        if fallback == nil { fallBack(nodes) }
        let key = Key(kind: kind, suffix: suffix)
        if let known = fallback![key] { return known }
        fallback![key] = next
        count += 1
        return -1
    }

    private mutating func claim(hash: UInt64, kind: NodeKind, suffix: UnsafeBufferPointer<UInt8>, next: Int32, in nodes: [Node]) -> Int32 {
        if 2 * (count + 1) > slots.count { grow(toHold: count + 1) }
        let mask = slots.count - 1
        let tag = hash >> 32
        var position = Int(truncatingIfNeeded: tag) & mask
        let prefixCount = kind.idPrefix.utf8.count
        while true {
            let slot = slots[position]
            if slot == 0 {
                slots[position] = tag << 32 | UInt64(next + 1)
                count += 1
                return -1
            }
            if slot >> 32 == tag {
                let index = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                if nodes[Int(index)].kind == kind, Self.id(nodes[Int(index)].id, hasPrefix: prefixCount, then: suffix) { return index }
            }
            position = (position + 1) & mask
        }
    }

    /// Whether `id` is `prefixCount` bytes and then exactly `suffix`. Ids in the table are ASCII,
    /// so native strings with contiguous bytes, read without a copy.
    private static func id(_ id: String, hasPrefix prefixCount: Int, then suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        let same = id.utf8.withContiguousStorageIfAvailable { idBytes -> Bool in
            guard idBytes.count == prefixCount + suffix.count else { return false }
            guard let a = idBytes.baseAddress, let b = suffix.baseAddress else { return suffix.isEmpty }
            return ByteOrder.compare(a + prefixCount, suffix.count, b, suffix.count) == 0
        }
        if let same { return same }
        return id.utf8.count == prefixCount + suffix.count && id.utf8.dropFirst(prefixCount).elementsEqual(suffix)
    }

    /// A hash of kind and bytes, or nil if a byte is not ASCII. Eight bytes at a time, mixed as
    /// in FxHash and finished with MurmurHash3's mixer, whose high half places the node.
    @inline(__always)
    private static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>, kind: NodeKind) -> UInt64? {
        var h = seed(of: kind) &* 0x9E37_79B9_7F4A_7C15
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
    }
}
