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
    }

    private let entries: [Entry]
    /// Open addressing: indices into `entries`, -1 where empty; a power of two long, at most a
    /// quarter full.
    private let slots: [Int]

    init() {
        let (nodes, edges) = (Set(Attribute.nodeAttributes), Set(Attribute.edgeAttributes))
        entries = Attribute.allCases.map {
            Entry(name: Array($0.rawValue.utf8), attribute: $0, onNodes: nodes.contains($0), onEdges: edges.contains($0))
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
