/// The bytes a text exporter has rendered and not yet handed to its sink: one block of memory,
/// reused for the whole file, that the writers append to directly and hand on in large blocks.
///
/// Rendering a row into its own array, or a field into its own `String`, cost an allocation, a copy
/// and a retain or two per value; on a graph of a million edges that was most of the writing time.
/// Noncopyable, so it is only ever passed `inout` and its memory has exactly one owner.
struct TextBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Above this many bytes, `flushIfFull` hands the bytes on.
    private let flushLimit: Int

    init(flushLimit: Int = 1 << 20) {
        self.flushLimit = flushLimit
        capacity = flushLimit + 4096
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard let source = bytes.baseAddress, n > 0 else { return }
        reserve(n)
        let target = UnsafeMutableRawPointer(base + count)
        // Most of what the writers append is a few bytes (an id, a number, a tag's name): copied
        // here as two words that overlap, not by a call to `memmove`, whose call and dispatch on
        // the length cost more than the copy and took a third of rendering a GraphML file.
        if n >= 8 && n <= 16 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            for i in 0..<n { target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self) }
        } else if n <= 32 {
            let head = source.loadUnaligned(as: SIMD16<UInt8>.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 16, as: SIMD16<UInt8>.self)
            target.storeBytes(of: head, as: SIMD16<UInt8>.self)
            target.storeBytes(of: tail, toByteOffset: n - 16, as: SIMD16<UInt8>.self)
        } else {
            target.copyMemory(from: source, byteCount: n)
        }
        count = count + n
    }

    /// Appends a literal (the writers' own punctuation and names, all ASCII).
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `text` as UTF-8, unchanged.
    mutating func append(string text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if done == nil {
            // A bridged or otherwise non-contiguous string: rare, so the slow way.
            for byte in text.utf8 { append(byte) }
        }
    }

    /// Appends `value` in decimal, as `String(value)` spells it (`DecimalDigits`).
    mutating func appendDecimal(_ value: Int64) {
        reserve(DecimalDigits.maxCount)
        count += DecimalDigits.write(value, to: base + count)
    }

    /// Appends UTF-8 bytes. Not inlined: the copy `append(_: UnsafeRawBufferPointer)` inlines is
    /// branchy, and inlined into every writer's loop it made writing slower (1.0 → 1.4–1.6 s at
    /// 1 GB, by turns).
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(bytes)) }

    /// `n` spaces: XML indentation.
    @inline(__always)
    mutating func appendSpaces(_ n: Int) { append(repeating: UInt8(ascii: " "), count: n) }

    /// `n` copies of `byte`: indentation, or the commas of a CSV row's empty fields. Up to sixteen
    /// (GraphML's data elements sit six deep) are two stores of eight, past `n` into room reserved
    /// and not counted, rather than a call to `memset`. Inlined, as the indentation of every XML
    /// element: called, it cost more than its stores.
    @inline(__always)
    mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        guard n <= 16 else { return appendMany(byte, n) }
        reserve(16)
        let word = UInt64(byte) &* 0x0101_0101_0101_0101
        UnsafeMutableRawPointer(base + count).storeBytes(of: word, as: UInt64.self)
        UnsafeMutableRawPointer(base + count).storeBytes(of: word, toByteOffset: 8, as: UInt64.self)
        count += n
    }

    private mutating func appendMany(_ byte: UInt8, _ n: Int) {
        reserve(n)
        (base + count).initialize(repeating: byte, count: n)
        count += n
    }

    var isEmpty: Bool { count == 0 }

    /// The bytes appended so far; valid until the buffer next changes.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Hands `body` the bytes followed by a NUL, as libxml2's C strings want them; the NUL is not
    /// kept.
    mutating func withCString<R>(_ body: (UnsafePointer<UInt8>) -> R) -> R {
        reserve(1)
        base[count] = 0
        return body(base)
    }

    /// Forgets the bytes, keeping the memory, for the next piece rendered into this buffer.
    mutating func removeAll() { count = 0 }

    /// Drops the bytes after the first `newCount`.
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        count = newCount
    }

    /// The bytes appended so far as text, for the few callers that want a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Runs `body` on the bytes appended so far, for a writer that looks back at what it wrote.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Hands the bytes to `sink` once there are more than the flush limit; writers call this between
    /// rows, so a block always ends on a line boundary (which does not matter to a file, but keeps
    /// a failure's partial output readable).
    @inline(__always)
    mutating func flushIfFull<Sink: TextSink>(into sink: Sink) throws(OutputError) {
        if count >= flushLimit { try flush(into: sink) }
    }

    /// Hands every byte to `sink`; the buffer is empty afterwards.
    mutating func flush<Sink: TextSink>(into sink: Sink) throws(OutputError) {
        guard count > 0 else { return }
        try sink.append(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }
}
