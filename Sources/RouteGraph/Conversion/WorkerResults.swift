import Synchronization

/// Results of parallel workers, one slot each.
final class WorkerResults: Sendable {
    private let slots: Mutex<[(GraphAccumulator, ConversionReport)?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ worker: Int, _ accumulator: GraphAccumulator, _ report: ConversionReport) {
        slots.withLock { $0[worker] = (accumulator, report) }
    }

    var all: [(GraphAccumulator, ConversionReport)] { slots.withLock { $0.compactMap { $0 } } }

    /// Every result, in worker order, the slots emptied: the caller then holds the only copy, so
    /// merging into one of them grows it in place instead of copying it.
    func takeAll() -> [(GraphAccumulator, ConversionReport)] {
        slots.withLock { slots in
            defer { slots = [] }
            return slots.compactMap { $0 }
        }
    }
}

/// Hands out work items to threads.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// Returns the value before adding one.
    func increment() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
