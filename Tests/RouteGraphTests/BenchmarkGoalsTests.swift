import Foundation
import Testing

/// `scripts/goals.py`, the verdict the benchmark prints under its table: which of the speed and
/// memory goals a run met. Run on made-up reports whose figures sit on either side of each bound,
/// so that a goal judged the wrong way, or judged without its input, fails here rather than in a
/// benchmark nobody reads closely.
@Suite("Benchmark goals")
struct BenchmarkGoalsTests {
    /// One row as `benchmark.py --json` writes it (only the fields the goals read).
    static func row(_ input: String, mb: Double, wall: Double, rss: Double, peerWall: Double? = nil, peerRss: Double? = nil) -> [String: Any] {
        var row: [String: Any] = ["input": input, "mb": mb, "wall": wall, "rss": rss]
        if let peerWall { row["peerWall"] = peerWall }
        if let peerRss { row["peerRss"] = peerRss }
        return row
    }

    /// The goal lines `goals.py` prints for `rows`, keyed by the goal's first words, each its
    /// verdict word and figure.
    static func verdicts(_ rows: [[String: Any]], scratch: borrowing ScratchDirectory) throws -> [String: String] {
        let report = scratch.path("report.json")
        try JSONSerialization.data(withJSONObject: ["machine": [:], "rows": rows]).write(to: URL(fileURLWithPath: report))
        let result = try ExternalTool.run(["python3", packageRoot.appendingPathComponent("scripts/goals.py").path, report])
        try #require(result.status == 0, "goals.py failed: \(result.stderr)")
        var verdicts: [String: String] = [:]
        for line in result.stdout.split(separator: "\n").dropFirst() {
            // Columns: the goal, the verdict, the figure, set apart by runs of two spaces or more.
            let columns = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            try #require(columns.count == 3, "not a goal line: \(line)")
            let key = try #require(Self.goals.first { columns[0].hasPrefix($0) }, "unknown goal: \(columns[0])")
            verdicts[key] = columns[1] + " " + columns[2]
        }
        return verdicts
    }

    static let goals = ["1 GB JSON Lines, 10 snapshots", "1 GB JSON Lines: >= 50x", "peak memory", "10 snapshots <=", "directory"]

