import Foundation
import Synchronization
import Testing

@testable import RouteGraph

/// The scheduler writes the same files at every pace (`ExportPace`): one file after another (small
/// graphs) or side by side.
@Suite("Export scheduler")
struct ExportSchedulerTests {
    /// What happened, in order, on any thread.
    final class Log: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// Three files of `pieces` pieces each, every piece naming its file and index; `log` records
    /// when each file's plan was made and each piece rendered, in the order it happened.
    static func jobs(in scratch: borrowing ScratchDirectory, pieces: Int, log: Log) -> [ExportJob] {
        (0..<3).map { file in
            .pieces(path: scratch.path("file\(file).txt"), plan: {
                log.append("plan \(file)")
                return RenderPlan(pieceCount: pieces) { index, out in
                    log.append("piece \(file)")
                    out.append(string: String(repeating: "file \(file) piece \(index)\n", count: 50))
                }
            })
        }
    }

    static func run(pace: ExportPace, pieces: Int) throws -> (files: [String], log: [String]) {
        let scratch = try ScratchDirectory()
        let log = Log()
        let failures = ExportScheduler.run(jobs(in: scratch, pieces: pieces, log: log), order: [0, 1, 2], threads: 2, pace: pace)
        #expect(failures.allSatisfy { $0 == nil })
        let files = try (0..<3).map { try String(contentsOfFile: scratch.path("file\($0).txt"), encoding: .utf8) }
        return (files, log.all)
    }

    @Test func everyPaceWritesTheSameFiles() throws {
        let usual = try Self.run(pace: .sideBySide(piecesAheadPerThread: 8), pieces: 40)
        let shallow = try Self.run(pace: .sideBySide(piecesAheadPerThread: 2), pieces: 40)
        let compact = try Self.run(pace: .oneFileAtATime, pieces: 40)
        #expect(compact.files == usual.files)
        #expect(shallow.files == usual.files)
        let expected = (0..<40).map { String(repeating: "file 1 piece \($0)\n", count: 50) }.joined()
        #expect(compact.files[1] == expected)
    }

    /// One file at a time, a file's plan is made only once every piece of the file before it is
    /// handed out; side by side every plan comes first.
    @Test func oneFileAtATimePreparesOneFileAfterAnother() throws {
        let compact = try Self.run(pace: .oneFileAtATime, pieces: 40).log
        for file in 1..<3 {
            let plan = try #require(compact.firstIndex(of: "plan \(file)"))
            let lastOfPrevious = try #require(compact.lastIndex(of: "piece \(file - 1)"))
            // The previous file's last piece is handed out before this plan is made, though it may
            // be rendered (and logged) while the plan is being made.
            #expect(compact[..<plan].filter { $0 == "piece \(file - 1)" }.count >= 39, "plan \(file) at \(plan), last piece of \(file - 1) at \(lastOfPrevious)")
        }
        let usual = try Self.run(pace: .sideBySide(piecesAheadPerThread: 8), pieces: 40).log
        #expect(Set(usual.prefix(3)) == ["plan 0", "plan 1", "plan 2"])
    }
}
