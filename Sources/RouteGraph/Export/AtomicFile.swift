internal import CGNUExtras

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one output file the safe way: into a temporary file beside it, renamed over the final
/// path only once everything was written and flushed. A failure or an interrupt part way leaves the
/// previous file, or none, never a partial one.
public final class AtomicFile {
    /// Where the file ends up.
    public let path: String
    /// Where it is written meanwhile: a hidden file in the same directory, so rename is atomic.
    public let temporaryPath: String
    private var descriptor: Int32
    /// Bytes not yet handed to the system. Aligned and sized for direct I/O, which writes whole
    /// blocks from block-aligned memory only. Made at the first write and let go once the file is
    /// synced: a run writes several files, and a block held from the start to the end of each
    /// would be one more megabyte for every file (most of a small run's writing memory).
    private var staging: UnsafeMutableRawPointer?
    private var staged = 0
    private static let stagingSize = 1 << 20
    private static let blockAlignment = 4096
    /// Whether writes bypass the page cache (see `init`); false from the first write the file
    /// system refuses that way, and for the last partial block.
    private(set) var writesDirectly = false
    private var finished = false
    /// Bytes written to the descriptor, and how many of them the kernel was already asked to write
    /// back: see `writeAll`.
    private var written: Int64 = 0
    private var writebackStarted: Int64 = 0
    /// How much written text may wait in the page cache before writeback is started on it.
    private static let writebackStep: Int64 = 16 << 20

