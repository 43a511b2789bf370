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

    /// The name without a trailing `.gz`, lower-cased, to tell JSON Lines from single documents.
    var innerName: String {
        let lower = path.lowercased()
        return lower.hasSuffix(".gz") ? String(lower.dropLast(3)) : lower
    }

    /// True for `.jsonl` and `.ndjson` (gzip or not): one response per line.
    var isJSONLines: Bool { innerName.hasSuffix(".jsonl") || innerName.hasSuffix(".ndjson") }
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
                var found: [String] = []
                walk(argument, into: &found, problems: &problems)
                found.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                files.append(contentsOf: found.map(InputFile.init(path:)))
            } else {
                files.append(InputFile(path: argument))
            }
        }
        return (files, problems)
    }

    static func isResponseFileName(_ name: String) -> Bool {
        var lower = name.lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        return responseExtensions.contains { lower.hasSuffix($0) }
    }

    private static func walk(_ directory: String, into found: inout [String], problems: inout [Rejection]) {
        guard let dir = opendir(directory) else {
            problems.append(Rejection(location: InputLocation(input: directory), code: .unreadable,
                                      reason: "directory cannot be read: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(dir) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            let path = prefix + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                var info = stat()
                // Links to files are followed; links to directories are not, so a loop cannot form.
                if stat(path, &info) != 0 { continue }
                let isDir = info.st_mode & S_IFMT == S_IFDIR
                if isDir && type == UInt8(DT_LNK) { continue }
                type = isDir ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) {
                walk(path, into: &found, problems: &problems)
            } else if type == UInt8(DT_REG), isResponseFileName(name) {
                found.append(path)
            }
        }
    }
}
