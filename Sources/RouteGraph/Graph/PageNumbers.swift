/// The page numbers read for one connection and entry type. Pages 1 to 64 (all but a few
/// connections' pages) are bits of one word, so most groups never allocate: a set per group cost
/// an allocation and a hash per page read, and its union most of the merge of two threads'
/// accumulators at 1 GB.
struct PageNumbers: Sendable {
    private var low: UInt64 = 0
    /// Numbers outside 1...64 (zero and negative ones included: they are what the page said).
    private var others: Set<Int64> = []

    mutating func insert(_ number: Int64) {
        if let bit = Self.bit(number) { low |= bit } else { others.insert(number) }
    }

    mutating func formUnion(_ other: PageNumbers) {
        low |= other.low
        if !other.others.isEmpty { others.formUnion(other.others) }
    }

    func contains(_ number: Int64) -> Bool {
        if let bit = Self.bit(number) { return low & bit != 0 }
        return others.contains(number)
    }

    /// How many of `1...last` are here.
    func count(upTo last: Int64) -> Int64 {
        guard last >= 1 else { return 0 }
        let lowMask = last >= 64 ? UInt64.max : (UInt64(1) << UInt64(last)) - 1
        return Int64((low & lowMask).nonzeroBitCount) + Int64(others.count { $0 > 64 && $0 <= last })
    }

    private static func bit(_ number: Int64) -> UInt64? {
        (1...64).contains(number) ? UInt64(1) << UInt64(number - 1) : nil
    }
}
