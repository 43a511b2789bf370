/// The attributes of the canonical graph by the bytes of their names, with the elements each
/// belongs on, for reading graph files: a `String` made of every key of every record and then
/// matched case by case, and a set of the attributes allowed, were a third of reading a fragment.
struct GraphAttributeNames {
    /// An attribute, its name, and where it belongs.
    struct Entry {
        let name: [UInt8]
        let attribute: Attribute
        let onNodes: Bool
        let onEdges: Bool
        /// The entry's place among all entries, `0..<count`, for tables kept per attribute.
        let number: Int
    }

    private let entries: [Entry]
    /// Open addressing: indices into `entries`, -1 where empty; a power of two long, at most a
    /// quarter full.
    private let slots: [Int]

    init() {
        let (nodes, edges) = (Set(Attribute.nodeAttributes), Set(Attribute.edgeAttributes))
        entries = Attribute.allCases.enumerated().map { number, attribute in
            Entry(name: Array(attribute.rawValue.utf8), attribute: attribute, onNodes: nodes.contains(attribute),
                  onEdges: edges.contains(attribute), number: number)
        }
        var size = 16
        while size < 4 * entries.count { size *= 2 }
        var slots = [Int](repeating: -1, count: size)
        for (index, entry) in entries.enumerated() {
            var slot = Self.slot(entry.name, size)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = index
        }
        self.slots = slots
    }

    /// How many attributes there are, the bound of `Entry.number`.
    var count: Int { entries.count }

    private static func slot(_ name: [UInt8], _ size: Int) -> Int {
        name.withUnsafeBufferPointer { Int(truncatingIfNeeded: GraphIdTable.hash($0)) } & (size - 1)
    }

    /// The attribute named by `bytes`, or nil.
    func entry(named bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: GraphIdTable.hash(bytes)) & mask
        while slots[slot] >= 0 {
            let entry = entries[slots[slot]]
            if entry.name.withUnsafeBufferPointer({ ByteOrder.same($0, bytes) }) { return entry }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
