#if canImport(Glibc)
import Glibc
#endif

/// One input to read: a file given on the command line, a file found under a directory given
/// there, or standard input (`-`).
public struct InputFile: Sendable, Hashable {
    /// The path as given (or as found under a given directory): what reports and provenance say.
    public var path: String
    /// For a file found by walking a directory: the directory it is in, still open, and where its
    /// name starts in `path` (in UTF-8 bytes), to open it relative to the directory.
    var parent: (directory: OpenDirectory, nameStart: Int)?
    /// True when the walk that found the file saw a regular file (not a pipe or device behind a
    /// link): its size need not be asked for, as a short read is its end.
    var isKnownRegular = false

    public init(path: String) { self.path = path }

    init(path: String, in directory: OpenDirectory, nameStart: Int, isKnownRegular: Bool) {
        self.path = path
        parent = (directory, nameStart)
        self.isKnownRegular = isKnownRegular
    }

    /// A file is its path: how it was found does not make it another.
    public static func == (a: InputFile, b: InputFile) -> Bool { a.path == b.path }

    public func hash(into hasher: inout Hasher) { hasher.combine(path) }

    public var isStandardInput: Bool { path == "-" }

    /// True for `.jsonl` and `.ndjson` (gzip or not): one response per line.
    var isJSONLines: Bool { FileNameSuffix.innerHas(path, ".jsonl") || FileNameSuffix.innerHas(path, ".ndjson") }

    /// True for `.json` and `.xml` (gzip or not): named as one document, so read whole without
    /// first looking for JSON Lines.
    var isNamedDocument: Bool { FileNameSuffix.innerHas(path, ".json") || FileNameSuffix.innerHas(path, ".xml") }
}

/// Endings of file names, compared as ASCII bytes without regard to case: asked once or twice per
/// input, so with no lower-cased copy of the path made each time.
enum FileNameSuffix {
    /// True when `name`, less a trailing `.gz`, ends in `suffix` (lower-case ASCII).
    static func innerHas(_ name: String, _ suffix: StaticString) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            var end = bytes.count
            if ends(bytes, end, ".gz") { end -= 3 }
            return ends(bytes, end, suffix)
        }
    }

    /// True when `name` ends in `suffix` (lower-case ASCII), ignoring ASCII case.
    static func ends(_ name: String, _ suffix: StaticString) -> Bool {
        var name = name
        return name.withUTF8 { ends($0, $0.count, suffix) }
    }

    /// True when `bytes[..<end]` ends in `suffix`, ignoring ASCII case.
    static func ends(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard end >= count else { return false }
        let tail = suffix.utf8Start
        for i in 0..<count {
            var b = bytes[end - count + i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != tail[i] { return false }
        }
        return true
    }
}

/// Expands command-line inputs into the files to read.
public enum InputDiscovery {
    /// The endings of files picked up under a directory; a file named directly is read whatever
    /// its name, since detection goes by content.
    public static let responseExtensions = [".json", ".xml", ".jsonl", ".ndjson"]

    /// Files in a fixed order (directories walked recursively, entries sorted by UTF-8 bytes), and
    /// the arguments that could not be read at all.
    public static func expand(_ arguments: [String]) -> (files: [InputFile], problems: [Rejection]) {
        var files: [InputFile] = []
        var problems: [Rejection] = []
        for argument in arguments {
            switch open(argument) {
            case .file(let file): files.append(file)
            case .directory(let walk):
                while let file = walk.next() { files.append(file) }
                problems += walk.problems
            case .problem(let problem): problems.append(problem)
            }
        }
        return (files, problems)
    }

    /// What one command-line argument names.
    enum Argument {
        /// A file, or standard input (`-`).
        case file(InputFile)
        /// A directory, open, its files still to be found.
        case directory(DirectoryWalk)
        /// Nothing that can be read.
        case problem(Rejection)
    }

    /// Looks at one argument: a directory is opened, not yet walked.
    static func open(_ argument: String) -> Argument {
        if argument == "-" { return .file(InputFile(path: "-")) }
        var info = stat()
        guard stat(argument, &info) == 0 else {
            let reason = errno == ENOENT ? "does not exist; check the path" : String(cString: strerror(errno))
            return .problem(Rejection(location: InputLocation(input: argument), code: .unreadable, reason: reason))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { return .file(InputFile(path: argument)) }
        guard let dir = opendir(argument) else { return .problem(unreadableDirectory(argument, errno)) }
        return .directory(DirectoryWalk(dir, path: argument))
    }

    static func isResponseFileName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isResponseFileName($0) }
    }

    /// True for the endings of `responseExtensions`, with or without `.gz`, in any case.
    static func isResponseFileName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = name.count
        if FileNameSuffix.ends(name, end, ".gz") { end -= 3 }
        return FileNameSuffix.ends(name, end, ".json") || FileNameSuffix.ends(name, end, ".xml")
            || FileNameSuffix.ends(name, end, ".jsonl") || FileNameSuffix.ends(name, end, ".ndjson")
    }

    static func unreadableDirectory(_ path: String, _ error: Int32) -> Rejection {
        Rejection(location: InputLocation(input: path), code: .unreadable,
                  reason: "directory cannot be read: \(String(cString: strerror(error)))")
    }
}
