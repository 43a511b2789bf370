import Dispatch

/// Wall-clock seconds spent in each phase of a conversion, for `--timings`: where a slow run
/// spends its time, without a profiler.
public struct PhaseTimings: Sendable {
    /// Reading and parsing every input into records.
    public var reading: Double
    /// Building the canonical graph from the records.
    public var building: Double

    /// Seconds on a monotonic clock.
    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
