#if canImport(Glibc)
import Glibc
#endif
internal import CZlib

/// Where bytes are read from: a file, standard input, or either through gzip.
protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

/// Why an input could not be read at all.
public enum InputError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case badGzip(path: String, reason: String)
    case notFound(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .readFailed(let path, let reason): "cannot read \(path): \(reason)"
        case .badGzip(let path, let reason): "\(path) is not valid gzip: \(reason)"
        case .notFound(let path): "\(path) does not exist; check the path"
        }
    }

    /// The sentence for a report, without the path (the report names it already).
    var reason: String {
        switch self {
        case .cannotOpen(_, let reason): "cannot be opened: \(reason)"
        case .readFailed(_, let reason): "cannot be read: \(reason)"
        case .badGzip(_, let reason): "not valid gzip: \(reason)"
        case .notFound: "does not exist"
        }
    }
}

/// A file (or standard input) read with plain `read(2)`.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    let path: String

    init(path: String) throws(InputError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            descriptor = try FileByteSource.open(path)
            ownsDescriptor = true
        }
    }

    /// Reads on from a descriptor already open, which it closes when done.
    init(descriptor: Int32, path: String) {
        self.path = path
        self.descriptor = descriptor
        ownsDescriptor = true
    }

    /// Opens `path` for reading, with the errors a report gives.
    static func open(_ path: String) throws(InputError) -> Int32 {
        try open(InputFile(path: path))
    }

    /// Opens `file`, by its name within its directory if the walk that found it left that open.
    static func open(_ file: InputFile) throws(InputError) -> Int32 {
        let path = file.path
        let fd = path.withCString { whole in
            // The path's C string from the name on is the name's, ending where the path does.
            guard let (directory, nameStart) = file.parent, nameStart < path.utf8.count else {
                return Glibc.open(whole, O_RDONLY | O_CLOEXEC)
            }
            return openat(directory.descriptor, whole + nameStart, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else {
            throw errno == ENOENT ? .notFound(path: path) : .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        return fd
    }

    /// Reads from `descriptor` into `buffer`, again when interrupted; the count, 0 at the end.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(InputError) -> Int {
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .readFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        try FileByteSource.read(descriptor, into: buffer, path: path)
    }
}

/// Decompresses a gzip stream (several members concatenated, as `cat a.gz b.gz` makes, included).
final class GzipByteSource: ByteSource {
    private let inner: ByteSource
    private let path: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var finished = false
    private var initialised = false

    init(_ inner: ByteSource, path: String, pending: [UInt8] = []) throws(InputError) {
        self.inner = inner
        self.path = path
        // Room for all that was read ahead (a whole small file, read before it was known to be gzip).
        input = .allocate(byteCount: max(1 << 18, pending.count), alignment: 1)
        guard routegraph_inflate_init_gzip(&stream) == Z_OK else {
            input.deallocate()
            throw .badGzip(path: path, reason: "zlib could not start")
        }
        initialised = true
        if !pending.isEmpty {
            pending.withUnsafeBytes { input.copyMemory(from: $0) }
            stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(pending.count)
        }
    }

    deinit {
        if initialised { inflateEnd(&stream) }
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                let n = try inner.read(into: input)
                if n == 0 {
                    if insideMember {
                        throw .badGzip(path: path, reason: "it ends in the middle of the compressed data (truncated?)")
                    }
                    finished = true
                    break
                }
                stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(n)
            }
            insideMember = true
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                insideMember = false
                // Another member may follow (`cat a.gz b.gz`): start over on what is left.
                let remaining = stream.avail_in, next = stream.next_in
                inflateReset(&stream)
                stream.next_in = next
                stream.avail_in = remaining
                continue
            }
            guard status == Z_OK || (status == Z_BUF_ERROR && stream.avail_in == 0) else {
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .badGzip(path: path, reason: message)
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    private var insideMember = false
}
