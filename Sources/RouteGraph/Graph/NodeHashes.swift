/// The `NodeTable` hashes of the first few nodes a record names, made ahead of the loop that adds
/// it (`RoutePreparation`), so the loop can prefetch those nodes' memory a few records early
/// without hashing or copying anything of the record. Held inline: a value is copied and read
/// where it lies, with no reference to count.
struct NodeHashes {
    /// How many are kept; a record naming more prefetches these (enough for nearly every route).
    static let capacity = 8

    private var hashes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0

    /// Adds the hash of node `kind.idPrefix + suffix` under `key` (`NodeTable.hashKey`), if there
    /// is room: the hash of the `count`-th node looked up is at `count`. A suffix that does not
    /// hash (it is not ASCII) takes its place with none.
    mutating func append(kind: NodeKind, suffix: String, key: UInt64) {
        guard count < Self.capacity else { return }
        let hash = NodeTable.hash(kind: kind, suffix: suffix, key: key) ?? 0
        withUnsafeMutableBytes(of: &hashes) { $0.storeBytes(of: hash, toByteOffset: count * 8, as: UInt64.self) }
        count += 1
    }

    /// The hash of the `i`-th node added, or nil if there is none (past the capacity, or a
    /// suffix that does not hash; a hash of 0 counts as none).
    func hash(at i: Int) -> UInt64? {
        guard i < count else { return nil }
        let hash = withUnsafeBytes(of: hashes) { $0.load(fromByteOffset: i * 8, as: UInt64.self) }
        return hash == 0 ? nil : hash
    }

    /// Calls `body` with each hash there is, in the order they were added.
    func forEach(_ body: (UInt64) -> Void) {
        for i in 0..<count { if let hash = hash(at: i) { body(hash) } }
    }
}
