#if canImport(Glibc)
    import Glibc
#endif

/// Renders the DOT output into a picture with Graphviz's `dot`, a separate program found on
/// `PATH` and started with `posix_spawnp` (no shell, so no path is ever interpreted).
///
/// The DOT text goes to `dot` through a temporary file and `dot` writes straight into the
/// `AtomicFile`'s temporary file, which is renamed into place only when `dot` succeeded: a failed
/// or interrupted rendering leaves the previous picture, or none.
enum GraphvizRenderer {
    /// The picture formats `dot` is asked for, by its `-T` name.
    enum Picture: String {
        case svg
        case png
    }

    static let program = "dot"
    static let missingAdvice =
        "Graphviz's dot was not found on PATH; install it (Debian/Ubuntu: apt-get install graphviz) "
        + "or leave svg and png out of --format"

    /// True when `dot` can be started: checked before any output is written, so a missing Graphviz
    /// fails the run before it changes anything.
    /// - Parameter searchPath: the directories to look in, `PATH` by default.
    static func isAvailable(searchPath: String? = getenv("PATH").map { String(cString: $0) }) -> Bool {
        guard let path = searchPath else { return false }
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + program
            if access(candidate, X_OK) == 0 { return true }
        }
        return false
    }

    /// Renders `graph` as `picture` into `path`, atomically.
    static func render(_ graph: RouteGraph, as picture: Picture, to path: String) throws(OutputError) {
        try render(PackedGraph(graph), as: picture, to: path)
    }

    /// Renders the packed `graph` as `picture` into `path`, atomically.
    static func render(_ graph: PackedGraph, as picture: Picture, to path: String) throws(OutputError) {
        let input = try AtomicFile(path: path + ".dot")
        defer { input.discard() }
        try DOTWriter.emit(graph, into: input)
        try input.flush()
        try render(dotFile: input.temporaryPath, as: picture, to: path)
    }

    /// Renders the DOT file at `dotPath` as `picture` into `path`, atomically.
    static func render(dotFile dotPath: String, as picture: Picture, to path: String) throws(OutputError) {
        let output = try AtomicFile(path: path)
        let errors = try AtomicFile(path: path + ".log")
        defer { errors.discard() }
        // A relative path starting with `-` would be read by dot as an option.
        func argument(_ path: String) -> String { path.hasPrefix("-") ? "./" + path : path }
        do throws(OutputError) {
            let status = try run(
                [program, "-T" + picture.rawValue, "-o", argument(output.temporaryPath), argument(dotPath)],
                stderrPath: errors.temporaryPath, reportingAs: path)
            guard status == 0 else {
                let message = readText(errors.temporaryPath, limit: 2000)
                throw OutputError.renderFailed(
                    path: path, reason: "dot exited with status \(status)" + (message.isEmpty ? "" : ": " + message))
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// Starts `arguments` with stdin from /dev/null and stderr into `stderrPath`, and waits.
    /// - Returns: the exit status, or 128 + the signal that ended it.
    private static func run(_ arguments: [String], stderrPath: String, reportingAs path: String) throws(OutputError)
        -> Int32
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_TRUNC, 0)

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, program, &actions, nil, &argv, environ)
        guard spawned == 0 else {
            if spawned == ENOENT { throw .renderFailed(path: path, reason: missingAdvice) }
            throw .renderFailed(path: path, reason: "cannot start dot: " + String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw .renderFailed(path: path, reason: "cannot wait for dot: " + AtomicFile.lastError())
            }
        }
        // WIFEXITED / WEXITSTATUS by hand: the C macros are not imported into Swift.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Up to `limit` bytes of the file at `path` as text, trimmed; empty when unreadable.
    private static func readText(_ path: String, limit: Int) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, limit) }
        guard n > 0 else { return "" }
        var text = String(decoding: bytes.prefix(n), as: UTF8.self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
