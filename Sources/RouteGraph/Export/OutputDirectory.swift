#if canImport(Glibc)
import Glibc
#endif

/// The directory outputs go to.
enum OutputDirectory {
    /// Creates `path` and its parents where missing; fails with a clear reason when a part of it is
    /// a file or cannot be made.
    static func create(_ path: String) throws(OutputError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw .cannotCreate(path: path, reason: "it exists and is not a directory")
            }
            guard access(path, W_OK) == 0 else {
                throw .cannotCreate(path: path, reason: "the directory is not writable")
            }
            return
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if stat(prefix, &info) != 0, mkdir(prefix, 0o777) != 0, errno != EEXIST {
                throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            prefix += "/"
        }
    }
}
