/// Walks several sorted runs together, as one sorted sequence of groups: each group is every item
/// of any run equal to the least item not yet taken. Fragments hold their nodes and edges in
/// canonical order, so merging them this way gives the merged graph in that order as well, with
/// no item hashed and nothing sorted again.
struct SortedRuns<Item> {
    /// Where an item lies: its run, and its place in that run.
    typealias Place = (run: Int, index: Int)

    private var runs: [[Item]]
    private let precedes: (UnsafePointer<Item>, UnsafePointer<Item>) -> Bool

    /// `runs`, each sorted by `precedes`, a strict weak order; equal items in one run are allowed.
    init(_ runs: consuming [[Item]], by precedes: @escaping (UnsafePointer<Item>, UnsafePointer<Item>) -> Bool) {
        self.runs = runs
        self.precedes = precedes
    }

    /// Calls `body` with the places of each group, groups in order, places by run and then index.
    func forEachGroup(_ body: ([Place]) -> Void) {
        runs.withUnsafeBufferPointer { runs in
            Self.walk(counts: runs.map(\.count), by: { a, b in Self.compare(a, b, in: runs, by: precedes) }, body)
        }
    }

    /// `forEachGroup`, giving `body` each group's items themselves, moved out of their runs by
    /// `take` (`Edge.take`): of runs held nowhere else, nothing is copied. `body` may take the items
    /// out of the array it is lent (`removeLast`, a move).
    consuming func takeEachGroup(taking take: (inout Item) -> Item, _ body: ([Place], inout [Item]) -> Void) {
        let precedes = self.precedes
        var items: [Item] = []
        runs.withUnsafeMutableBufferPointer { runs in
            let counts = runs.map(\.count)
            Self.walk(counts: counts, by: { a, b in Self.compare(a, b, in: UnsafeBufferPointer(runs), by: precedes) }) { group in
                // The walk has passed these places and never reads them again.
                for place in group {
                    runs[place.run].withUnsafeMutableBufferPointer { run in items.append(take(&run[place.index])) }
                }
                body(group, &items)
                items.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Whether the item at `a` comes before the item at `b`, compared where they lie: passed by
    /// value to a comparison the compiler cannot see into, each was copied first (for an edge,
    /// four references retained and released). Each run is held in place for one comparison at a
    /// time, not all at once (a merge of thousands of fragments nested as many closures).
    @inline(__always)
    private static func compare(
        _ a: Place, _ b: Place, in runs: UnsafeBufferPointer<[Item]>, by precedes: (UnsafePointer<Item>, UnsafePointer<Item>) -> Bool
    ) -> Bool {
        runs[a.run].withUnsafeBufferPointer { x in
            runs[b.run].withUnsafeBufferPointer { y in precedes(x.baseAddress! + a.index, y.baseAddress! + b.index) }
        }
    }

    /// The walk itself, over runs of `counts` items, comparing places with `precedes`. `body` may
    /// change what the runs hold at the places of its group, which the walk has passed and never
    /// reads again. Also for runs held some other way (`PackedFragmentEdges`).
    static func walk(counts: [Int], by precedes: (Place, Place) -> Bool, _ body: ([Place]) -> Void) {
        var next = counts.map { _ in 0 }
        func head(_ run: Int) -> Place { (run, next[run]) }
        func before(_ a: Int, _ b: Int) -> Bool {
            if precedes(head(a), head(b)) { return true }
            return !precedes(head(b), head(a)) && a < b
        }
        // The runs not yet done, by their next items (ties by run), the least last. A run whose item
        // was taken goes back in its place: mostly last again, as a fragment's edges come in long
        // stretches between those of others, so one comparison places it; otherwise a binary
        // search does. A binary heap took four to eight comparisons per item.
        var order = counts.indices.filter { counts[$0] > 0 }.sorted { before($1, $0) }
        func putBack(_ run: Int) {
            guard let least = order.last, !before(run, least) else { return order.append(run) }
            // The first place whose run comes before `run`: there is one, the last.
            var (low, high) = (0, order.count - 1)
            while low < high {
                let middle = (low + high) / 2
                if before(order[middle], run) { high = middle } else { low = middle + 1 }
            }
            order.insert(run, at: low)
        }
        var group: [Place] = []
        while let first = order.last {
            let key = head(first)
            group.removeAll(keepingCapacity: true)
            // Every item equal to the key comes last in turn, the lower run first (`before`), so
            // the group is in order of run and index as it is taken.
            while let run = order.last, !precedes(key, head(run)) {
                group.append((run, next[run]))
                next[run] += 1
                order.removeLast()
                if next[run] < counts[run] { putBack(run) }
            }
            body(group)
        }
    }
}
