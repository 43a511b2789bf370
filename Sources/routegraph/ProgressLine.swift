import Dispatch
import RouteGraph
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A progress line on stderr while a conversion reads its inputs: documents, megabytes, speed and,
/// when the input size is known, time left. Only on a terminal (a log file or a pipe gets none),
/// never with `--quiet`, and only once a run has lasted a moment, so quick runs print nothing extra.
///
/// Built on the C library rather than Foundation: Foundation would add about 6 MB to every run's
/// memory for a clock, a sleep and a thread.
final class ProgressLine: Sendable {
    private let progress: ConversionProgress
    private let delay: Double
    private let shown = Atomic<Bool>(false)
    /// Signalled by `stop`: the line's thread waits on it rather than sleeping, so a run that ends
    /// during the delay or between two draws ends at once instead of when the thread wakes.
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the line when stderr is a terminal and `quiet` is off; nil otherwise.
    static func start(_ progress: ConversionProgress, quiet: Bool) -> ProgressLine? {
        guard !quiet, isatty(2) == 1 else { return nil }
        // ROUTEGRAPH_PROGRESS_AFTER (seconds) lets tests see the line without a long run.
        // Kept within a day: a wait is counted in nanoseconds, which an infinite value has not.
        let delay = getenv("ROUTEGRAPH_PROGRESS_AFTER").flatMap { Double(String(cString: $0)) }
            .map { $0.isFinite ? min(max($0, 0), 86_400) : 1 } ?? 1
        let line = ProgressLine(progress: progress, delay: delay)
        // A thread of its own, not a Dispatch worker: it sleeps most of the time, and the
        // conversion keeps every worker busy.
        var thread = pthread_t()
        let context = Unmanaged.passRetained(line).toOpaque()
        guard pthread_create(&thread, nil, run, context) == 0 else {
            Unmanaged<ProgressLine>.fromOpaque(context).release()
            return nil
        }
        pthread_detach(thread)
        return line
    }

    private init(progress: ConversionProgress, delay: Double) {
        self.progress = progress
        self.delay = delay
    }

    private static let run: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
        Unmanaged<ProgressLine>.fromOpaque(context!).takeRetainedValue().tick()
        return nil
    }

    private func tick() {
        let start = PhaseTimings.now()
        var stopped = delay > 0 && wake.wait(timeout: .now() + delay) == .success
        // With no delay (tests) the line is drawn at least once, however quick the run.
        var mustDraw = delay == 0
        while mustDraw || !stopped {
            mustDraw = false
            Terminal.error("\r\u{1B}[K" + text(elapsed: PhaseTimings.now() - start), terminator: "")
            shown.store(true, ordering: .releasing)
            stopped = wake.wait(timeout: .now() + 0.25) == .success
        }
        finished.signal()
    }

    /// What the line says after `elapsed` seconds.
    private func text(elapsed: Double) -> String {
        let megabytes = Double(progress.bytes) / 1e6
        let rate = elapsed > 0 ? megabytes / elapsed : 0
        var line = "reading: \(progress.documents) documents, \(FixedPoint.text(megabytes, places: 1)) MB, \(FixedPoint.text(rate, places: 1)) MB/s"
        if let expected = progress.expectedBytes, expected > 0, rate > 0 {
            // At most 99:59:59 however slow the start: a rate near zero would make it endless.
            let left = Int(min(max(0, Double(expected) / 1e6 - megabytes) / rate, 359_999))
            let seconds = left % 60
            line += ", about \(left / 60):\(seconds < 10 ? "0" : "")\(seconds) left"
        }
        return line
    }

    /// Stops the line and clears it, so the summary starts on a clean line.
    func stop() {
        wake.signal()
        finished.wait()
        if shown.load(ordering: .acquiring) { Terminal.error("\r\u{1B}[K", terminator: "") }
    }
}
