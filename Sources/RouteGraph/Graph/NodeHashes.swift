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
    /// is room and the suffix hashes (it is ASCII).
    mutating func append(kind: NodeKind, suffix: String, key: UInt64) {
        guard count < Self.capacity, let hash = NodeTable.hash(kind: kind, suffix: suffix, key: key) else { return }
        withUnsafeMutableBytes(of: &hashes) { $0.storeBytes(of: hash, toByteOffset: count * 8, as: UInt64.self) }
        count += 1
    }

    /// Calls `body` with each hash, in the order they were added.
    func forEach(_ body: (UInt64) -> Void) {
        withUnsafeBytes(of: hashes) { bytes in
            for i in 0..<count { body(bytes.load(fromByteOffset: i * 8, as: UInt64.self)) }
        }
    }
}