    @Test("every goal met on its bound, with the figure it was judged by")
    func metOnTheBound() throws {
        let scratch = try ScratchDirectory()
        let verdicts = try Self.verdicts([
            Self.row("1GB JSONL x10", mb: 1200, wall: 4, rss: 110e6, peerWall: 200, peerRss: 440e6),
            Self.row("1GB JSONL x1", mb: 235, wall: 2, rss: 100e6, peerWall: 50, peerRss: 500e6),
            Self.row("dir 95147 files", mb: 300, wall: 2, rss: 50e6, peerWall: 30, peerRss: 400e6),
        ], scratch: scratch)
        #expect(verdicts.count == Self.goals.count)
        #expect(verdicts["1 GB JSON Lines, 10 snapshots"]?.hasPrefix("met ") == true && verdicts["1 GB JSON Lines, 10 snapshots"]?.contains("300 MB/s (4.00 s)") == true,
                "\(verdicts)")
        #expect(verdicts["1 GB JSON Lines: >= 50x"]?.hasPrefix("met ") == true && verdicts["1 GB JSON Lines: >= 50x"]?.contains("50.0x") == true, "\(verdicts)")
        #expect(verdicts["peak memory"]?.hasPrefix("met ") == true && verdicts["peak memory"]?.contains("25.0% (1GB JSONL x10: 110.0 of 440.0 MB)") == true, "\(verdicts)")
        #expect(verdicts["10 snapshots <="]?.hasPrefix("met ") == true && verdicts["10 snapshots <="]?.contains("1.10x (1GB)") == true, "\(verdicts)")
        #expect(verdicts["directory"]?.hasPrefix("met ") == true && verdicts["directory"]?.contains("150 MB/s") == true, "\(verdicts)")
    }

    @Test("each goal missed just past its bound, judged by the worst input")
    func missedPastTheBound() throws {
        let scratch = try ScratchDirectory()
        let verdicts = try Self.verdicts([
            Self.row("10MB JSONL x10", mb: 10, wall: 0.05, rss: 20e6, peerWall: 1, peerRss: 100e6),
            // The worst memory share (26%) is on the small twin, not the 1 GB archive.
            Self.row("10MB JSONL x1", mb: 2.3, wall: 0.05, rss: 26e6, peerWall: 1, peerRss: 100e6),
            Self.row("1GB JSONL x10", mb: 1000, wall: 3.4, rss: 120e6, peerWall: 169, peerRss: 4000e6),
            Self.row("1GB JSONL x1", mb: 235, wall: 2, rss: 100e6, peerWall: 50, peerRss: 3000e6),
            Self.row("dir 10000 files", mb: 34, wall: 0.1, rss: 30e6, peerWall: 3, peerRss: 200e6),
            Self.row("dir 95147 files", mb: 300, wall: 2.01, rss: 50e6, peerWall: 30, peerRss: 400e6),
        ], scratch: scratch)
        for goal in Self.goals {
            #expect(verdicts[goal]?.hasPrefix("MISSED ") == true, "\(goal): \(verdicts[goal] ?? "no line")")
        }
        #expect(verdicts["peak memory"]?.contains("26.0% (10MB JSONL x1: 26.0 of 100.0 MB)") == true, "\(verdicts)")
        #expect(verdicts["10 snapshots <="]?.contains("1.20x (1GB)") == true, "\(verdicts)")
        #expect(verdicts["directory"]?.contains("149 MB/s (dir 95147 files, 2.01 s)") == true, "\(verdicts)")
    }

    @Test("a gzipped archive's row counts for memory, never as the plain archive or a twin")
    func gzippedRow() throws {
        let scratch = try ScratchDirectory()
        let verdicts = try Self.verdicts([
            Self.row("1GB JSONL x10", mb: 1000, wall: 2, rss: 400e6, peerWall: 100, peerRss: 4000e6),
            Self.row("1GB JSONL x1", mb: 235, wall: 2, rss: 400e6, peerWall: 50, peerRss: 3000e6),
            // Slower and heavier than the plain archive: were it taken for that, or for its twin's
            // partner, the speed goals and the snapshot ratio would be missed.
            Self.row("1GB JSONL x10 gzip", mb: 1000, wall: 10, rss: 1200e6, peerWall: 100, peerRss: 4000e6),
        ], scratch: scratch)
        #expect(verdicts["1 GB JSON Lines, 10 snapshots"]?.hasPrefix("met ") == true && verdicts["1 GB JSON Lines, 10 snapshots"]?.contains("(2.00 s)") == true,
                "\(verdicts)")
        #expect(verdicts["1 GB JSON Lines: >= 50x"]?.hasPrefix("met ") == true, "\(verdicts)")
        #expect(verdicts["10 snapshots <="]?.contains("1.00x (1GB)") == true, "\(verdicts)")
        #expect(verdicts["peak memory"]?.hasPrefix("MISSED ") == true && verdicts["peak memory"]?.contains("30.0% (1GB JSONL x10 gzip") == true,
                "\(verdicts)")
    }

    @Test("a goal without its input is not measured, never met")
    func notMeasured() throws {
        let scratch = try ScratchDirectory()
        let verdicts = try Self.verdicts([Self.row("10MB JSONL x10", mb: 10, wall: 0.05, rss: 20e6)], scratch: scratch)
        #expect(verdicts.count == Self.goals.count)
        for goal in Self.goals {
            #expect(verdicts[goal]?.hasPrefix("not measured ") == true, "\(goal): \(verdicts[goal] ?? "no line")")
        }
    }

    @Test("an unreadable report is an error naming the file")
    func unreadableReport() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("missing.json")
        let result = try ExternalTool.run(["python3", packageRoot.appendingPathComponent("scripts/goals.py").path, path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot read \(path)"), "\(result.stderr)")
    }
}
