import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How far a conversion has got, counted by the reading threads as they go, for a progress line.
/// Counting is two relaxed atomic additions per document: free next to parsing it.
public final class ConversionProgress: Sendable {
    private let documentCount = Atomic<Int>(0)
    private let byteCount = Atomic<Int>(0)
    private let inputs: [String]
    /// `expectedBytes`, once asked for: nil inside until then.
    private let expected = Mutex<Int??>(nil)

    /// Expects the inputs `inputs` expand to. They are looked at only when `expectedBytes` is
    /// first asked for (a progress line that is shown): with a directory of many files, walking it
    /// again and asking each file's size costs as much as opening them, and a quiet run never
    /// needs to know.
    public init(expecting inputs: [String]) {
        self.inputs = inputs
    }

    /// Bytes of input the conversion will read, when known: the sizes of the files, or nil when an
    /// input is compressed or standard input (its size is then unknown until it is read).
    /// Worked out on first use, which may take a moment for a large directory.
    public var expectedBytes: Int? {
        expected.withLock { cached in
            if let known = cached { return known }
            let total = Self.totalBytes(of: inputs)
            cached = .some(total)
            return total
        }
    }

    private static func totalBytes(of inputs: [String]) -> Int? {
        let (files, _) = InputDiscovery.expand(inputs)
        var total = 0
        for file in files {
            var info = stat()
            if file.isStandardInput || FileNameSuffix.ends(file.path, ".gz") || stat(file.path, &info) != 0 {
                return nil
            }
            total += Int(info.st_size)
        }
        return total
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
