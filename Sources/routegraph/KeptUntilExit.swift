/// Values the command leaves for the operating system to reclaim when the process exits.
///
/// A converted graph is millions of heap objects (strings, attribute arrays); freeing them one by
/// one when `run` returns took a noticeable part of a second on large archives, for memory that
/// the exit returns at once anyway.
enum KeptUntilExit {
    /// Only the command's main thread keeps values, just before it returns.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
