#if canImport(Glibc)
import Glibc
#endif

/// A directory held open while files found in it may still be opened, so each one is opened by
/// its name relative to it rather than by its whole path: on a directory of small responses, the
/// kernel's looking up every component of every path again was about a third of opening them.
///
/// Closed when the walk and every file found in it have let it go.
/// `@unchecked Sendable`: the directory stream is read only by the walk (one thread at a time,
/// under the input queue's lock); other threads use only the descriptor, with `openat`, which is
/// safe from any thread.
final class OpenDirectory: @unchecked Sendable {
    let stream: OpaquePointer
    let descriptor: Int32

    init(_ stream: OpaquePointer) {
        self.stream = stream
        descriptor = dirfd(stream)
    }

    deinit { closedir(stream) }
}
