import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds spent in each phase of a conversion, for `--timings`: where a slow run spends its time,
/// without a profiler.
public struct PhaseTimings: Sendable {
    /// Reading and parsing every input into records (wall clock).
    public var reading: Double
    /// Building the canonical graph from the records (wall clock).
    public var building: Double
    /// CPU seconds of every thread while reading: set beside `reading`, it shows how well the phase
    /// used the cores (twice the wall time is both cores busy throughout).
    public var readingCPU: Double = 0
    /// CPU seconds of every thread while building.
    public var buildingCPU: Double = 0

    /// Seconds on a monotonic clock.
    public static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The most memory the process has had resident so far, in bytes (the peak RSS that
    /// `/usr/bin/time` reports), or nil where the system does not say.
    public static func peakResidentBytes() -> Int? {
        var usage = rusage()
        guard getrusage(Self.ownUsage, &usage) == 0, usage.ru_maxrss > 0 else { return nil }
        #if canImport(Darwin)
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #else
        return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #endif
    }

    #if canImport(Glibc)
    // Glibc imports RUSAGE_SELF as an enum case where getrusage takes its raw value.
    private static let ownUsage = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let ownUsage = RUSAGE_SELF
    #endif

    /// CPU seconds the process has used so far, all threads together.
    public static func cpuNow() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
