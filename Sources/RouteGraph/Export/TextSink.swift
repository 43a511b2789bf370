/// Where a text exporter puts its bytes. The writers render into a sink rather than into a file so
/// that the same code streams a large graph into an `AtomicFile` and renders a small one into memory
/// for tests and previews, byte for byte the same.
protocol TextSink: AnyObject {
    /// Appends UTF-8 bytes.
    func append(_ bytes: [UInt8]) throws(OutputError)
    /// Appends a block of UTF-8 bytes (what a `TextBuffer` hands on), without an array in between.
    func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError)
}

extension TextSink {
    /// Through an array, for a sink with no better way.
    func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) { try append(Array(bytes)) }
}

extension AtomicFile: TextSink {
    func append(_ bytes: [UInt8]) throws(OutputError) { try write(bytes) }

    func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) { try writeBlock(bytes) }
}

/// A sink that keeps everything in memory.
final class MemorySink: TextSink {
    private(set) var bytes: [UInt8] = []

    func append(_ bytes: [UInt8]) throws(OutputError) { self.bytes.append(contentsOf: bytes) }

    func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) { self.bytes.append(contentsOf: bytes) }

    /// The bytes as text; the writers only ever append valid UTF-8.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension AtomicFile {
    /// Writes one output file through `body` and renames it into place only when `body` finished;
    /// on any error the temporary file is removed and the previous file at `path`, if any, stays.
    static func write(to path: String, _ body: (AtomicFile) throws(OutputError) -> Void) throws(OutputError) {
        let file = try AtomicFile(path: path)
        do throws(OutputError) {
            try body(file)
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }
}