    /// Creates the temporary file next to `path`.
    ///
    /// - Parameter direct: write whole blocks straight from memory to the device (O_DIRECT) where
    ///   the file system allows it, for large outputs. Through the page cache every byte is first
    ///   copied into newly allocated cache pages and then written back; on the virtual machines
    ///   measured here that copy cost 3.5 s of CPU for 1.6 GB of output, and the final fsync then
    ///   waited for writeback running at about 280 MB/s, while direct 1 MB writes reach the same
    ///   disk at 1.3 GB/s. Where direct I/O is refused the file is written the ordinary way.
    public init(path: String, direct: Bool = false) throws(OutputError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var failure = "the process is being interrupted"
        let created = TemporaryFiles.shared.create {
            var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                failure = AtomicFile.lastError()
                return nil
            }
            return (fd, String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let created else { throw .cannotCreate(path: path, reason: failure) }
        descriptor = created.descriptor
        temporaryPath = created.path
        if direct { writesDirectly = rg_set_direct_io(descriptor, 1) == 0 }
    }

    deinit {
        if !finished { discard() }
        releaseStaging()
    }

    private func stagingBlock() -> UnsafeMutableRawPointer {
        if let staging { return staging }
        let block = UnsafeMutableRawPointer.allocate(byteCount: Self.stagingSize, alignment: Self.blockAlignment)
        staging = block
        return block
    }

    private func releaseStaging() {
        staging?.deallocate()
        staging = nil
    }

    /// Appends bytes.
    public func write<C: Collection>(_ bytes: C) throws(OutputError) where C.Element == UInt8 {
        let failure = bytes.withContiguousStorageIfAvailable { buffer -> OutputError? in
            do throws(OutputError) { try stage(UnsafeRawBufferPointer(buffer)) } catch { return error }
            return nil
        }
        switch failure {
        case .some(.some(let error)): throw error
        case .some(.none): return
        case .none: try write(Array(bytes))
        }
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) throws(OutputError) {
        var text = text
        let failure = text.withUTF8 { utf8 -> OutputError? in
            do throws(OutputError) { try stage(UnsafeRawBufferPointer(utf8)) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// Appends a block of bytes. Written the ordinary way, a large block meeting an empty buffer
    /// goes straight to the file: the writers render into their own block-sized buffers, and
    /// copying each block once more would gain nothing. Direct writes need aligned memory, so there
    /// every block is staged.
    func writeBlock(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        if !writesDirectly && staged == 0 && bytes.count >= Self.stagingSize / 2, let start = bytes.baseAddress {
            try writeAll(start, bytes.count)
            return
        }
        try stage(bytes)
    }

    private func stage(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        var rest = bytes
        let staging = stagingBlock()
        while let start = rest.baseAddress, !rest.isEmpty {
            let n = min(rest.count, Self.stagingSize - staged)
            (staging + staged).copyMemory(from: start, byteCount: n)
            staged += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if staged == Self.stagingSize {
                try writeAll(staging, staged)
                staged = 0
            }
        }
    }

    /// Writes out every staged byte, so another process can read the temporary file as it stands.
    /// A direct file writes its whole blocks directly and the rest through the page cache, and is an
    /// ordinary file from then on: a direct write must start on a block boundary.
    func flush() throws(OutputError) {
        guard staged > 0, let staging else { return }
        let whole = writesDirectly ? staged - staged % Self.blockAlignment : staged
        if whole > 0 { try writeAll(staging, whole) }
        if whole < staged {
            try leaveDirectIO()
            try writeAll(staging + whole, staged - whole)
        }
        staged = 0
    }

    /// Writes out every staged byte and lets the staging block go: for a file that is complete
    /// but not synced yet. Syncs wait for the device, so a run's finished files can queue for them
    /// while later files are written, and each would hold its block meanwhile.
    func finishWriting() throws(OutputError) {
        try flush()
        releaseStaging()
    }

    private func leaveDirectIO() throws(OutputError) {
        guard writesDirectly else { return }
        guard rg_set_direct_io(descriptor, 0) == 0 else { throw .writeFailed(path: path, reason: AtomicFile.lastError()) }
        writesDirectly = false
    }

    private func writeAll(_ start: UnsafeRawPointer, _ count: Int) throws(OutputError) {
        var offset = 0
        while offset < count {
            let n = Glibc.write(descriptor, start + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                // Some file systems accept the flag and refuse the write (or a short write left the
                // rest unaligned): the same bytes then go the ordinary way.
                if errno == EINVAL && writesDirectly {
                    try leaveDirectIO()
                    continue
                }
                throw .writeFailed(path: path, reason: AtomicFile.lastError())
            }
            offset += n
        }
        written += Int64(count)
        guard !writesDirectly else { return }
        // Without this the kernel starts writing a large output only when the final fsync asks, and
        // that fsync then waits for all of it; started as it goes, the disk works while the threads
        // render and the fsync finds little left to do.
        if written - writebackStarted >= Self.writebackStep {
            _ = rg_start_writeback(descriptor, writebackStarted, written - writebackStarted)
            writebackStarted = written
        }
    }

    /// Flushes, syncs and closes the temporary file, leaving only the rename to `commit`: for
    /// writers that finish several files and then move them all into place together.
    func sync() throws(OutputError) {
        guard descriptor >= 0, !finished else { return }
        do throws(OutputError) {
            try flush()
            guard fsync(descriptor) == 0 else { throw OutputError.writeFailed(path: path, reason: AtomicFile.lastError()) }
            guard close(descriptor) == 0 else { throw OutputError.writeFailed(path: path, reason: AtomicFile.lastError()) }
            descriptor = -1
            releaseStaging()
        } catch {
            discard()
            throw error
        }
    }

    /// Flushes, syncs and renames the file into place. Only now does `path` change.
    public func commit() throws(OutputError) {
        try sync()
        do throws(OutputError) {
            // mkstemp makes the file private (0600); outputs are ordinary files.
            let mask = umask(0)
            umask(mask)
            chmod(temporaryPath, 0o666 & ~mask)
            guard rename(temporaryPath, path) == 0 else {
                throw OutputError.renameFailed(path: path, reason: AtomicFile.lastError())
            }
            finished = true
            TemporaryFiles.shared.unregister(temporaryPath)
        } catch {
            discard()
            throw error
        }
    }

    /// Removes the temporary file; the final path is left untouched.
    public func discard() {
        guard !finished else { return }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        staged = 0
        releaseStaging()
        unlink(temporaryPath)
        finished = true
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
