#if canImport(Glibc)
import Glibc
#endif

/// The response files under one directory, in UTF-8 byte order of their whole paths, found a
/// directory at a time as they are asked for.
///
/// Found as asked for, the files of a large directory reach the readers while the rest of it is
/// still being walked: walking 7,000 directories of 95,000 files took 0.13-0.15 s, on one core
/// while the other waited, before reading could start.
///
/// Entries are sorted one directory at a time, a subdirectory by its name and a `/`: every path
/// under a directory starts with that, so this is the order of sorting all the paths at once, at a
/// fraction of the cost (short names, and no path compared with its siblings' children).
/// Subdirectories and files are opened relative to their parent, so no path is looked up from the
/// start.
/// Not thread-safe: one thread at a time steps it (`InputQueue` does so under its lock).
final class DirectoryWalk {
    /// A directory being walked: its entries sorted, the next one to take, and the length of its
    /// path (with the `/` after it) in `prefix`. Open until its last entry is taken and the files
    /// handed out from it are let go: subdirectories and files are opened relative to it.
    private struct Level {
        let directory: OpenDirectory
        let entries: [Entry]
        var next = 0
        let prefixCount: Int
    }

    /// A name under a directory, with a `/` after it for a directory: the key it sorts by.
    private struct Entry {
        var key: [UInt8]
        /// True for a regular file or a link to one; false for a directory, and for a link to a
        /// pipe or a device, whose size is asked when it is read.
        var isRegular: Bool
    }

    private var levels: [Level] = []
    /// The path of the entry taken last, built in place.
    private var prefix: [UInt8]
    /// Subdirectories that could not be read, in the order they were met.
    private(set) var problems: [Rejection] = []

    /// Walks `directory`, already open, whose path is `path`.
    init(_ directory: OpaquePointer, path: String) {
        prefix = Array(path.utf8)
        if prefix.last != 0x2F { prefix.append(0x2F) }
        enter(directory)
    }

    /// The next response file, or nil once every one was handed out.
    func next() -> InputFile? {
        while let top = levels.indices.last {
            let i = levels[top].next
            guard i < levels[top].entries.count else {
                // Closed once the files handed out from it are read too.
                levels.removeLast()
                continue
            }
            levels[top].next += 1
            let entry = levels[top].entries[i]
            let key = entry.key
            prefix.removeSubrange(levels[top].prefixCount...)
            prefix.append(contentsOf: key)
            guard key.last == 0x2F else {
                let path = String(decoding: prefix, as: UTF8.self)
                // A path that is not UTF-8 reads differently as a String, and its name's place in
                // it would be wrong: opened by its path, as any other.
                guard path.utf8.count == prefix.count else { return InputFile(path: path) }
                return InputFile(path: path, in: levels[top].directory, nameStart: levels[top].prefixCount, isKnownRegular: entry.isRegular)
            }
            // The name without its `/`, as a C string.
            let name = key.dropLast().map { CChar(bitPattern: $0) } + [0]
            let fd = openat(levels[top].directory.descriptor, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0, let sub = fdopendir(fd) {
                enter(sub)
            } else {
                let error = errno
                if fd >= 0 { close(fd) }
                problems.append(InputDiscovery.unreadableDirectory(String(decoding: prefix.dropLast(), as: UTF8.self), error))
            }
        }
        return nil
    }

    /// Reads and sorts the entries of `directory`, whose path is `prefix`, and walks it next.
    private func enter(_ stream: OpaquePointer) {
        let directory = OpenDirectory(stream)
        let descriptor = directory.descriptor
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            var key = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if key.first == 0x2E { continue }  // ".", ".." and hidden entries
            var type = entry.pointee.d_type
            var isRegular = true
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
                isRegular = info.st_mode & S_IFMT == S_IFREG
                type = isDir ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) {
                key.append(0x2F)
                entries.append(Entry(key: key, isRegular: false))
            } else if type == UInt8(DT_REG), key.withUnsafeBufferPointer(InputDiscovery.isResponseFileName) {
                entries.append(Entry(key: key, isRegular: isRegular))
            }
        }
        // Names are never empty, so every key has storage to compare.
        entries.sort { a, b in
            a.key.withUnsafeBufferPointer { x in
                b.key.withUnsafeBufferPointer { y in ByteOrder.compare(x.baseAddress!, x.count, y.baseAddress!, y.count) < 0 }
            }
        }
        levels.append(Level(directory: directory, entries: entries, prefixCount: prefix.count))
    }
}
