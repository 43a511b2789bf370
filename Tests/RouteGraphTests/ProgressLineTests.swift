import Foundation
import Testing
@testable import RouteGraph

/// The progress line of `convert`: on a terminal only, never with `--quiet`.
@Suite("Progress line")
struct ProgressLineTests {
    /// Runs `convert` on the shipped examples; under `script`, which gives it a terminal, when `tty`.
    static func convert(tty: Bool, quiet: Bool, after delay: String = "0") throws -> String {
        try #require(ExternalTool.available("script"), "util-linux's script is needed to give the CLI a terminal")
        let scratch = try ScratchDirectory()
        let binary = try RouteGraphCLI.executable().path
        let examples = packageRoot.appendingPathComponent("Examples/shapes").path
        var command = [binary, "convert", examples, "--output", scratch.path("out")]
        if quiet { command.append("--quiet") }
        // The line appears once a run has lasted a moment; the variable makes that moment now.
        let environment = ["env", "ROUTEGRAPH_PROGRESS_AFTER=\(delay)"]
        let result =
            tty
            ? try ExternalTool.run(["script", "-qec", (environment + command).joined(separator: " "), "/dev/null"])
            : try ExternalTool.run(environment + command)
        return result.stdout + result.stderr
    }

    @Test("on a terminal the line shows documents, megabytes and speed, then is cleared")
    func onATerminal() throws {
        let output = try Self.convert(tty: true, quiet: false)
        #expect(output.contains("reading: "))
        #expect(output.contains("MB/s"))
        // Megabytes and speed with one decimal, as `%.1f` writes them.
        let figures = output.split(separator: "reading: ").dropFirst().first.map { String($0.prefix { $0 != "\r" }) } ?? ""
        let numbers = figures.split(separator: " ").filter { $0.contains(".") }.map { $0.trimmingCharacters(in: .punctuationCharacters.subtracting(["."])) }
        #expect(numbers.count >= 2, "\(figures)")
        for number in numbers {
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 2 && parts[1].count == 1 && !parts[0].isEmpty, "not one decimal: \(number) in \(figures)")
        }
        #expect(output.contains("\r\u{1B}[K"))
        #expect(output.contains("inputs read"), "the summary still follows")
    }

    @Test("never when stderr is not a terminal, never with --quiet")
    func notOnAFileOrWithQuiet() throws {
        let piped = try Self.convert(tty: false, quiet: false)
        #expect(piped.contains("inputs read"))
        #expect(!piped.contains("reading: "))
        #expect(!piped.contains("\r"))
        let quiet = try Self.convert(tty: true, quiet: true)
        #expect(!quiet.contains("reading: "))
    }

    @Test("a run that ends before the line is due ends at once, without the line and without waiting for it")
    func quickRunDoesNotWait() throws {
        // The line would appear after 60 s; the conversion takes a fraction of a second. Before,
        // the run waited for the line's thread to wake: here that would be the whole minute.
        let started = ContinuousClock.now
        let output = try Self.convert(tty: true, quiet: false, after: "60")
        let elapsed = ContinuousClock.now - started
        #expect(output.contains("inputs read"))
        #expect(!output.contains("reading: "))
        #expect(elapsed < .seconds(30), "the run waited \(elapsed) for the progress line's delay")
    }

    @Test("the counter counts every document and its bytes; the expected size is known for plain files only")
    func counting() throws {
        let examples = packageRoot.appendingPathComponent("Examples/responses").path
        let progress = ConversionProgress(expecting: [examples])
        let result = Conversion.run(inputs: [examples], options: ConversionOptions(progress: progress))
        #expect(progress.documents == result.report.documents)
        #expect(progress.bytes > 5_000)
        #expect(progress.expectedBytes.map { $0 >= progress.bytes } == true)
        let gzip = packageRoot.appendingPathComponent("Examples/shapes/archive.jsonl.gz").path
        #expect(ConversionProgress(expecting: [gzip]).expectedBytes == nil)
    }
}
