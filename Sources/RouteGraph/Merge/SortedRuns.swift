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
    /// Items are compared where they lie: passed by value to a comparison the compiler cannot see
    /// into, each was copied first (for an edge, four references retained and released).
    init(_ runs: consuming [[Item]], by precedes: @escaping (UnsafePointer<Item>, UnsafePointer<Item>) -> Bool) {
        self.runs = runs
        self.precedes = precedes
    }

    /// Calls `body` with the places of each group, groups in order, places by run and then index.
    func forEachGroup(_ body: ([Place]) -> Void) {
        runs.withUnsafeBufferPointer { runs in
            Self.withBuffers(of: runs, from: 0, into: []) { buffers in
                Self.walk(buffers, by: precedes, body)
            }
        }
    }

    /// `forEachGroup`, giving `body` each group's items themselves, moved out of their runs, which
    /// keep `placeholder` in their places: of runs held nowhere else, nothing is copied. `body` may
    /// take the items out of the array it is lent (`removeLast`, a move).
    consuming func takeEachGroup(leaving placeholder: Item, _ body: ([Place], inout [Item]) -> Void) {
        let precedes = self.precedes
        var items: [Item] = []
        runs.withUnsafeMutableBufferPointer { runs in
            Self.withMutableBuffers(of: runs, from: 0, into: []) { buffers in
                Self.walk(buffers.map(UnsafeBufferPointer.init), by: precedes) { group in
                    // The walk has passed these places and never reads them again.
                    for place in group {
                        let item = buffers[place.run].baseAddress! + place.index
                        items.append(item.move())
                        item.initialize(to: placeholder)
                    }
                    body(group, &items)
                    items.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    /// Calls `body` with a pointer to each run's items, the runs held in place meanwhile.
    private static func withBuffers(
        of runs: UnsafeBufferPointer<[Item]>, from first: Int, into buffers: [UnsafeBufferPointer<Item>],
        _ body: ([UnsafeBufferPointer<Item>]) -> Void
    ) {
        guard first < runs.count else { return body(buffers) }
        runs[first].withUnsafeBufferPointer { buffer in
            withBuffers(of: runs, from: first + 1, into: buffers + [buffer], body)
        }
    }

    /// `withBuffers`, for runs whose items are moved out as they are taken.
    private static func withMutableBuffers(
        of runs: UnsafeMutableBufferPointer<[Item]>, from first: Int, into buffers: [UnsafeMutableBufferPointer<Item>],
        _ body: ([UnsafeMutableBufferPointer<Item>]) -> Void
    ) {
        guard first < runs.count else { return body(buffers) }
        runs[first].withUnsafeMutableBufferPointer { buffer in
            withMutableBuffers(of: runs, from: first + 1, into: buffers + [buffer], body)
        }
    }

    private static func walk(
        _ runs: [UnsafeBufferPointer<Item>], by precedes: (UnsafePointer<Item>, UnsafePointer<Item>) -> Bool,
        _ body: ([Place]) -> Void
    ) {
        var next = runs.map { _ in 0 }
        func head(_ run: Int) -> UnsafePointer<Item> { runs[run].baseAddress! + next[run] }
        func before(_ a: Int, _ b: Int) -> Bool {
            if precedes(head(a), head(b)) { return true }
            return !precedes(head(b), head(a)) && a < b
        }
        // The runs not yet done, by their next items (ties by run). A run whose item was taken goes
        // back in its place: mostly the front again, as a fragment's edges come in long stretches
        // between those of others, so one comparison places it; otherwise a binary search does.
        // A binary heap took four to eight comparisons per item.
        var order = runs.indices.filter { !runs[$0].isEmpty }.sorted(by: before)
        func putBack(_ run: Int) {
            guard let front = order.first, !before(run, front) else { return order.insert(run, at: 0) }
            var (low, high) = (1, order.count)
            while low < high {
                let middle = (low + high) / 2
                if before(run, order[middle]) { high = middle } else { low = middle + 1 }
            }
            order.insert(run, at: low)
        }
        var group: [Place] = []
        while let first = order.first {
            let key = head(first)
            group.removeAll(keepingCapacity: true)
            // Every item equal to the key comes to the front in turn, the lower run first
            // (`before`), so the group is in order of run and index as it is taken.
            while let run = order.first, !precedes(key, head(run)) {
                group.append((run, next[run]))
                next[run] += 1
                order.removeFirst()
                if next[run] < runs[run].count { putBack(run) }
            }
            body(group)
        }
    }
}
