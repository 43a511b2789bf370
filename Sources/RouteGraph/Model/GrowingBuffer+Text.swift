extension GrowingBuffer<UInt8> {
    /// Appends `utf8` as a packed graph's text and returns its span, `start` being where this
    /// buffer's bytes start in the graph (`ByteSpan.blockStart`). Text of 8 MB and more is stored
    /// after its length (`ByteSpan.longMarker`); plain text is marked so the writers copy it
    /// without scanning it.
    mutating func appendText(_ utf8: UnsafeBufferPointer<UInt8>, start: Int) -> ByteSpan {
        precondition(count + utf8.count + 8 <= 1 << ByteSpan.offsetBits, "packed graph block text over 16 GB")
        let isPlain = PlainText.isPlain(utf8)
        if UInt64(utf8.count) < ByteSpan.longMarker {
            let span = ByteSpan(start: start + count, count: utf8.count, isPlain: isPlain)
            append(contentsOf: utf8)
            return span
        }
        withUnsafeBytes(of: UInt64(utf8.count)) { append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
        let span = ByteSpan(longAt: start + count, isPlain: isPlain)
        append(contentsOf: utf8)
        return span
    }
}
