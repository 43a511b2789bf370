import Dispatch
import Synchronization

/// Two independent pieces of work run at the same time, for the serial steps between reading and
/// writing (assembling and sorting the graph).
enum Parallel {
    static func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let first = Mutex<A?>(nil)
        let second = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
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
}
