#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The temporary files being written right now, so that an interrupt can remove them before the
/// process ends (see `removeAll`).
final class TemporaryFiles: Sendable {
    static let shared = TemporaryFiles()
    private let state = Mutex<(paths: Set<String>, closed: Bool)>(([], false))

    /// Creates a temporary file with `create` (which returns its descriptor and path, or nil) and
    /// registers it in one step under the lock, so an interrupt's `removeAll` sees every file that
    /// exists: none is created after it ran, and none between its creation and its registration.
    func create(_ create: () -> (descriptor: Int32, path: String)?) -> (descriptor: Int32, path: String)? {
        state.withLock { state in
            guard !state.closed, let created = create() else { return nil }
            state.paths.insert(created.path)
            return created
        }
    }

    func unregister(_ path: String) { state.withLock { _ = $0.paths.remove(path) } }

    /// Unlinks every registered temporary file, and refuses to create more: the process is ending.
    /// Called from the CLI's signal handling, on an ordinary thread.
    func removeAll() {
        state.withLock { state in
            state.closed = true
            for path in state.paths { unlink(path) }
            state.paths.removeAll()
        }
    }
}

/// Removes every temporary output file still being written: for a signal handler to call before
/// the process exits, so an interrupt leaves no half-written file behind.
public func removeTemporaryOutputFiles() { TemporaryFiles.shared.removeAll() }
