#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The secret that pseudonyms are derived from: the same key gives the same pseudonym for the same
/// value in every run, so diagrams redacted on different days can be compared; without the key, a
/// pseudonym cannot be traced back by hashing guesses.
public struct RedactionKey: Sendable {
    /// The fewest bytes a key file must hold: 128 bits, below which guessing the key gets feasible.
    public static let minimumLength = 16

    /// The most bytes a key file may hold: anything larger is some other file given by mistake.
    public static let maximumLength = 1 << 16

    let bytes: [UInt8]

    /// A key of these bytes, which must be at least `minimumLength` long.
    public init(bytes: [UInt8]) throws(RedactionKeyError) {
        guard bytes.count >= Self.minimumLength else {
            throw .tooShort(path: nil, length: bytes.count, minimum: Self.minimumLength)
        }
        self.bytes = bytes
    }

    /// The whole content of the file at `path`, taken as raw bytes (a trailing newline included).
    public init(contentsOf path: String) throws(RedactionKeyError) {
        let bytes: [UInt8]
        do throws(ReadFailure) {
            bytes = try Self.readFile(path, limit: Self.maximumLength + 1)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        guard bytes.count <= Self.maximumLength else {
            throw .unreadable(path: path, reason: "larger than \(Self.maximumLength) bytes, so not a key file")
        }
        guard bytes.count >= Self.minimumLength else {
            throw .tooShort(path: path, length: bytes.count, minimum: Self.minimumLength)
        }
        self.bytes = bytes
    }

    /// A fresh key of 32 bytes from /dev/urandom, for a run whose pseudonyms need not match any
    /// other run's; the system's random generator (also cryptographic) where /dev/urandom cannot
    /// be read.
    public static func random() -> RedactionKey {
        if let bytes = try? readFile("/dev/urandom", limit: 32), bytes.count == 32 {
            return RedactionKey(unchecked: bytes)
        }
        var generator = SystemRandomNumberGenerator()
        return RedactionKey(unchecked: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    private struct ReadFailure: Error { var reason: String }

    /// Up to `limit` bytes of the file at `path`.
    private static func readFile(_ path: String, limit: Int) throws(ReadFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReadFailure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < limit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, limit - bytes.count)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return bytes
    }
}

/// Why a redaction key could not be used.
public enum RedactionKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The key holds fewer bytes than `RedactionKey.minimumLength`.
    case tooShort(path: String?, length: Int, minimum: Int)

    public var description: String {
        let create = "create one with `head -c 32 /dev/urandom > FILE` and keep it secret"
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read the redaction key file '\(path)': \(reason); \(create)"
        case .tooShort(let path, let length, let minimum):
            let what = path.map { "the redaction key file '\($0)'" } ?? "the redaction key"
            return "\(what) holds \(length) bytes, fewer than the \(minimum) a key needs; \(create)"
        }
    }
}
