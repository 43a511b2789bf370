#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The temporary files being written right now, so that an interrupt can remove them before the
/// process ends (see `removeAll`).
final class TemporaryFiles: Sendable {
    static let shared = TemporaryFiles()
    private let paths = Mutex<Set<String>>([])

    func register(_ path: String) { paths.withLock { _ = $0.insert(path) } }
    func unregister(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    /// Unlinks every registered temporary file. Called from the CLI's signal handling, after the
    /// signal, on an ordinary thread.
    func removeAll() {
        let all = paths.withLock { set in
            defer { set.removeAll() }
            return set
        }
        for path in all { unlink(path) }
    }
}

/// Removes every temporary output file still being written: for a signal handler to call before
/// the process exits, so an interrupt leaves no half-written file behind.
public func removeTemporaryOutputFiles() { TemporaryFiles.shared.removeAll() }
