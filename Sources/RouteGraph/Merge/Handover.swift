import Synchronization

/// Values passed to the threads that go on to own them, each taken once. Captured by a closure
/// instead, a value is held twice (by the closure and by whoever made it), and an array held twice
/// is copied whole on its first change: a merge moves the edges out of its fragments' arrays.
final class Handover<Value: Sendable>: Sendable {
    private let values: Mutex<[Value?]>

    init(_ values: consuming [Value]) {
        self.values = Mutex(values.map(Optional.some))
    }

    /// The value at `index`, which no one holds any more; taking it twice is a programming error.
    func take(_ index: Int) -> Value {
        values.withLock { values in
            guard let value = values[index].take() else { preconditionFailure("handover \(index) taken twice") }
            return value
        }
    }
}
