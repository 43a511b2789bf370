#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A JSON Lines input cut into chunks of whole lines that several threads take in turn, so one
/// large archive is parsed on every core.
///
/// Taking a chunk (reading the bytes, finding the last line end, counting lines) happens under a
/// lock and is cheap next to parsing, which each thread then does on its own chunk outside the
/// lock. Every chunk knows the number of its first line, so locations are exact whichever thread
/// reads a line. Memory is one chunk buffer per thread plus one unfinished line.
final class LineChunks: Sendable {
    let file: InputFile
    private let state: Mutex<State>

    init(file: InputFile, limits: InputLimits) {
        self.file = file
        state = Mutex(State(file: file, limits: limits))
    }

    /// Continues an input already opened: `head` holds the bytes read from `source` so far (standard
    /// input probed for JSON Lines cannot be read again).
    init(file: InputFile, limits: InputLimits, source: ByteSource, head: [UInt8]) {
        self.file = file
        var state = State(file: file, limits: limits)
        state.opened = true
        state.source = source
        state.carry = head
        self.state = Mutex(state)
    }

    /// True once every chunk has been handed out (or reading failed).
    var isFinished: Bool { state.withLock { $0.finished } }

    /// Fills `buffer` with the next run of whole lines and returns where they are, or nil at the
    /// end. Lines longer than the document limit come back as rejections and are skipped.
    func next(into buffer: inout ChunkBuffer) throws(InputError) -> Chunk? {
        try state.withLock { (state: inout State) throws(InputError) -> Chunk? in try state.next(into: &buffer) }
    }

    /// A run of whole lines in a `ChunkBuffer`.
    struct Chunk {
        var count: Int
        var firstLine: Int
        var rejections: [Rejection]
    }

    /// The reading side, only ever touched under the lock.
    private struct State: ~Copyable, @unchecked Sendable {
        let file: InputFile
        let limits: InputLimits
        var source: ByteSource?
        var opened = false
        var finished = false
        /// The unfinished line at the end of the last chunk.
        var carry: [UInt8] = []
        var line = 1
        var skippingLongLine = false

        init(file: InputFile, limits: InputLimits) {
            self.file = file
            self.limits = limits
        }

        mutating func next(into buffer: inout ChunkBuffer) throws(InputError) -> Chunk? {
            guard !finished else { return nil }
            do throws(InputError) {
                if !opened {
                    opened = true
                    let (opened, head) = try DocumentStream.open(file.path)
                    source = opened
                    carry = head
                }
                return try fill(&buffer)
            } catch {
                finished = true
                source = nil
                throw error
            }
        }

        private mutating func fill(_ buffer: inout ChunkBuffer) throws(InputError) -> Chunk? {
            var rejections: [Rejection] = []
            var end = carry.count
            // At least a byte: an empty buffer would never be read into.
            buffer.reserve(max(limits.chunkBytes, end, 1))
            carry.withUnsafeBytes { buffer.bytes.copyMemory(from: $0) }
            carry.removeAll(keepingCapacity: true)
            var searchFrom = 0
            while true {
                var atEOF = false
                while end < buffer.capacity {
                    let n = try source!.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[end..<buffer.capacity]))
                    if n == 0 {
                        atEOF = true
                        break
                    }
                    end += n
                }
                let filled = UnsafeRawBufferPointer(buffer.bytes)
                if skippingLongLine {
                    // Drop the rest of a line longer than any document may be, up to its end.
                    guard let newline = ByteText.firstNewline(filled, from: 0, to: end) else {
                        end = 0
                        if atEOF { return finish(rejections) }
                        continue
                    }
                    skippingLongLine = false
                    line += 1
                    let rest = end - newline - 1
                    buffer.bytes.baseAddress!.copyMemory(from: buffer.bytes.baseAddress! + newline + 1, byteCount: rest)
                    end = rest
                    searchFrom = 0
                    if end == 0 && atEOF { return finish(rejections) }
                    if end < buffer.capacity && !atEOF { continue }
                }
                if let last = ByteText.lastNewline(filled, from: searchFrom, to: end) {
                    let count = atEOF ? end : last + 1
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: filled[count..<end]))
                    return chunk(buffer: &buffer, count: count, atEOF: atEOF, rejections: rejections)
                }
                if atEOF {
                    if end == 0 { return finish(rejections) }
                    return chunk(buffer: &buffer, count: end, atEOF: true, rejections: rejections)
                }
                // One line fills the buffer: grow it up to the document limit, then give the line up.
                searchFrom = end
                if buffer.capacity <= limits.maxDocumentBytes {
                    buffer.grow(to: min(buffer.capacity * 2, limits.maxDocumentBytes + 1), keeping: end)
                } else {
                    rejections.append(Rejection(
                        location: InputLocation(input: file.path, line: line), code: .tooLarge,
                        reason: "the line is longer than \(limits.maxDocumentBytes) bytes; raise --max-document-size if it is genuine"))
                    skippingLongLine = true
                    end = 0
                    searchFrom = 0
                }
            }
        }

        private mutating func chunk(buffer: inout ChunkBuffer, count: Int, atEOF: Bool, rejections: [Rejection]) -> Chunk {
            // Spaces after the last line, so the parser reads a clean end within the padding.
            let padEnd = min(count + JSONParser.padding, buffer.bytes.count)
            UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[count..<padEnd]).initializeMemory(as: UInt8.self, repeating: 0x20)
            let first = line
            line += ByteText.newlines(UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<count]))
            if atEOF {
                finished = true
                source = nil
            }
            return Chunk(count: count, firstLine: first, rejections: rejections)
        }

        private mutating func finish(_ rejections: [Rejection]) -> Chunk? {
            finished = true
            source = nil
            return rejections.isEmpty ? nil : Chunk(count: 0, firstLine: line, rejections: rejections)
        }
    }
}

/// One thread's buffer for `LineChunks`, with `JSONParser.padding` readable bytes past its
/// capacity so lines are parsed in place.
struct ChunkBuffer: ~Copyable {
    private(set) var bytes: UnsafeMutableRawBufferPointer
    private(set) var capacity: Int

    init() {
        capacity = 0
        bytes = .allocate(byteCount: JSONParser.padding, alignment: 64)
    }

    deinit { bytes.deallocate() }

    /// Makes room for at least `count` bytes, keeping nothing.
    mutating func reserve(_ count: Int) {
        guard capacity < count else { return }
        bytes.deallocate()
        capacity = count
        bytes = .allocate(byteCount: count + JSONParser.padding, alignment: 64)
    }

    /// Grows to `count` bytes, keeping the first `kept`.
    mutating func grow(to count: Int, keeping kept: Int) {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: count + JSONParser.padding, alignment: 64)
        bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<kept]))
        bytes.deallocate()
        bytes = bigger
        capacity = count
    }
}

extension ByteText {
    static func firstNewline(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard from < to, let p = memchr(bytes.baseAddress! + from, 0x0A, to - from) else { return nil }
        return UnsafeRawPointer(p) - bytes.baseAddress!
    }

    static func lastNewline(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        // Backwards from the end: the last line is short next to the chunk.
        var i = to
        while i > from {
            i -= 1
            if bytes[i] == 0x0A { return i }
        }
        return nil
    }

    /// The number of line feeds in `bytes`.
    static func newlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0, i = 0
        while let n = firstNewline(bytes, from: i, to: bytes.count) {
            count += 1
            i = n + 1
        }
        return count
    }
}
