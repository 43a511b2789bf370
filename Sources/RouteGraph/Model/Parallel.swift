import Dispatch
import Synchronization

/// Two independent pieces of work run at the same time, for the serial steps between reading and
/// writing (assembling and sorting the graph).
enum Parallel {
    static func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let first = Mutex<A?>(nil)
        let second = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            CompactAllocation.adoptOnThisThread()
            if i == 0 {
                let value = a()
                first.withLock { $0 = value }
            } else {
                let value = b()
                second.withLock { $0 = value }
            }
        }
        return (first.withLock { $0.take()! }, second.withLock { $0.take()! })
    }

    /// `both`, for work inside one of the two pieces `both` runs: Dispatch runs an apply nested in
    /// another on the calling thread alone, so `b` goes to a global queue instead, which gives it
    /// a core as soon as one is free (the other piece's, once that is done).
    static func alongside<A: Sendable, B: Sendable>(_ a: () -> A, _ b: @escaping @Sendable () -> B) -> (A, B) {
        let second = Mutex<B?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            CompactAllocation.adoptOnThisThread()
            let value = b()
            second.withLock { $0 = value }
        }
        let first = a()
        group.wait()
        return (first, second.withLock { $0.take()! })
    }

    /// Runs `tasks` on two threads, each thread taking the first task not yet taken whenever it
    /// is free, so the order of `tasks` decides who does what: long ones first, and the rest fill
    /// in behind them whichever turns out longer. The results are in the order of `tasks`.
    static func inTurn<T: Sendable>(_ tasks: [@Sendable () -> T]) -> [T] {
        let next = Atomic<Int>(0)
        let results = Mutex<[T?]>(Array(repeating: nil, count: tasks.count))
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            CompactAllocation.adoptOnThisThread()
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < tasks.count else { return }
                let value = tasks[i]()
                results.withLock { $0[i] = value }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
