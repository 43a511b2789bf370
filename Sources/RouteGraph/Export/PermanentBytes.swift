/// Bytes copied into memory that is never freed, for the few texts every row of an output repeats
/// (kind names, JSON member names, XML tags): a lookup then hands out a pointer, with no retain,
/// and there are a few dozen of them however many files are written.
enum PermanentBytes {
    /// A copy of `bytes` that lives as long as the program.
    static func copy(_ bytes: some Collection<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = storage.initialize(from: bytes)
        return UnsafeBufferPointer(storage)
    }
}
