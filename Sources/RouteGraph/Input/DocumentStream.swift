/// Splits an input into documents: a whole file, or the lines of a JSON Lines file streamed in
/// chunks so an archive is never held in memory whole.
///
/// Every document handed out is followed by at least `JSONParser.padding` readable bytes, so the
/// parser reads it in place, without a copy.
struct DocumentStream {
    let file: InputFile
    let limits: InputLimits
    /// Streams the input as JSON Lines whatever its name (canonical graph files found by content).
    var alwaysLines = false

    /// A document's bytes and where it came from, valid only during the callback.
    typealias Handler = (_ bytes: UnsafeRawBufferPointer, _ capacity: Int, _ location: InputLocation) -> Void

    /// Reads the input, handing each document to `handle`; problems with single lines are
    /// handed to `reject` and reading goes on.
    func read(handle: Handler, reject: (Rejection) -> Void) throws(InputError) {
        var buffer = ChunkBuffer()
        try read(buffer: &buffer, handle: handle, reject: reject)
    }

    /// Reads the input as `read(handle:reject:)` does, into `buffer`: a thread reading file after
    /// file keeps one buffer for all of them.
    func read(buffer: inout ChunkBuffer, handle: Handler, reject: (Rejection) -> Void) throws(InputError) {
        if file.isJSONLines || alwaysLines {
            let chunks = LineChunks(file: file, limits: limits)
            while let chunk = try chunks.next(into: &buffer) {
                split(chunk, in: buffer, handle: handle, reject: reject)
            }
            return
        }
        let namedDocument = file.isNamedDocument
        if namedDocument, !file.isStandardInput {
            switch try readSmallFile(into: &buffer) {
            case .read(let count):
                let bytes = UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<count])
                handle(bytes, count + JSONParser.padding, InputLocation(input: file.path))
                return
            case .tooLarge:
                reject(tooLarge)
                return
            case .other(let source, let head):
                try readWhole(source, head: head, namedDocument: true, handle: handle, reject: reject)
                return
            }
        }
        let (source, head) = try DocumentStream.open(file.path)
        try readWhole(source, head: head, namedDocument: namedDocument, handle: handle, reject: reject)
    }

    private var tooLarge: Rejection {
        Rejection(location: InputLocation(input: file.path), code: .tooLarge,
                  reason: "larger than \(limits.maxDocumentBytes) bytes; raise --max-document-size if it is genuine")
    }

    /// Reads an input already opened (`head` read from it so far) as one document, or, unless it is
    /// named as one, as JSON Lines when it turns out to be that.
    private func readWhole(_ source: ByteSource, head: [UInt8], namedDocument: Bool, handle: Handler,
                           reject: (Rejection) -> Void) throws(InputError) {
        var head = head
        if !namedDocument {
            // Standard input or an unusual name: look at the first line before deciding, so JSON
            // Lines arriving this way is streamed too, never read whole.
            head = try probe(source, head: head)
            if DocumentStream.looksLikeJSONLines(head) {
                let chunks = LineChunks(file: file, limits: limits, source: source, head: head)
                var buffer = ChunkBuffer()
                while let chunk = try chunks.next(into: &buffer) {
                    split(chunk, in: buffer, handle: handle, reject: reject)
                }
                return
            }
        }
        let whole = try readWhole(source, pending: head)
        guard let whole else {
            reject(tooLarge)
            return
        }
        defer { whole.deallocate() }
        let count = whole.count - JSONParser.padding
        let bytes = UnsafeRawBufferPointer(rebasing: whole[0..<count])
        if !namedDocument, DocumentStream.looksLikeJSONLines(bytes) {
            splitLines(bytes, capacityEnd: whole.count, firstLine: 1, handle: handle, reject: reject)
        } else {
            handle(bytes, whole.count, InputLocation(input: file.path))
        }
    }

    /// Reads on from `head` until it holds a whole first line and the first byte of the next
    /// non-blank one (or the input ends, or 1 MiB has been read): enough for `looksLikeJSONLines`.
    private func probe(_ source: ByteSource, head: [UInt8]) throws(InputError) -> [UInt8] {
        var bytes = head
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while bytes.count < 1 << 20 {
            if let newline = bytes.firstIndex(of: 0x0A),
                bytes[(newline + 1)...].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A })
            {
                break
            }
            let n = try source.read(into: chunk)
            if n == 0 { break }
            bytes.append(contentsOf: chunk.prefix(n))
        }
        return bytes
    }

    /// Hands out the lines of one chunk of a JSON Lines input, and the rejections that came with it.
    func split(_ chunk: LineChunks.Chunk, in buffer: borrowing ChunkBuffer, handle: Handler, reject: (Rejection) -> Void) {
        for rejection in chunk.rejections { reject(rejection) }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<chunk.count])
        splitLines(bytes, capacityEnd: buffer.bytes.count, firstLine: chunk.firstLine, handle: handle, reject: reject)
    }

    /// Opens `path` (`-` is standard input), through gzip when it starts with gzip's magic bytes;
    /// returns the source and the bytes already read from it.
    static func open(_ path: String) throws(InputError) -> (ByteSource, [UInt8]) {
        try detectingGzip(FileByteSource(path: path), path: path)
    }

    /// `source`, through gzip when it starts with gzip's magic bytes, and the bytes already read.
    static func detectingGzip(_ file: FileByteSource, path: String) throws(InputError) -> (ByteSource, [UInt8]) {
        var source: ByteSource = file
        var head = [UInt8](repeating: 0, count: 2)
        let got = try readFully(source, into: &head)
        head.removeLast(2 - got)
        if head == [0x1F, 0x8B] {
            source = try GzipByteSource(source, path: path, pending: head)
            head = []
        }
        return (source, head)
    }

    /// True when the first line is a complete JSON object and more lines follow: JSON Lines
    /// arriving on standard input or under an unusual name.
    static func looksLikeJSONLines(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { looksLikeJSONLines($0) }
    }

    /// True when the first line is a complete JSON object and another object follows.
    static func looksLikeJSONLines(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return false }
        var first = UnsafeRawBufferPointer(rebasing: bytes[0..<newline])
        first = ByteText.trimmed(ByteText.withoutBOM(first))
        guard first.first == 0x7B, first.last == 0x7D else { return false }
        let rest = ByteText.trimmed(UnsafeRawBufferPointer(rebasing: bytes[(newline + 1)...]))
        guard rest.first == 0x7B else { return false }
        return (try? JSONParser().parse(first)) != nil
    }

    private static func readFully(_ source: ByteSource, into buffer: inout [UInt8]) throws(InputError) -> Int {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count, alignment: 1)
        defer { scratch.deallocate() }
        var total = 0
        while total < scratch.count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[total...]))
            if n == 0 { break }
            total += n
        }
        for i in 0..<total { buffer[i] = scratch[i] }
        return total
    }

    /// The whole input plus padding, or nil when it exceeds the document limit.
    private func readWhole(_ source: ByteSource, pending: [UInt8]) throws(InputError) -> UnsafeMutableRawBufferPointer? {
        // What was read ahead (gzip detection, the JSON Lines probe) may already exceed the limit,
        // and the first buffer must hold all of it.
        guard pending.count <= limits.maxDocumentBytes else { return nil }
        var capacity = max(min(1 << 16, limits.bufferBytes), pending.count)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + JSONParser.padding, alignment: 64)
        var count = pending.count
        pending.withUnsafeBytes { buffer.copyMemory(from: $0) }
        while true {
            if count == capacity {
                if capacity > limits.maxDocumentBytes {
                    buffer.deallocate()
                    return nil
                }
                capacity = min(capacity * 2, limits.bufferBytes)
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + JSONParser.padding, alignment: 64)
                bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                buffer.deallocate()
                buffer = bigger
            }
            let n: Int
            do {
                n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count..<capacity]))
            } catch {
                buffer.deallocate()
                throw error
            }
            if n == 0 { break }
            count += n
        }
        // Trim to the content plus padding (zeroed), so the caller knows where content ends.
        let result = UnsafeMutableRawBufferPointer.allocate(byteCount: count + JSONParser.padding, alignment: 64)
        result.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        UnsafeMutableRawBufferPointer(rebasing: result[count...]).initializeMemory(as: UInt8.self, repeating: 0)
        buffer.deallocate()
        return result
    }

    /// Splits lines already in memory.
    private func splitLines(_ bytes: UnsafeRawBufferPointer, capacityEnd: Int, firstLine: Int, handle: Handler, reject: (Rejection) -> Void) {
        var start = 0, line = firstLine
        while start < bytes.count {
            let newline = ByteText.firstNewline(bytes, from: start, to: bytes.count) ?? bytes.count
            if newline - start > limits.maxDocumentBytes {
                reject(Rejection(location: InputLocation(input: file.path, line: line), code: .tooLarge,
                                 reason: "the line is longer than \(limits.maxDocumentBytes) bytes; raise --max-document-size if it is genuine"))
            } else {
                emitLine(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]), capacity: capacityEnd - start, line: line, handle: handle)
            }
            start = newline + 1
            line += 1
        }
    }

    private func emitLine(_ raw: UnsafeRawBufferPointer, capacity: Int, line: Int, handle: Handler) {
        var bytes = raw
        if line == 1 { bytes = ByteText.withoutBOM(bytes) }
        let trimmed = ByteText.trimmed(bytes)
        guard !trimmed.isEmpty else { return }
        let offset = trimmed.baseAddress! - raw.baseAddress!
        handle(trimmed, capacity - offset, InputLocation(input: file.path, line: line))
    }
}

