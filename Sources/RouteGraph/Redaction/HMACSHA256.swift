/// HMAC-SHA256 (RFC 2104) with the key's inner and outer pads absorbed once, so each pseudonym
/// costs two compressions of its own bytes rather than four.
struct HMACSHA256: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    init<C: Collection<UInt8>>(key: C) {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : Array(key)
        block.append(contentsOf: repeatElement(0, count: SHA256.blockSize - block.count))
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    /// The 32-byte authentication code of `message`.
    func mac<C: Collection<UInt8>>(_ message: C) -> [UInt8] {
        let done = message.withContiguousStorageIfAvailable { mac(UnsafeRawBufferPointer($0)) }
        return done ?? Array(message).withUnsafeBytes { mac($0) }
    }

    /// `mac` of bytes where they lie; the inner digest stays on the stack.
    func mac(_ message: UnsafeRawBufferPointer) -> [UInt8] {
        let innerWords = inner.words(appending: message)
        return SHA256.bytes(of: SHA256.withBytes(of: innerWords) { outer.words(appending: $0) })
    }
}
