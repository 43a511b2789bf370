/// The tag a payload-free enum is stored as: its case's index in declaration order. Tables
/// indexed by it (counts by kind, columns by attribute, names made once) need no hashing, where a
/// string-raw-valued enum used as a dictionary key hashes its raw string every time.
enum CaseTag {
    /// The case index of `value`; `Case` must pass `checkPlain`.
    @inline(__always)
    static func of<Case>(_ value: Case) -> Int { Int(unsafeBitCast(value, to: UInt8.self)) }

    /// Stops the program unless `Case` is stored as its declaration index in one byte, as `of`
    /// assumes: a case with a payload, or a type that is no enum, would be read as garbage.
    static func checkPlain<Case: CaseIterable>(_ type: Case.Type) {
        let cases = Array(Case.allCases)
        precondition(MemoryLayout<Case>.size == 1 && cases.indices.allSatisfy { of(cases[$0]) == $0 },
                     "\(Case.self) is expected to be a payload-free enum")
    }
}
