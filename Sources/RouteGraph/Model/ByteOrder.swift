#if canImport(Glibc)
import Glibc
#endif

/// The canonical order of text: UTF-8 bytes compared as unsigned bytes, the shorter first on a
/// common prefix. `String.utf8.lexicographicallyPrecedes` gives the same answer byte by byte
/// through an iterator; this compares contiguous storage with `memcmp`, which matters when a
/// million edges are sorted.
enum ByteOrder {
    @inline(__always)
    static func precedes(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    static func compare(_ a: String, _ b: String) -> Int {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Int in
                let common = min(x.count, y.count)
                if common > 0 {
                    let c = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if c != 0 { return Int(c) }
                }
                return x.count - y.count
            }
        }
        if let result = fast ?? nil { return result }
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }
}

extension ByteOrder {
    /// Whether `a` and `b` hold the same bytes: their counts, then `memcmp`. The generic
    /// `elementsEqual` walks both through iterators, about twenty instructions a byte, and ids
    /// are compared whole where tables find them (DOT's id numbers: 1,200 instructions a lookup
    /// on the directory's route ids).
    @inline(__always)
    static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// True when two strings are written with the same UTF-8 bytes (`==` holds for canonically
    /// equivalent spellings as well).
    static func sameUTF8(_ a: String, _ b: String) -> Bool {
        b.utf8.withContiguousStorageIfAvailable { sameUTF8(a, $0) } ?? a.utf8.elementsEqual(b.utf8)
    }

    /// True when the UTF-8 of `text` is `bytes`.
    static func sameUTF8(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.utf8.count == bytes.count else { return false }
        return text.utf8.withContiguousStorageIfAvailable { same($0, bytes) } ?? text.utf8.elementsEqual(bytes)
    }

    /// The indices of `strings` in canonical order (ties by index). The bytes are copied into one
    /// buffer first, so comparing reads that buffer, with no string retained or released.
    static func sortedIndices(_ strings: [String]) -> [Int32] {
        sortedIndices(count: strings.count) { strings[$0] }
    }

    /// The indices `0..<count` ordered by `text(i)` in canonical order (ties by index): callers
    /// with strings inside other values (node ids) need no array of just the strings, which would
    /// retain each one.
    static func sortedIndices(count: Int, _ text: (Int) -> String) -> [Int32] {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(count + 1)
        var total = 0
        for i in 0..<count { total += text(i).utf8.count }
        bytes.reserveCapacity(total)
        for i in 0..<count {
            bytes.append(contentsOf: text(i).utf8)
            starts.append(bytes.count)
        }
        var order = Array(0..<Int32(count))
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                // An empty buffer has no base address; every text is then empty and any address
                // will do, as no byte is read.
                let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
                order.sort { i, j in
                    let a = Int(i), b = Int(j)
                    let c = compare(base + starts[a], starts[a + 1] - starts[a], base + starts[b], starts[b + 1] - starts[b])
                    return c != 0 ? c < 0 : i < j
                }
            }
        }
        return order
    }

    /// `compare(_:_:_:_:)` for buffers, either of which may be empty (and have no address).
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard let x = a.baseAddress, let y = b.baseAddress else { return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1) }
        return compare(x, a.count, y, b.count)
    }

    /// Negative, zero or positive as the `aCount` bytes at `a` sort before, with or after the
    /// `bCount` bytes at `b`. Eight bytes are compared at a time, read big-endian so that integer
    /// order is byte order: most ids share a long prefix (`route:` and a gateway id), and a call
    /// to `memcmp` per comparison costs more than the comparing.
    @inline(__always)
    static func compare(_ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int) -> Int {
        let common = min(aCount, bCount)
        let raw1 = UnsafeRawPointer(a), raw2 = UnsafeRawPointer(b)
        var offset = 0
        while offset + 8 <= common {
            let x = UInt64(bigEndian: raw1.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let y = UInt64(bigEndian: raw2.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            if x != y { return x < y ? -1 : 1 }
            offset += 8
        }
        while offset < common {
            let x = a[offset], y = b[offset]
            if x != y { return x < y ? -1 : 1 }
            offset += 1
        }
        return aCount < bCount ? -1 : (aCount == bCount ? 0 : 1)
    }
}
