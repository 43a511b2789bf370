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
