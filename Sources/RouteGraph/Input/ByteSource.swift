#if canImport(Glibc)
import Glibc
#endif
internal import CISAL

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

/// Decompresses a gzip stream (several members concatenated, as `cat a.gz b.gz` makes, included),
/// checking each member's CRC and length.
///
/// With Intel's ISA-L rather than zlib: on the 1 GB archive gzipped, zlib's inflate was about a
/// second of CPU, a third of reading (see docs/performance.md). ISA-L is loaded here, on the first
/// gzip input (`CISAL`); where it is not installed, gzip inputs are refused with how to install it
/// and every other input is still read.
final class GzipByteSource: ByteSource {
    private let inner: ByteSource
    private let path: String
    /// ISA-L's state holds its 64 KB window inline: allocated once, never copied.
    private let state: UnsafeMutablePointer<inflate_state>
    private var input: UnsafeMutableRawBufferPointer
    private var finished = false
    /// Whether a member's header was handed to ISA-L and its end not yet reached: input that ends
    /// then is truncated.
    private var insideMember = false
    /// The longest member header read (gzip's optional name, comment and extra field included).
    static let headerLimit = 1 << 20

    init(_ inner: ByteSource, path: String, pending: [UInt8] = []) throws(InputError) {
        guard routegraph_isal_load() == 0 else {
            let reason = routegraph_isal_error().map { String(cString: $0) } ?? "it could not be loaded"
            throw .cannotOpen(path: path, reason: "reading gzip needs Intel's ISA-L library (\(reason)); install it: apt-get install libisal2")
        }
        self.inner = inner
        self.path = path
        // Room for all that was read ahead (a whole small file, read before it was known to be gzip).
        input = .allocate(byteCount: max(1 << 18, pending.count), alignment: 1)
        state = .allocate(capacity: 1)
        // Zeroed once, so that no field ISA-L's init leaves alone starts as whatever the memory held.
        UnsafeMutableRawPointer(state).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<inflate_state>.size)
        Self.start(state)
        if !pending.isEmpty {
            pending.withUnsafeBytes { input.copyMemory(from: $0) }
            state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_in = UInt32(pending.count)
        }
    }

    deinit {
        state.deallocate()
        input.deallocate()
    }

    /// Readies `state` for a member's gzip header, keeping no input.
    private static func start(_ state: UnsafeMutablePointer<inflate_state>) {
        routegraph_isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        // ISA-L counts in 32 bits; a larger buffer is filled in part, as a read may be.
        let room = min(buffer.count, Int(UInt32.max))
        state.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(room)
        while state.pointee.avail_out > 0 {
            if !insideMember {
                guard try gatherHeader() else {
                    finished = true
                    break
                }
                insideMember = true
            }
            if state.pointee.avail_in == 0 {
                let n = try inner.read(into: input)
                guard n > 0 else { throw .badGzip(path: path, reason: "it ends in the middle of the compressed data (truncated?)") }
                state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
                state.pointee.avail_in = UInt32(n)
            }
            let (inputBefore, roomBefore) = (state.pointee.avail_in, state.pointee.avail_out)
            let status = routegraph_isal_inflate(state)
            // Gzip needs no dictionary and no header buffers, so any status but these is an error.
            guard status == ISAL_DECOMP_OK || status == ISAL_END_INPUT || status == ISAL_OUT_OVERFLOW else {
                throw .badGzip(path: path, reason: Self.reason(status))
            }
            let memberEnded = state.pointee.block_state == ISAL_BLOCK_FINISH
            // A call that neither took input nor gave output would be made again forever.
            guard memberEnded || state.pointee.avail_in < inputBefore || state.pointee.avail_out < roomBefore else {
                throw .badGzip(path: path, reason: "the decompressor stopped making progress (corrupt data?)")
            }
            if memberEnded {
                insideMember = false
                // Another member may follow (`cat a.gz b.gz`): start over on what is left, into the
                // rest of the buffer (starting over clears both positions).
                let (next, remaining) = (state.pointee.next_in, state.pointee.avail_in)
                let (out, room) = (state.pointee.next_out, state.pointee.avail_out)
                Self.start(state)
                (state.pointee.next_in, state.pointee.avail_in) = (next, remaining)
                (state.pointee.next_out, state.pointee.avail_out) = (out, room)
            }
        }
        return room - Int(state.pointee.avail_out)
    }

    /// Makes the next member's whole header lie in the input handed to ISA-L, reading more as
    /// needed; false at the end of the stream, where no member starts. ISA-L (2.30 here) parses a
    /// header whose name is split between two inputs wrongly and then fails on valid data
    /// (`GzipByteSourceTests.splitAnywhere`), so it is only ever given whole headers.
    private func gatherHeader() throws(InputError) -> Bool {
        while true {
            let held = Int(state.pointee.avail_in)
            if held > 0, Self.headerLength(UnsafeRawBufferPointer(start: state.pointee.next_in, count: held)) != nil { return true }
            // Keep what is held at the front of the input buffer and read on after it.
            if held > 0, UnsafeMutableRawPointer(state.pointee.next_in) != input.baseAddress {
                input.baseAddress!.copyMemory(from: state.pointee.next_in, byteCount: held)
            }
            if held == input.count {
                guard input.count < Self.headerLimit else {
                    throw .badGzip(path: path, reason: "a member's header is longer than \(Self.headerLimit) bytes")
                }
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(2 * input.count, Self.headerLimit), alignment: 1)
                larger.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: held)
                input.deallocate()
                input = larger
            }
            let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: input[held...]))
            if n == 0 {
                guard held == 0 else { throw .badGzip(path: path, reason: "it ends in the middle of a member's header (truncated?)") }
                return false
            }
            state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_in = UInt32(held + n)
        }
    }

    /// The length of the gzip member header at the start of `bytes` (RFC 1952: ten bytes, then an
    /// extra field, a name, a comment and a header CRC where its flags say so), or nil when
    /// `bytes` ends inside it. Bytes that cannot start a header count as complete: ISA-L then
    /// says what is wrong with them.
    private static func headerLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        if bytes.count >= 1, bytes[0] != 0x1F { return 0 }
        if bytes.count >= 2, bytes[1] != 0x8B { return 0 }
        guard bytes.count >= 10 else { return nil }
        let flags = bytes[3]
        var end = 10
        if flags & 0x04 != 0 {
            guard bytes.count >= end + 2 else { return nil }
            end += 2 + (Int(bytes[end]) | Int(bytes[end + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
            guard end < bytes.count, let zero = bytes[end...].firstIndex(of: 0) else { return nil }
            end = zero + 1
        }
        if flags & 0x02 != 0 { end += 2 }
        return end <= bytes.count ? end : nil
    }

    /// What an ISA-L error code says is wrong with the data.
    private static func reason(_ status: Int32) -> String {
        switch status {
        case ISAL_INVALID_WRAPPER: "not a gzip header"
        case ISAL_UNSUPPORTED_METHOD: "unsupported compression method"
        case ISAL_INCORRECT_CHECKSUM: "the checksum does not match (corrupt data)"
        case ISAL_INVALID_BLOCK: "invalid compressed block (corrupt data)"
        case ISAL_INVALID_SYMBOL: "invalid compressed symbol (corrupt data)"
        case ISAL_INVALID_LOOKBACK: "invalid back-reference (corrupt data)"
        default: "inflate error \(status)"
        }
    }
}
