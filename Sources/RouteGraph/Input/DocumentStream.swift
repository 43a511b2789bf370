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
        var source: ByteSource = try FileByteSource(path: file.path)
        var head = [UInt8](repeating: 0, count: 2)
        let got = try readFully(source, into: &head)
        head.removeLast(2 - got)
        if head == [0x1F, 0x8B] {
            source = try GzipByteSource(source, path: file.path, pending: head)
            head = []
        }
        if file.isJSONLines || alwaysLines {
            try readLines(source, pending: head, handle: handle, reject: reject)
            return
        }
        let whole = try readWhole(source, pending: head)
        guard let whole else {
            reject(Rejection(location: InputLocation(input: file.path), code: .tooLarge,
                             reason: "larger than \(limits.maxDocumentBytes) bytes; raise --max-document-size if it is genuine"))
            return
        }
        defer { whole.deallocate() }
        let count = whole.count - JSONParser.padding
        let bytes = UnsafeRawBufferPointer(rebasing: whole[0..<count])
        if !file.innerName.hasSuffix(".json"), !file.innerName.hasSuffix(".xml"), DocumentStream.looksLikeJSONLines(bytes) {
            splitLines(bytes, capacityEnd: whole.count, firstLine: 1, handle: handle, reject: reject)
        } else {
            handle(bytes, whole.count, InputLocation(input: file.path))
        }
    }

    /// True when the first line is a complete JSON object and more lines follow: JSON Lines
    /// arriving on standard input or under an unusual name.
    static func looksLikeJSONLines(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return false }
        var first = UnsafeRawBufferPointer(rebasing: bytes[0..<newline])
        first = ByteText.trimmed(ByteText.withoutBOM(first))
        guard first.first == 0x7B, first.last == 0x7D else { return false }
        let rest = ByteText.trimmed(UnsafeRawBufferPointer(rebasing: bytes[(newline + 1)...]))
        guard rest.first == 0x7B else { return false }
        return (try? JSONParser().parse(first)) != nil
    }

    private func readFully(_ source: ByteSource, into buffer: inout [UInt8]) throws(InputError) -> Int {
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
        var capacity = min(1 << 16, limits.bufferBytes)
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

    /// Streams lines through a buffer that grows up to the line limit.
    private func readLines(_ source: ByteSource, pending: [UInt8], handle: Handler, reject: (Rejection) -> Void) throws(InputError) {
        var capacity = min(1 << 22, limits.bufferBytes)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + JSONParser.padding, alignment: 64)
        defer { buffer.deallocate() }
        // The bytes read ahead to detect gzip are in the buffer but not yet past `end`: the first
        // round takes them as if just read, so they are searched for line ends like any others.
        var start = 0, end = 0
        pending.withUnsafeBytes { buffer.copyMemory(from: $0) }
        var unscannedPending = pending.count
        var line = 1
        var skippingLongLine = false
        var atEOF = false
        while !atEOF {
            if end == capacity {
                if start > 0 {
                    // Move the unfinished line to the front.
                    let rest = end - start
                    buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: rest)
                    start = 0
                    end = rest
                } else if capacity < limits.bufferBytes {
                    capacity = min(capacity * 2, limits.bufferBytes)
                    let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity + JSONParser.padding, alignment: 64)
                    bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
                    buffer.deallocate()
                    buffer = bigger
                } else {
                    // A line longer than any document may be: report it once, drop bytes until its end.
                    if !skippingLongLine {
                        reject(Rejection(location: InputLocation(input: file.path, line: line), code: .tooLarge,
                                         reason: "the line is longer than \(limits.maxDocumentBytes) bytes; raise --max-document-size if it is genuine"))
                    }
                    skippingLongLine = true
                    start = 0
                    end = 0
                }
            }
            let n: Int
            if unscannedPending > 0 {
                n = unscannedPending
                unscannedPending = 0
            } else {
                n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<capacity]))
            }
            if n == 0 {
                atEOF = true
            }
            let scanFrom = end
            end += n
            // Hand out every complete line in the buffer.
            var searchFrom = scanFrom
            while let newline = UnsafeRawBufferPointer(rebasing: buffer[searchFrom..<end]).firstIndex(of: 0x0A) {
                let lineEnd = searchFrom + newline
                if skippingLongLine {
                    skippingLongLine = false
                } else {
                    emitLine(UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd]), capacity: capacity + JSONParser.padding - start,
                             line: line, handle: handle)
                }
                line += 1
                start = lineEnd + 1
                searchFrom = start
            }
            if atEOF, start < end, !skippingLongLine {
                // Zero the padding so the parser reads a clean end.
                UnsafeMutableRawBufferPointer(rebasing: buffer[end..<min(end + JSONParser.padding, capacity + JSONParser.padding)])
                    .initializeMemory(as: UInt8.self, repeating: 0x20)
                emitLine(UnsafeRawBufferPointer(rebasing: buffer[start..<end]), capacity: capacity + JSONParser.padding - start,
                         line: line, handle: handle)
            }
        }
    }

    /// Splits lines already in memory.
    private func splitLines(_ bytes: UnsafeRawBufferPointer, capacityEnd: Int, firstLine: Int, handle: Handler, reject: (Rejection) -> Void) {
        var start = 0, line = firstLine
        while start < bytes.count {
            let newline = UnsafeRawBufferPointer(rebasing: bytes[start...]).firstIndex(of: 0x0A).map { start + $0 } ?? bytes.count
            emitLine(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]), capacity: capacityEnd - start, line: line, handle: handle)
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

    public init(maxDocumentBytes: Int = 256 << 20, maxDepth: Int = 512) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
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
