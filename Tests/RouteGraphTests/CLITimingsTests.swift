import Foundation
import Testing

/// `convert --timings`: one line on standard error with the phases (four, five with focusing or
/// redacting), each a wall time and the CPU time of all threads, in the order they run. Only the
/// line's form is checked: timings are never asserted.
@Suite("convert --timings")
struct CLITimingsTests {
    static let phases = ["reading", "building", "packing", "writing"]

    /// The (wall, cpu) seconds of each phase named on the `timings:` line of `stderr`, in order.
    static func phases(in stderr: String) throws -> [(name: String, wall: Double, cpu: Double)] {
        let line = try #require(stderr.split(separator: "\n").first { $0.hasPrefix("timings: ") })
        return try line.dropFirst("timings: ".count).split(separator: ", ").map { part in
            // "reading 0.123 s (cpu 0.234 s)"
            let words = part.split(separator: " ")
            try #require(words.count == 6, "unexpected phase text: \(part)")
            // Seconds to the millisecond, as `%.3f` writes them: digits, a point, three digits.
            for number in [words[1], words[4]] {
                let parts = number.split(separator: ".", omittingEmptySubsequences: false)
                #expect(parts.count == 2 && !parts[0].isEmpty && parts[1].count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) },
                        "not seconds with three decimals: \(number)")
            }
            let wall = try #require(Double(words[1]))
            let cpu = try #require(Double(words[4]))
            return (String(words[0]), wall, cpu)
        }
    }

    @Test("names the phases in order, each with wall and CPU seconds; redacting is one of them where asked", arguments: [[String](), ["--redact"]])
    func timingsLine(extra: [String]) throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(["convert", "Examples/responses", "--output", scratch.path("out"), "--timings"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let phases = try Self.phases(in: result.stderr)
        // Redacting, where asked, is a phase of its own: on the packed graph, after packing.
        #expect(phases.map(\.name) == (extra.isEmpty ? Self.phases : ["reading", "building", "packing", "redacting", "writing"]))
        for phase in phases {
            #expect(phase.wall >= 0 && phase.cpu >= 0, "\(phase.name): \(phase.wall) s, cpu \(phase.cpu) s")
        }
        #expect(CLITests.names(in: scratch.path("out")) == CLITests.allOutputs)
        // The peak resident memory follows, in megabytes with one decimal: more than nothing, and
        // less than this machine could hold.
        let memory = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("peak memory: ") })
        let words = memory.split(separator: " ")
        #expect(words.count == 5 && words[3] == "MB" && words[4] == "resident", "\(memory)")
        let megabytes = try #require(Double(words[2]), "\(memory)")
        #expect(megabytes > 1 && megabytes < 100_000, "\(memory)")
        #expect(words[2].split(separator: ".").last?.count == 1, "\(memory)")
    }

    @Test("merge --timings names its phases in order, redacting where asked, and the peak memory", arguments: [[String](), ["--redact"]])
    func mergeTimingsLine(extra: [String]) throws {
        let scratch = try ScratchDirectory()
        let fragment = try RouteGraphCLI.run(["convert", "Examples/responses", "--output", scratch.path("part"), "--format", "jsonl", "-q"])
        try #require(fragment.status == 0, "\(fragment.stderr)")
        let result = try RouteGraphCLI.run(["merge", scratch.path("part/graph.jsonl"), "--output", scratch.path("out"), "--timings"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let phases = try Self.phases(in: result.stderr)
        #expect(phases.map(\.name) == ["reading", "merging", "packing"] + (extra.isEmpty ? [] : ["redacting"]) + ["writing"])
        for phase in phases {
            #expect(phase.wall >= 0 && phase.cpu >= 0, "\(phase.name): \(phase.wall) s, cpu \(phase.cpu) s")
        }
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("peak memory: ") && $0.hasSuffix(" MB resident") })
        #expect(CLITests.names(in: scratch.path("out")) == CLITests.allOutputs)
        let quiet = try RouteGraphCLI.run(["merge", scratch.path("part/graph.jsonl"), "--output", scratch.path("out2"), "-q"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("timings:"), "\(quiet.stderr)")
    }

    @Test func withoutTheFlagNoTimingsAreWritten() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run(["convert", "Examples/responses", "--output", scratch.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("timings:"))
        #expect(!result.stderr.contains("peak memory:"))
    }
}
