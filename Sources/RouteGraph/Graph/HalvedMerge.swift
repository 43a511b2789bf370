/// The merge of two sorted sequences that share no element, cut into two halves that two threads
/// merge at once: the second half starts where the first `count / 2` merged elements end, found by
/// a binary search of how many of them come from the first sequence.
///
/// `SortedAssembly.merged` merges the route half's and the VPN half's nodes and then edges this way;
/// one thread alone took about 40 ms of the 1 GB archive's run while the other had nothing to do.
enum HalvedMerge {
    /// From how many elements in all the merge is cut in two: below, one thread merges alone.
    static let parallelFrom = 1 << 16

    /// Calls `place(fromFirst, index, position)` once for every element of the two sequences, of
    /// `firstCount` and `secondCount` elements, with its position in their merged order.
    /// `precedes(i, j)` says whether the first sequence's `i`-th element comes before the second's
    /// `j`-th; they are never equal. `place` is called from two threads at once when the sequences
    /// hold `parallelFrom` elements or more (`threshold`, for the tests), each position once.
    @inline(__always)
    static func merge(firstCount: Int, secondCount: Int, threshold: Int = parallelFrom,
                      precedes: @Sendable (Int, Int) -> Bool, place: @Sendable (Bool, Int, Int) -> Void) {
        let total = firstCount + secondCount
        guard total >= threshold else {
            run(0..<firstCount, 0..<secondCount, at: 0, precedes, place)
            return
        }
        let half = total / 2
        let i = split(at: half, firstCount: firstCount, secondCount: secondCount, precedes)
        _ = Parallel.both(
            { run(0..<i, 0..<(half - i), at: 0, precedes, place) },
            { run(i..<firstCount, (half - i)..<secondCount, at: half, precedes, place) })
    }

    /// How many of the first `k` merged elements come from the first sequence: the least `i` for
    /// which the first's `i`-th does not come before the second's `k - i - 1`-th.
    @inline(__always)
    static func split(at k: Int, firstCount: Int, secondCount: Int, _ precedes: (Int, Int) -> Bool) -> Int {
        var (low, high) = (max(0, k - secondCount), min(k, firstCount))
        while low < high {
            let i = (low + high) / 2
            let j = k - i
            if j > 0 && i < firstCount && precedes(i, j - 1) { low = i + 1 } else { high = i }
        }
        return low
    }

    /// The merge of `first` and `second`, the first element placed at `start`.
    @inline(__always)
    private static func run(_ first: Range<Int>, _ second: Range<Int>, at start: Int,
                            _ precedes: (Int, Int) -> Bool, _ place: (Bool, Int, Int) -> Void) {
        var (i, j, position) = (first.lowerBound, second.lowerBound, start)
        while i < first.upperBound || j < second.upperBound {
            if j == second.upperBound || (i < first.upperBound && precedes(i, j)) {
                place(true, i, position)
                i += 1
            } else {
                place(false, j, position)
                j += 1
            }
            position += 1
        }
    }
}
