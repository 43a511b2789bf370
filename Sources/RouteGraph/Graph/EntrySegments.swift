/// VPN route entries in segments that are never moved once allocated.
///
/// One array of entries grows by doubling: each step allocates twice the memory, copies every
/// entry into it and frees the old, and each step's pages are new to the process. At 1 GB that
/// was a fifth of all the run's page faults, on the threads that read. A segment is allocated at
/// its full size and stays where it is; a new one is added when the last is full. The first two
/// hold 4,096 entries (about a megabyte), and each later one as many as all before it, so there
/// are few segments however many entries (about thirty for four billion): those who hold a
/// pointer to each (`VpnEntryStore.withEntries`) need only a few.
struct EntrySegments: RandomAccessCollection, MutableCollection, Sendable {
    /// The first segment's size, as a shift: 4,096 entries.
    private static let firstShift = 12
    private static let firstSize = 1 << firstShift

    /// Every segment but the last is full.
    private(set) var segments: [[VpnRouteEntry]] = []
    private(set) var count = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> VpnRouteEntry {
        // Accessors that lend the entry in place: a getter would copy it, retaining every string.
        _read {
            let (segment, offset) = Self.place(of: position)
            yield segments[segment][offset]
        }
        _modify {
            let (segment, offset) = Self.place(of: position)
            yield &segments[segment][offset]
        }
    }

    /// Calls `body` with the entry at `position` where it is. An entry lent by the subscript to a
    /// call on another table was still copied, every string in it retained and released.
    func withEntry<R>(at position: Int, _ body: (UnsafePointer<VpnRouteEntry>) -> R) -> R {
        let (segment, offset) = Self.place(of: position)
        return segments[segment].withUnsafeBufferPointer { body($0.baseAddress! + offset) }
    }

    /// Segment k > 0 starts at `firstSize << (k - 1)`.
    @inline(__always)
    private static func place(of position: Int) -> (segment: Int, offset: Int) {
        let q = position >> firstShift
        guard q > 0 else { return (0, position) }
        let segment = Int.bitWidth - q.leadingZeroBitCount
        return (segment, position - (firstSize << (segment - 1)))
    }

    mutating func append(_ entry: consuming VpnRouteEntry) {
        // Full: the first segment at 4,096 entries, each later one when the count doubles.
        if count == 0 || (count >= Self.firstSize && count & (count - 1) == 0) {
            var segment: [VpnRouteEntry] = []
            segment.reserveCapacity(Swift.max(Self.firstSize, count))
            segments.append(segment)
        }
        segments[segments.count - 1].append(entry)
        count += 1
    }

    /// Hands the segments over, in order, leaving this empty.
    mutating func takeSegments() -> [[VpnRouteEntry]] {
        var taken: [[VpnRouteEntry]] = []
        swap(&taken, &segments)
        count = 0
        return taken
    }
}
