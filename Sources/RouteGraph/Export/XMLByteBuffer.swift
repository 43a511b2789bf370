/// A growable run of bytes for `XMLStreamWriter`: the markup waiting for libxml2 and the attribute
/// values it assembles.
///
/// A million small appends go through here per large file. An `[UInt8]` checks uniqueness and
/// capacity on each and empties itself through a generic `replaceSubrange`; this buffer only checks
/// capacity. Noncopyable, so its memory has exactly one owner, which frees it.
struct XMLByteBuffer: ~Copyable, ByteAppending {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes in use, from the start.
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The bytes in use; valid until the buffer next changes.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    mutating func removeAll() { count = 0 }

    /// Drops bytes after the first `newCount`.
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        count = newCount
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// `n` spaces: indentation.
    mutating func appendSpaces(_ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (storage + count).initialize(repeating: UInt8(ascii: " "), count: n)
        count += n
    }

    /// The decimal digits of `value`, with a leading `-` when negative.
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        reserve(digits)
        var position = count + digits
        repeat {
            position -= 1
            storage[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        count += digits
    }

    /// Hands `body` the bytes followed by a NUL, as libxml2's C strings want them; the NUL is not
    /// kept.
    mutating func withCString<R>(_ body: (UnsafePointer<UInt8>) -> R) -> R {
        reserve(1)
        storage[count] = 0
        return body(storage)
    }

    /// Makes room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(2 * capacity, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
