/// One copy of each VPN route entry, by key (`GraphAccumulator.EntryKey`): the union rule over
/// pages, files and threads.
///
/// Entries sit in plain arrays, in the order they came, with a map from key to position beside
/// each: adding an entry appends it, and only the small key and position are hashed and moved when
/// the map grows, never the entry (a dictionary of entries moved every entry's 200-odd bytes at each
/// growth). Merging another table takes over its arrays whole; only the keys of the smaller side
/// are looked up in the other's maps, to settle the entries both hold.
struct VpnEntryTable: Sendable {
    typealias Key = GraphAccumulator.EntryKey

    /// Entries of one origin (one thread's reading) and where each key is among them.
    struct Part: Sendable {
        var entries: [VpnRouteEntry] = []
        /// The entries still held, by key. An entry beaten by a copy in another part leaves this map
        /// and is listed in `superseded`; each key is in exactly one part's map.
        var index: [Key: Int32] = [:]
        /// Positions in `entries` of entries a copy in another part replaced.
        var superseded: [Int32] = []
    }

    /// The first part takes the entries added here; others came in by `merge`.
    private(set) var parts: [Part] = [Part()]

    /// Distinct entries held.
    var count: Int { parts.reduce(0) { $0 + $1.index.count } }

    /// The union rule in one place: of two copies of an entry, the one read at the greater location
    /// stays. Copies with one location come from one page, where the first stays.
    mutating func keep(_ entry: VpnRouteEntry, as key: Key) {
        for p in parts.indices.dropFirst() {
            if let i = parts[p].index[key] {
                if parts[p].entries[Int(i)].location < entry.location { parts[p].entries[Int(i)] = entry }
                return
            }
        }
        let next = Int32(parts[0].entries.count)
        let found = Self.slot(&parts[0].index[key, default: -1], next: next)
        if found < 0 {
            parts[0].entries.append(entry)
        } else if parts[0].entries[Int(found)].location < entry.location {
            parts[0].entries[Int(found)] = entry
        }
    }

    /// The position a key's map slot holds, or -1 after claiming a new slot for `next`: one hash
    /// lookup whether the key is new or not.
    private static func slot(_ value: inout Int32, next: Int32) -> Int32 {
        if value >= 0 { return value }
        value = next
        return -1
    }

    /// Takes in every entry `other` holds, as if they had been added here.
    mutating func merge(_ other: consuming VpnEntryTable) {
        var theirs: [Part] = []
        swap(&theirs, &other.parts)
        // Look up the keys of the side with fewer; each key is in one map of its side.
        if Self.keyCount(theirs) <= Self.keyCount(parts) {
            Self.settle(&parts, against: &theirs)
        } else {
            Self.settle(&theirs, against: &parts)
        }
        // The first part stays first: it is the one that takes entries added from now on.
        parts.append(contentsOf: theirs.filter { !$0.entries.isEmpty })
    }

    private static func keyCount(_ parts: [Part]) -> Int { parts.reduce(0) { $0 + $1.index.count } }

    /// For each key of `few` that `many` holds too, the copy at the lesser location leaves its map.
    private static func settle(_ many: inout [Part], against few: inout [Part]) {
        for q in few.indices {
            var beaten: [Key] = []
            for (key, i) in few[q].index {
                for p in many.indices {
                    guard let j = many[p].index[key] else { continue }
                    if many[p].entries[Int(j)].location < few[q].entries[Int(i)].location {
                        many[p].index.removeValue(forKey: key)
                        many[p].superseded.append(j)
                    } else {
                        beaten.append(key)
                        few[q].superseded.append(i)
                    }
                    break
                }
            }
            for key in beaten { few[q].index.removeValue(forKey: key) }
        }
    }

    /// Hands the parts over, leaving this table empty.
    mutating func takeParts() -> [Part] {
        var taken: [Part] = [Part()]
        swap(&taken, &parts)
        return taken
    }
}
