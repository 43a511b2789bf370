/// One copy of each VPN route entry, by key (connection, destination, edge key): the union rule
/// over pages, files and threads.
///
/// Entries sit in plain arrays, in the order they came, each with an open-addressing table of
/// 8-byte slots beside it: a slot holds the high half of the key's hash and the entry's position,
/// so growing the table moves and rehashes integers only, never an entry or a string. Keys are not
/// made as strings either: they are hashed and compared from the entry's own fields. Merging
/// another table takes over its arrays whole; only the entries of the smaller side are looked up
/// in the other's tables, to settle the entries both hold.
struct VpnEntryTable: Sendable {
    /// Entries of one origin (one thread's reading) and where each key is among them.
    struct Part: Sendable {
        var entries = EntrySegments()
        /// Empty, or a power of two long: 0 for a free slot, else the key's hash tag in the high
        /// half and the entry's position plus one in the low.
        fileprivate var slots: [UInt64] = []
        /// Positions in `entries` of entries a copy in another part replaced; they still have a
        /// slot, but no longer count as held.
        var superseded: Set<Int32> = []

        var heldCount: Int { entries.count - superseded.count }

        /// The position of the held entry with the key of `entry`, whose tag is `tag`. Entries are
        /// compared where they are, field by field: merging looks up half a million entries held
        /// in another table, and a copy of each retained and released every string in it.
        fileprivate func find(_ entry: UnsafePointer<VpnRouteEntry>, tag: UInt64) -> Int? {
            guard !slots.isEmpty else { return nil }
            let mask = slots.count - 1
            var bucket = Int(truncatingIfNeeded: tag) & mask
            while true {
                let slot = slots[bucket]
                if slot == 0 { return nil }
                if slot >> 32 == tag {
                    let i = Int(slot & 0xFFFF_FFFF) - 1
                    if entries.withEntry(at: i, { VpnEntryTable.sameKey($0, entry) }), superseded.isEmpty || !superseded.contains(Int32(i)) { return i }
                }
                bucket = (bucket + 1) & mask
            }
        }

        /// Appends `entry`, whose key no held entry of this part has.
        fileprivate mutating func append(_ entry: consuming VpnRouteEntry, tag: UInt64) {
            if (entries.count + 1) * 2 > slots.count { grow() }
            entries.append(entry)
            place(tag << 32 | UInt64(entries.count))
        }

        private mutating func place(_ slot: UInt64) {
            let mask = slots.count - 1
            var bucket = Int(truncatingIfNeeded: slot >> 32) & mask
            while slots[bucket] != 0 { bucket = (bucket + 1) & mask }
            slots[bucket] = slot
        }

