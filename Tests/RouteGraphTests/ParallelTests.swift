import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import RouteGraph

/// `Parallel.inTurn`: every task runs once, and each result lands at its task's place, whichever
/// thread ran it and however long it took.
@Suite("Parallel.inTurn")
struct ParallelTests {
    @Test(arguments: [0, 1, 2, 4, 9])
    func resultsInTaskOrder(count: Int) {
        let runs = Mutex<[Int]>([])
        let tasks: [@Sendable () -> Int] = (0..<count).map { i in
            {
                // Uneven lengths, so the threads take tasks out of step.
                usleep(UInt32((count - i) * 300))
                runs.withLock { $0.append(i) }
                return i * i
            }
        }
        #expect(Parallel.inTurn(tasks) == (0..<count).map { $0 * $0 })
        #expect(runs.withLock { $0.sorted() } == Array(0..<count))
    }
}
