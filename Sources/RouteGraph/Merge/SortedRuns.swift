/// Walks several sorted runs together, as one sorted sequence of groups: each group is every item
/// of any run equal to the least item not yet taken. Fragments hold their nodes and edges in
/// canonical order, so merging them this way gives the merged graph in that order as well, with
/// no item hashed and nothing sorted again.
struct SortedRuns<Item> {
    /// Where an item lies: its run, and its place in that run.
    typealias Place = (run: Int, index: Int)

    private let runs: [[Item]]
    private let precedes: (Item, Item) -> Bool

    /// `runs`, each sorted by `precedes`, a strict weak order; equal items in one run are allowed.
    init(_ runs: [[Item]], by precedes: @escaping (Item, Item) -> Bool) {
        self.runs = runs
        self.precedes = precedes
    }

    /// Calls `body` with the places of each group, groups in order, places by run and then index.
    func forEachGroup(_ body: ([Place]) -> Void) {
        var next = runs.map { _ in 0 }
        // A binary heap of runs by their next items: a merge of many shards meets many runs.
        var heap = runs.indices.filter { !runs[$0].isEmpty }
        func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (runs[a][next[a]], runs[b][next[b]])
            if precedes(x, y) { return true }
            return !precedes(y, x) && a < b
        }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let (left, right) = (2 * i + 1, 2 * i + 2)
                var least = i
                if left < heap.count && before(heap[left], heap[least]) { least = left }
                if right < heap.count && before(heap[right], heap[least]) { least = right }
                if least == i { return }
                heap.swapAt(i, least)
                i = least
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        var group: [Place] = []
        while let first = heap.first {
            let key = runs[first][next[first]]
            group.removeAll(keepingCapacity: true)
            // Every item equal to `key` comes to the top of the heap in turn, the lower run first
            // (`before`), so the group is in order of run and index as it is taken.
            while let run = heap.first, !precedes(key, runs[run][next[run]]) {
                group.append((run, next[run]))
                next[run] += 1
                if next[run] == runs[run].count {
                    heap.swapAt(0, heap.count - 1)
                    heap.removeLast()
                }
                siftDown(0)
            }
            body(group)
        }
    }
}
