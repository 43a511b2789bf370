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
    /// The indices of `strings` in canonical order (ties by index). The bytes are copied into one
    /// buffer first, so comparing is `memcmp` on it, with no string retained or released.
    static func sortedIndices(_ strings: [String]) -> [Int32] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(strings.reduce(0) { $0 + $1.utf8.count })
        var starts: [Int] = [0]
        starts.reserveCapacity(strings.count + 1)
        for string in strings {
            bytes.append(contentsOf: string.utf8)
            starts.append(bytes.count)
        }
        var order = Array(0..<Int32(strings.count))
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                order.sort { i, j in
                    let a = Int(i), b = Int(j)
                    let aCount = starts[a + 1] - starts[a], bCount = starts[b + 1] - starts[b]
                    let common = min(aCount, bCount)
                    if common > 0, let base = bytes.baseAddress {
                        let c = memcmp(base + starts[a], base + starts[b], common)
                        if c != 0 { return c < 0 }
                    }
                    return aCount != bCount ? aCount < bCount : i < j
                }
            }
        }
        return order
    }
}
