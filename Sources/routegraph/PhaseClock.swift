import RouteGraph

/// The phases of a run as they end one after another, each with its wall and CPU seconds, and how
/// `--timings` prints them.
struct PhaseClock {
    typealias Phase = (name: String, wall: Double, cpu: Double)

    private(set) var phases: [Phase] = []
    private var started = (wall: PhaseTimings.now(), cpu: PhaseTimings.cpuNow())

    /// Ends the phase `name`, begun where the last one ended (or the clock was made).
    mutating func end(_ name: String) {
        let now = (wall: PhaseTimings.now(), cpu: PhaseTimings.cpuNow())
        phases.append((name, now.wall - started.wall, now.cpu - started.cpu))
        started = now
    }

    /// Ends the phase that a step of writing ends.
    mutating func end(_ step: ExportStep) {
        switch step {
        case .packed: end("packing")
        case .focused: end("focusing")
        case .redacted: end("redacting")
        }
    }

    /// Prints the phases ended so far (`print(_:)`).
    func print() { Self.print(phases) }

    /// Prints `phases` on one line, `name 0.123 s (cpu 0.234 s)` each, then the peak resident
    /// memory, on standard error.
    static func print(_ phases: [Phase]) {
        let text = phases.map { name, wall, cpu in
            "\(name) \(FixedPoint.text(wall, places: 3)) s (cpu \(FixedPoint.text(cpu, places: 3)) s)"
        }
        Terminal.error("timings: " + text.joined(separator: ", "))
        if let peak = PhaseTimings.peakResidentBytes() {
            Terminal.error("peak memory: \(FixedPoint.text(Double(peak) / 1e6, places: 1)) MB resident")
        }
    }
}
