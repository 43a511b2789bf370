/// Counting records by kind without hashing: a kind enum with string raw values hashes its raw
/// string (the standard library's `RawRepresentable` hashing), so a dictionary tally of a million
/// edges hashed a million strings, serially, each time a run counted its graph. The count is kept
/// by the case's tag instead (`CaseTag`).
enum KindTally {
    /// How many of `kind(0..<count)` are each kind, every kind listed.
    static func count<Kind: CaseIterable & Hashable>(_ count: Int, _ kind: (Int) -> Kind) -> [Kind: Int] {
        CaseTag.checkPlain(Kind.self)
        let kinds = Array(Kind.allCases)
        var tally = [Int](repeating: 0, count: kinds.count)
        for i in 0..<count { tally[CaseTag.of(kind(i))] += 1 }
        return Dictionary(uniqueKeysWithValues: zip(kinds, tally))
    }
}
