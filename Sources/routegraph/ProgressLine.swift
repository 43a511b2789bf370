import Foundation
import RouteGraph
import Synchronization

/// A progress line on stderr while a conversion reads its inputs: documents, megabytes, speed and,
/// when the input size is known, time left. Only on a terminal (a log file or a pipe gets none),
/// never with `--quiet`, and only once a run has lasted a moment, so quick runs print nothing extra.
final class ProgressLine: Sendable {
    private let progress: ConversionProgress
    private let stopped = Atomic<Bool>(false)
    private let shown = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the line when stderr is a terminal and `quiet` is off; nil otherwise.
    static func start(_ progress: ConversionProgress, quiet: Bool) -> ProgressLine? {
        guard !quiet, isatty(2) == 1 else { return nil }
        let line = ProgressLine(progress: progress)
        // ROUTEGRAPH_PROGRESS_AFTER (seconds) lets tests see the line without a long run.
        let delay = ProcessInfo.processInfo.environment["ROUTEGRAPH_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
        Thread.detachNewThread { line.tick(after: delay) }
        return line
    }

    private init(progress: ConversionProgress) { self.progress = progress }

    private func tick(after delay: Double) {
        let start = Date()
        Thread.sleep(forTimeInterval: delay)
        // With no delay (tests) the line is drawn at least once, however quick the run.
        var mustDraw = delay == 0
        while mustDraw || !stopped.load(ordering: .acquiring) {
            mustDraw = false
            Terminal.error("\r\u{1B}[K" + text(elapsed: Date().timeIntervalSince(start)), terminator: "")
            shown.store(true, ordering: .releasing)
            Thread.sleep(forTimeInterval: 0.25)
        }
        finished.signal()
    }

    /// What the line says after `elapsed` seconds.
    private func text(elapsed: Double) -> String {
        let megabytes = Double(progress.bytes) / 1e6
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        var line = "reading: \(progress.documents) documents, \(String(format: "%.1f", megabytes)) MB, \(String(format: "%.1f", rate)) MB/s"
        if let expected = progress.expectedBytes, expected > 0, rate > 0 {
            let left = max(0, Double(expected) / 1e6 - megabytes) / rate
            line += String(format: ", about %d:%02d left", Int(left) / 60, Int(left) % 60)
        }
        return line
    }

    /// Stops the line and clears it, so the summary starts on a clean line.
    func stop() {
        stopped.store(true, ordering: .releasing)
        finished.wait()
        if shown.load(ordering: .acquiring) { Terminal.error("\r\u{1B}[K", terminator: "") }
    }
}
