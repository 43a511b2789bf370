/// Counting records by kind without hashing: a kind enum with string raw values hashes its raw
/// string (the standard library's `RawRepresentable` hashing), so a dictionary tally of a million
/// edges hashed a million strings, serially, each time a run counted its graph. The count is kept
/// by the case's tag instead, the index in declaration order that a payload-free enum is stored as.
enum KindTally {
    /// How many of `kind(0..<count)` are each kind, every kind listed.
    static func count<Kind: CaseIterable & Hashable>(_ count: Int, _ kind: (Int) -> Kind) -> [Kind: Int] {
        let kinds = Array(Kind.allCases)
        precondition(MemoryLayout<Kind>.size == 1 && kinds.indices.allSatisfy { tag(kinds[$0]) == $0 },
                     "\(Kind.self) is expected to be a payload-free enum")
        var tally = [Int](repeating: 0, count: kinds.count)
        for i in 0..<count { tally[tag(kind(i))] += 1 }
        return Dictionary(uniqueKeysWithValues: zip(kinds, tally))
    }

    @inline(__always)
    private static func tag<Kind>(_ kind: Kind) -> Int { Int(unsafeBitCast(kind, to: UInt8.self)) }
}
