/// A stable sort of integer keys, each with the index of what it stands for: for the orders of
/// building (a million edges at 1 GB), where a comparison sort spent about a tenth of a second
/// on the thread every other one waits for.
///
/// Least significant digit first, eleven bits a digit (a counts table of 2,048 fits the first
/// cache level), and only as many digits as the largest key has: an edge's key is its ends'
/// ranks, kind and key rank packed, which at 1 GB fit in about 55 bits, so five passes. A pass
/// whose digit is the same for every key is skipped.
enum RadixSort {
    /// A key and the index it orders.
    struct Item {
        var key: UInt64
        var index: UInt32
    }

    private static let digitBits = 11
    private static let buckets = 1 << digitBits

    /// The indices of `items` after a stable sort by key: equal keys keep the order they came in.
    static func sortedIndices(_ items: consuming [Item]) -> [UInt32] {
        sorted(items).map(\.index)
    }

    /// The indices of two sorted runs merged into one stable order, the first run's items before
    /// the second's on equal keys: the two halves of one list, sorted apart.
    static func mergedIndices(_ first: [Item], _ second: [Item]) -> [UInt32] {
        var merged = [UInt32]()
        merged.reserveCapacity(first.count + second.count)
        var i = 0, j = 0
        while i < first.count && j < second.count {
            if second[j].key < first[i].key {
                merged.append(second[j].index)
                j += 1
            } else {
                merged.append(first[i].index)
                i += 1
            }
        }
        while i < first.count {
            merged.append(first[i].index)
            i += 1
        }
        while j < second.count {
            merged.append(second[j].index)
            j += 1
        }
        return merged
    }

    /// `items` after a stable sort by key.
    static func sorted(_ items: consuming [Item]) -> [Item] {
        let count = items.count
        guard count > 1 else { return items }
        let largest = items.reduce(0) { max($0, $1.key) }
        let digits = max(1, (UInt64.bitWidth - largest.leadingZeroBitCount + digitBits - 1) / digitBits)
        // Every digit's counts in one pass over the keys.
        var counts = [Int](repeating: 0, count: digits * buckets)
        let mask = UInt64(buckets - 1)
        items.withUnsafeBufferPointer { items in
            counts.withUnsafeMutableBufferPointer { counts in
                for item in items {
                    var key = item.key
                    for d in 0..<digits {
                        counts[d * buckets + Int(key & mask)] += 1
                        key >>= UInt64(digitBits)
                    }
                }
            }
        }
        var spare = [Item](repeating: Item(key: 0, index: 0), count: count)
        var sourceIsItems = true
        items.withUnsafeMutableBufferPointer { a in
            spare.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { counts in
                    for d in 0..<digits {
                        let table = UnsafeMutableBufferPointer(rebasing: counts[d * buckets..<(d + 1) * buckets])
                        if table.contains(count) { continue }
                        // Counts become where each bucket starts.
                        var start = 0
                        for b in 0..<buckets {
                            let n = table[b]
                            table[b] = start
                            start += n
                        }
                        let (from, to) = sourceIsItems ? (a, b) : (b, a)
                        let shift = UInt64(d * digitBits)
                        for item in from {
                            let bucket = Int((item.key >> shift) & mask)
                            to[table[bucket]] = item
                            table[bucket] += 1
                        }
                        sourceIsItems.toggle()
                    }
                }
            }
        }
        return sourceIsItems ? items : spare
    }

    /// How many bits hold every value below `count`: 0 for a count of one or none.
    static func bits(below count: Int) -> Int {
        count <= 1 ? 0 : Int.bitWidth - (count - 1).leadingZeroBitCount
    }
}
