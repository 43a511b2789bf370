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
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    private var finished = false
    /// Bytes written to the descriptor, and how many of them the kernel was already asked to write
    /// back: see `writeAll`.
    private var written: Int64 = 0
    private var writebackStarted: Int64 = 0
    /// How much written text may wait in the page cache before writeback is started on it.
    private static let writebackStep: Int64 = 16 << 20

    /// Creates the temporary file next to `path`.
    public init(path: String) throws(OutputError) {
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
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends bytes.
    public func write<C: Collection>(_ bytes: C) throws(OutputError) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) throws(OutputError) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Appends a block of bytes. A large block meeting an empty buffer goes straight to the file:
    /// the writers render into their own block-sized buffers, and copying each block once more
    /// would gain nothing.
    func writeBlock(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        if buffer.isEmpty && bytes.count >= bufferLimit / 2 {
            try writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Writes out the buffered bytes, so another process can read the temporary file as it stands.
    func flush() throws(OutputError) {
        let failure = buffer.withUnsafeBytes { raw -> OutputError? in
            do throws(OutputError) { try writeAll(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard let start = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, start + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: AtomicFile.lastError())
            }
            offset += n
        }
        written += Int64(bytes.count)
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
        unlink(temporaryPath)
        finished = true
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
