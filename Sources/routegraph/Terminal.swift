import RouteGraph

#if canImport(Glibc)
import Glibc
#endif

/// Writing to stderr.
enum Terminal {
    static func error(_ text: String, terminator: String = "\n") {
        var line = text + terminator
        // write(2) on descriptor 2: unbuffered, and free of the shared C `stderr` global.
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}

/// SIGINT and SIGTERM remove the temporary files being written before the process ends, so an
/// interrupt leaves the previous outputs as they were. SIGXFSZ is ignored, so a write beyond the
/// file size limit (`ulimit -f`) fails with EFBIG and is reported like a full disk (exit status 2)
/// instead of killing the process.
enum Interrupts {
    static func install() {
        signal(SIGXFSZ, SIG_IGN)
        // The signals are blocked here, before any other thread exists, so every thread inherits the
        // block and they reach only the waiting thread below: the clean-up then runs on an ordinary
        // thread, where taking the lock around the set of temporary files is safe, rather than in a
        // signal handler that might interrupt the very thread holding it.
        var signals = interruptSignals
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, waitForInterrupt, nil)
        // Without the thread, fall back to a handler (and let the signals through to it).
        if started != 0 {
            signal(SIGINT, handle)
            signal(SIGTERM, handle)
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        }
    }

    private static var interruptSignals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }

    private static let waitForInterrupt: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { _ in
        var signals = interruptSignals
        var received: Int32 = 0
        if sigwait(&signals, &received) != 0 { return nil }
        removeTemporaryOutputFiles()
        _exit(128 + received)
    }

    private static let handle: @convention(c) (Int32) -> Void = { signal in
        removeTemporaryOutputFiles()
        _exit(128 + signal)
    }
}
