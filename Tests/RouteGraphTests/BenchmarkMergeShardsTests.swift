import Foundation
import Testing

/// `scripts/benchmark_merge.py`'s shards: whole lines, in order, every line once, so that what the
/// shard-and-merge benchmark merges is the archive it compares with.
@Suite("Benchmark merge shards")
struct BenchmarkMergeShardsTests {
    @Test("shards are whole lines that put together give the archive back", arguments: [1, 3, 7])
    func wholeLines(count: Int) throws {
        let scratch = try ScratchDirectory()
        let archive = scratch.path("archive.jsonl")
        // Lines of uneven lengths, so that the byte shares fall inside lines.
        let lines = (0..<50).map { "{\"n\":\($0),\"pad\":\"\(String(repeating: "x", count: ($0 * 37) % 101))\"}\n" }
        try lines.joined().write(toFile: archive, atomically: true, encoding: .utf8)
        let script = """
            import sys; sys.path.insert(0, sys.argv[1])
            import benchmark_merge
            for path in benchmark_merge.shards(sys.argv[2], int(sys.argv[3]), sys.argv[4]): print(path)
            """
        let run = try ExternalTool.run([
            "python3", "-c", script, packageRoot.appendingPathComponent("scripts").path, archive, String(count),
            scratch.path("shards"),
        ])
        try #require(run.status == 0, "\(run.stderr)")
        let paths = run.stdout.split(separator: "\n").map(String.init)
        #expect(paths.count == count)
        var joined = ""
        for path in paths {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.isEmpty || text.hasSuffix("\n"), "\(path) ends inside a line")
            joined += text
        }
        #expect(joined == lines.joined())
        if count > 1 { #expect(paths.filter { (try? String(contentsOfFile: $0, encoding: .utf8).isEmpty) == false }.count > 1) }
    }
}
