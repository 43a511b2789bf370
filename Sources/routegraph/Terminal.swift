import RouteGraph

#if canImport(Glibc)
import Glibc
#endif

/// Writing to stderr.
enum Terminal {
    static func error(_ text: String, terminator: String = "\n") {
        let line = text + terminator
        fputs(line, stderr)
    }
}

/// SIGINT and SIGTERM remove the temporary files being written before the process ends, so an
/// interrupt leaves the previous outputs as they were.
enum Interrupts {
    static func install() {
        signal(SIGINT, handle)
        signal(SIGTERM, handle)
    }

    private static let handle: @convention(c) (Int32) -> Void = { signal in
        removeTemporaryOutputFiles()
        _exit(128 + signal)
    }
}
