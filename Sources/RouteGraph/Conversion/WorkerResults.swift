import Synchronization

/// Results of parallel workers, one slot each.
final class WorkerResults: Sendable {
    private let slots: Mutex<[(GraphAccumulator, ConversionReport)?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ worker: Int, _ accumulator: GraphAccumulator, _ report: ConversionReport) {
        slots.withLock { $0[worker] = (accumulator, report) }
    }

    /// Hands the results over, leaving none here: held only by the caller, they can be merged in
    /// place rather than copied first.
    func takeAll() -> [(GraphAccumulator, ConversionReport)] {
        slots.withLock { slots in
            let all = slots.compactMap { $0 }
            slots = []
            return all
        }
    }
}