        private mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: max(1024, old.count * 2))
            for slot in old where slot != 0 { place(slot) }
        }

        /// Positions and tags of the entries held.
        fileprivate var held: [(index: Int, tag: UInt64)] {
            var all: [(index: Int, tag: UInt64)] = []
            all.reserveCapacity(heldCount)
            for slot in slots where slot != 0 {
                let i = Int(slot & 0xFFFF_FFFF) - 1
                if superseded.isEmpty || !superseded.contains(Int32(i)) { all.append((i, slot >> 32)) }
            }
            return all
        }
    }

    /// The first part takes the entries added here; others came in by `merge`.
    private(set) var parts: [Part] = [Part()]

    /// Distinct entries held.
    var count: Int { parts.reduce(0) { $0 + $1.heldCount } }

    /// The union rule in one place: of two copies of an entry, the one read at the greater location
    /// stays. Copies with one location come from one page, where the first stays.
    mutating func keep(_ entry: consuming VpnRouteEntry) {
        let tag = Self.tag(of: entry)
        for p in parts.indices {
            if let i = withUnsafePointer(to: entry, { parts[p].find($0, tag: tag) }) {
                if parts[p].entries[i].location < entry.location { parts[p].entries[i] = entry }
                return
            }
        }
        parts[0].append(entry, tag: tag)
    }

    /// Takes in every entry `other` holds, as if they had been added here.
    mutating func merge(_ other: consuming VpnEntryTable) {
        var theirs: [Part] = []
        swap(&theirs, &other.parts)
        // Look up the entries of the side with fewer.
        if theirs.reduce(0, { $0 + $1.heldCount }) <= count {
            Self.settle(&parts, against: &theirs)
        } else {
            Self.settle(&theirs, against: &parts)
        }
        // The first part stays first: it is the one that takes entries added from now on.
        parts.append(contentsOf: theirs.filter { !$0.entries.isEmpty })
    }

    /// For each entry of `few` whose key `many` holds too, the copy at the lesser location is
    /// superseded.
    private static func settle(_ many: inout [Part], against few: inout [Part]) {
        for q in few.indices {
            for (i, tag) in few[q].held {
                for p in many.indices {
                    guard let j = few[q].entries.withEntry(at: i, { many[p].find($0, tag: tag) }) else { continue }
                    let manyIsOlder = many[p].entries.withEntry(at: j) { mine in
                        few[q].entries.withEntry(at: i) { theirs in mine.pointee.location < theirs.pointee.location }
                    }
                    if manyIsOlder {
                        many[p].superseded.insert(Int32(j))
                    } else {
                        few[q].superseded.insert(Int32(i))
                    }
                    break
                }
            }
        }
    }

    /// Hands the parts over, leaving this table empty; their slots are dropped, as only building
    /// follows.
    mutating func takeParts() -> [Part] {
        var taken: [Part] = [Part()]
        swap(&taken, &parts)
        for p in taken.indices { taken[p].slots = [] }
        return taken
    }

    /// The high half of the key's hash. The edge key (`entryType|nextHop`) is hashed as the bytes
    /// of that text, so two entries whose edge keys read the same hash the same however the
    /// text splits into its two fields.
    static func tag(of entry: VpnRouteEntry) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(entry.connectionId)
        hasher.combine(entry.cidr?.text ?? entry.routeDest)
        var entryType = entry.entryType
        entryType.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(UInt8(ascii: "|"))
        var nextHop = entry.nextHop ?? ""
        nextHop.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return UInt64(UInt(bitPattern: hasher.finalize())) >> 32
    }

    /// Whether two entries have one key: connection, destination node and edge key. Edge keys
    /// are compared as the text `entryType|nextHop`, without making it unless an entry type holds
    /// a `|` (where two splits could give one text).
    static func sameKey(_ a: UnsafePointer<VpnRouteEntry>, _ b: UnsafePointer<VpnRouteEntry>) -> Bool {
        guard a.pointee.connectionId == b.pointee.connectionId, sameDestination(a, b) else { return false }
        if a.pointee.entryType == b.pointee.entryType {
            switch (a.pointee.nextHop == nil, b.pointee.nextHop == nil) {
            case (false, false): return a.pointee.nextHop! == b.pointee.nextHop!
            case (false, true): return a.pointee.nextHop!.isEmpty
            case (true, false): return b.pointee.nextHop!.isEmpty
            case (true, true): return true
            }
        }
        // With no `|` in either type, each text's first `|` ends its type, so texts that read the
        // same would have the same type.
        if !a.pointee.entryType.utf8.contains(UInt8(ascii: "|")) && !b.pointee.entryType.utf8.contains(UInt8(ascii: "|")) { return false }
        return a.pointee.edgeKey == b.pointee.edgeKey
    }

    /// Whether two entries name one destination node: the text of their CIDR, or, where an entry
    /// has none, its destination as written.
    private static func sameDestination(_ a: UnsafePointer<VpnRouteEntry>, _ b: UnsafePointer<VpnRouteEntry>) -> Bool {
        switch (a.pointee.cidr == nil, b.pointee.cidr == nil) {
        case (false, false): a.pointee.cidr!.text == b.pointee.cidr!.text
        case (false, true): a.pointee.cidr!.text == b.pointee.routeDest
        case (true, false): a.pointee.routeDest == b.pointee.cidr!.text
        case (true, true): a.pointee.routeDest == b.pointee.routeDest
        }
    }
}
