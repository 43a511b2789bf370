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
    /// Thirty-two megabytes: the 10 MB archives and the 23.5 MB twin of the 100 MB one, whose
    /// peak, at the end of writing, was 88-105 MB in runs of one binary, against the 25% bound of
    /// 100 MB (the reference script's 402 MB); as a small run 78 MB, for 0.05 s more (0.32 ->
    /// 0.37 s). Still far below the sizes where one shared arena cost time.
    static let limit: Int64 = 32 << 20

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
