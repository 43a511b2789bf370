import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import RouteGraph

/// `ReleasedMemory.letGoInBackground`: the value is let go on another thread, and
/// `waitForBackground` returns only once it has been.
@Suite("ReleasedMemory")
struct ReleasedMemoryTests {
    /// The threads on which probes were let go.
    private final class Log: Sendable {
        let threads = Mutex<[pthread_t]>([])
    }

    /// Records, as it goes, on which thread it was let go.
    private final class Probe: Sendable {
        let log: Log
        init(_ log: Log) { self.log = log }
        deinit { log.threads.withLock { $0.append(pthread_self()) } }
    }

    /// A value holding probes among other storage, as the assembled graph holds its tables.
    private struct Held: Sendable {
        var probes: [Probe]
        var texts: [String]
    }

    @Test func letGoOnAnotherThreadAndWaitedFor() {
        let log = Log()
        for round in 0..<3 {
            let held = Held(probes: (0..<4).map { _ in Probe(log) }, texts: (0..<1000).map { "text \($0) of round \(round)" })
            ReleasedMemory.letGoInBackground(consume held)
        }
        ReleasedMemory.waitForBackground()
        let threads = log.threads.withLock { $0 }
        #expect(threads.count == 12)
        #expect(threads.allSatisfy { pthread_equal($0, pthread_self()) == 0 })
    }
}
