/// The attributes of the canonical graph by the bytes of their names, with the elements each
/// belongs on, for reading graph files: a `String` made of every key of every record and then
/// matched case by case, and a set of the attributes allowed, were a third of reading a fragment.
struct GraphAttributeNames {
    /// An attribute and where it belongs. A plain value: holding its name, each one looked up
    /// was retained and released (twice for each attribute of each line read).
    struct Entry {
        let attribute: Attribute
        let onNodes: Bool
        let onEdges: Bool
        /// The entry's place among all entries, `0..<count`, for tables kept per attribute.
        let number: Int
    }

    private let entries: [Entry]
    /// Every name's bytes, one after another; entry `i`'s are `names[nameStarts[i]..<nameStarts[i + 1]]`.
    private let names: [UInt8]
    private let nameStarts: [Int]
    /// Open addressing: indices into `entries`, -1 where empty; a power of two long, at most a
    /// quarter full.
    private let slots: [Int]

    init() {
        let (nodes, edges) = (Set(Attribute.nodeAttributes), Set(Attribute.edgeAttributes))
        entries = Attribute.allCases.enumerated().map { number, attribute in
            Entry(attribute: attribute, onNodes: nodes.contains(attribute), onEdges: edges.contains(attribute), number: number)
        }
        names = Attribute.allCases.flatMap { Array($0.rawValue.utf8) }
        nameStarts = Attribute.allCases.reduce(into: [0]) { starts, attribute in starts.append(starts.last! + attribute.rawValue.utf8.count) }
        var size = 16
        while size < 4 * entries.count { size *= 2 }
        var slots = [Int](repeating: -1, count: size)
        for (index, attribute) in Attribute.allCases.enumerated() {
            var slot = Self.slot(Array(attribute.rawValue.utf8), size)
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
        return names.withUnsafeBufferPointer { names in
            while slots[slot] >= 0 {
                let index = slots[slot]
                let name = UnsafeBufferPointer(rebasing: names[nameStarts[index]..<nameStarts[index + 1]])
                if ByteOrder.same(name, bytes) { return entries[index] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}