/// Limits that keep one input from exhausting memory; each can be raised by option.
public struct InputLimits: Sendable {
    /// The largest single document (file, or JSON Lines line), in bytes.
    public var maxDocumentBytes: Int = 256 << 20
    /// The deepest nesting of a JSON or XML document.
    public var maxDepth: Int = 512
    /// How many bytes of a JSON Lines input each thread reads at a time (`LineChunks`; at least
    /// one); a longer line gets a larger buffer, up to `maxDocumentBytes`.
    public var chunkBytes: Int = InputLimits.defaultChunkBytes

    /// Two megabytes: big enough that the threads rarely wait on the lock that hands chunks out,
    /// small enough that they share the work evenly to the end.
    public static let defaultChunkBytes = 1 << 21

    public init(maxDocumentBytes: Int = 256 << 20, maxDepth: Int = 512, chunkBytes: Int = InputLimits.defaultChunkBytes) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.chunkBytes = chunkBytes
    }

    /// The most a document buffer ever holds: one byte over the limit, so that a full buffer means
    /// a document over the limit and one of exactly the limit still fits.
    var bufferBytes: Int { maxDocumentBytes < Int.max ? maxDocumentBytes + 1 : Int.max }
}

/// Byte-level helpers for text framing.
enum ByteText {
    static func withoutBOM(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        return bytes
    }

    /// Without leading and trailing space, tab, CR and LF (CRLF line ends included).
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lo = 0, hi = bytes.count
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        while lo < hi, space(bytes[lo]) { lo += 1 }
        while hi > lo, space(bytes[hi - 1]) { hi -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])
    }
}
