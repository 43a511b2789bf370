#if canImport(Glibc)
import Glibc
#endif

/// One input to read: a file given on the command line, a file found under a directory given
/// there, or standard input (`-`).
public struct InputFile: Sendable, Hashable {
    /// The path as given (or as found under a given directory): what reports and provenance say.
    public var path: String

    public init(path: String) { self.path = path }

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
            if argument == "-" {
                files.append(InputFile(path: "-"))
                continue
            }
            var info = stat()
            guard stat(argument, &info) == 0 else {
                let reason = errno == ENOENT ? "does not exist; check the path" : String(cString: strerror(errno))
                problems.append(Rejection(location: InputLocation(input: argument), code: .unreadable, reason: reason))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                guard let dir = opendir(argument) else {
                    problems.append(unreadableDirectory(argument, errno))
                    continue
                }
                var prefix = Array(argument.utf8)
                if prefix.last != 0x2F { prefix.append(0x2F) }
                walk(dir, prefix: &prefix, into: &files, problems: &problems)
            } else {
                files.append(InputFile(path: argument))
            }
        }
        return (files, problems)
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

    private static func unreadableDirectory(_ path: String, _ error: Int32) -> Rejection {
        Rejection(location: InputLocation(input: path), code: .unreadable,
                  reason: "directory cannot be read: \(String(cString: strerror(error)))")
    }

    /// Appends the response files under `dir` (whose path is `prefix`, ending in `/`) in UTF-8 byte
    /// order of their whole paths, and closes it.
    ///
    /// Entries are sorted one directory at a time, a subdirectory by its name and a `/`: every path
    /// under a directory starts with that, so this is the order of sorting all the paths at once,
    /// at a fraction of the cost (short names, and no path compared with its siblings' children).
    /// Subdirectories are opened relative to their parent, so no path is looked up from the start.
    private static func walk(_ dir: OpaquePointer, prefix: inout [UInt8], into found: inout [InputFile], problems: inout [Rejection]) {
        defer { closedir(dir) }
        let descriptor = dirfd(dir)
        // Each entry's name, with a `/` after it for a directory: the key it sorts by.
        var entries: [[UInt8]] = []
        while let entry = readdir(dir) {
            var key = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if key.first == 0x2E { continue }  // ".", ".." and hidden entries
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                var info = stat()
                // Links to files are followed; links to directories are not, so a loop cannot form.
                let found = key.withUnsafeBufferPointer { name in
                    withUnsafeTemporaryAllocation(of: CChar.self, capacity: name.count + 1) { cName in
                        for i in 0..<name.count { cName[i] = CChar(bitPattern: name[i]) }
                        cName[name.count] = 0
                        return fstatat(descriptor, cName.baseAddress!, &info, 0) == 0
                    }
                }
                if !found { continue }
                let isDir = info.st_mode & S_IFMT == S_IFDIR
                if isDir && type == UInt8(DT_LNK) { continue }
                type = isDir ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) {
                key.append(0x2F)
                entries.append(key)
            } else if type == UInt8(DT_REG), key.withUnsafeBufferPointer(isResponseFileName) {
                entries.append(key)
            }
        }
        entries.sort { a, b in
            a.withUnsafeBytes { x in
                b.withUnsafeBytes { y in
                    let common = min(x.count, y.count)
                    let c = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                    return c != 0 ? c < 0 : x.count < y.count
                }
            }
        }
        let prefixCount = prefix.count
        for key in entries {
            prefix.append(contentsOf: key)
            if key.last == 0x2F {
                // The name without its `/`, as a C string.
                let name = key.dropLast().map { CChar(bitPattern: $0) } + [0]
                let fd = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if fd >= 0, let sub = fdopendir(fd) {
                    walk(sub, prefix: &prefix, into: &found, problems: &problems)
                } else {
                    let error = errno
                    if fd >= 0 { close(fd) }
                    problems.append(unreadableDirectory(String(decoding: prefix.dropLast(), as: UTF8.self), error))
                }
            } else {
                found.append(InputFile(path: String(decoding: prefix, as: UTF8.self)))
            }
            prefix.removeSubrange(prefixCount...)
        }
    }
}
