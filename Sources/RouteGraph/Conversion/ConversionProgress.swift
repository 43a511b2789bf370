import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How far a conversion has got, counted by the reading threads as they go, for a progress line.
/// Counting is two relaxed atomic additions per document: free next to parsing it.
public final class ConversionProgress: Sendable {
    private let documentCount = Atomic<Int>(0)
    private let byteCount = Atomic<Int>(0)
    /// Bytes of input the conversion will read, when known: the sizes of the files, or nil when an
    /// input is compressed or standard input (its size is then unknown until it is read).
    public let expectedBytes: Int?

    /// Expects the inputs `inputs` expand to; `InputDiscovery` runs again inside the conversion, which
    /// is cheap next to reading.
    public init(expecting inputs: [String]) {
        let (files, _) = InputDiscovery.expand(inputs)
        var total = 0
        var known = true
        for file in files {
            var info = stat()
            if file.isStandardInput || file.path.lowercased().hasSuffix(".gz") || stat(file.path, &info) != 0 {
                known = false
                break
            }
            total += Int(info.st_size)
        }
        expectedBytes = known ? total : nil
    }

    /// Counts one document of `bytes` bytes.
    func add(bytes: Int) {
        documentCount.add(1, ordering: .relaxed)
        byteCount.add(bytes, ordering: .relaxed)
    }

    /// Documents read so far.
    public var documents: Int { documentCount.load(ordering: .relaxed) }
    /// Bytes of documents read so far (line ends and blank lines not counted).
    public var bytes: Int { byteCount.load(ordering: .relaxed) }
}
