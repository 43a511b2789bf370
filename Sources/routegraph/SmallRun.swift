#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Whether a conversion's inputs are small enough for `CompactAllocation` and `chunkBytes`:
/// regular files of at most `limit` bytes together, gzip counted at eight times its size.
/// Directories and standard input are not measured ahead (that would mean walking or reading them
/// twice), so they never count as small.
enum SmallRun {
    /// 128 MiB: the 10 MB and 100 MB archives and their twins. The 23.5 MB twin of the 100 MB
    /// archive peaked at 88-105 MB (at the end of writing) in runs of one binary, against the 25%
    /// bound of 100 MB (the reference script's 402 MB); as a small run about 10 MB less, for
    /// 0.02-0.05 s more (since mid-sized graphs let fewer pieces wait for their writes,
    /// `ExportPace`, about 73 MB). Both the archive and its twin are small runs, so that ten snapshots still
    /// take no more memory than one (with the twin alone small, 1.39 times). At 1 GB one shared
    /// arena cost a tenth more CPU.
    static let limit: Int64 = 128 << 20

    /// What each thread reads of a JSON Lines input at a time in a small run: the default 2 MB
    /// chunks were two 2 MB buffers in a run that peaks near 23 MB. Smaller than 256 KB lowered
    /// the 10 MB archives' peak no further, and they read as fast.
    static let chunkBytes = 256 << 10

    static func holds(_ inputs: [String]) -> Bool {
        var total: Int64 = 0
        for path in inputs {
            guard path != "-" else { return false }
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
            total += Int64(info.st_size) * (path.hasSuffix(".gz") ? 8 : 1)
            if total > limit { return false }
        }
        return !inputs.isEmpty
    }
}
