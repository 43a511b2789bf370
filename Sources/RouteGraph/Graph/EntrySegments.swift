/// VPN route entries in an array of fixed-size segments, so that growing never moves them.
///
/// One array of entries grows by doubling: each step allocates twice the memory, copies every
/// entry into it and frees the old, and each step's pages are new to the process. At 1 GB that
/// was a fifth of all the run's page faults, on the threads that read. A segment, once
/// allocated at its full size, stays where it is; a new one is added when the last is full.
struct EntrySegments: RandomAccessCollection, MutableCollection, Sendable {
    /// Entries per segment, as a shift: 4,096 entries, about a megabyte.
    static let segmentShift = 12
    private static let segmentMask = (1 << segmentShift) - 1

    /// Every segment but the last is full.
    private(set) var segments: [[VpnRouteEntry]] = []
    private(set) var count = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> VpnRouteEntry {
        // Accessors that lend the entry in place: a getter would copy it, retaining every string.
        _read { yield segments[position >> Self.segmentShift][position & Self.segmentMask] }
        _modify { yield &segments[position >> Self.segmentShift][position & Self.segmentMask] }
    }

    mutating func append(_ entry: consuming VpnRouteEntry) {
        if count & Self.segmentMask == 0 {
            var segment: [VpnRouteEntry] = []
            segment.reserveCapacity(1 << Self.segmentShift)
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
