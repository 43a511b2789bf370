/// The VPN entries behind `ROUTES` edges, held from building until the edges are packed or made
/// into `Edge`s.
///
/// A `ROUTES` edge's ten attributes are its entry's fields. Copying them into an `Attributes` of
/// their own for each of half a million edges made as many arrays in fresh memory on the one
/// thread that builds the VPN half, only for packing to copy them into bytes and free them. The
/// edge names its entry instead (`GraphAssembly.PendingEdge.entry`), and packing reads the
/// fields where reading left them.
///
/// Entries are numbered across the arrays taken in, in the order taken: an array is adopted
/// whole, never copied. Arrays are found by binary search: there is one per segment of a table
/// part (`EntrySegments`), about ten per part at 1 GB.
struct VpnEntryStore: Sendable {
    private var arrays: [[VpnRouteEntry]] = []
    /// The number of the first entry of each array, then the total.
    private var starts: [Int] = [0]

    /// Entries held.
    var count: Int { starts[starts.count - 1] }

    /// Takes `entries` in and returns the number of its first entry.
    mutating func adopt(_ entries: consuming [VpnRouteEntry]) -> Int {
        let first = starts[starts.count - 1]
        precondition(first + entries.count <= Int(Int32.max), "more than 2^31 VPN route entries")
        starts.append(first + entries.count)
        arrays.append(entries)
        return first
    }

    /// The attributes of the `ROUTES` edge of entry `number`, made as an `Attributes`: for the
    /// few places that need the edge's attributes as values (a graph of `Edge`s, a repeated edge).
    func routesAttributes(of number: Int32) -> Attributes {
        let (array, index) = position(of: number)
        var attributes = Attributes(capacity: 10)
        arrays[array].withUnsafeBufferPointer { VpnRouteEntry.putRoutesAttributes(of: $0.baseAddress! + index, into: &attributes) }
        return attributes
    }

    private func position(of number: Int32) -> (array: Int, index: Int) {
        let array = Self.array(holding: Int(number), starts: starts)
        return (array, Int(number) - starts[array])
    }

    /// The last array whose start is at most `number`: the one holding it (empty arrays start
    /// where the next does, and are passed over).
    fileprivate static func array(holding number: Int, starts: [Int]) -> Int {
        var low = 0, high = starts.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= number { low = mid } else { high = mid }
        }
        return low
    }

    /// Calls `body` with the entries in place: building reads them, packing lets each go once its
    /// edge is packed. Each array is moved out while `body` runs, so this store holds no second
    /// reference that would make a write copy it.
    mutating func withEntries<R>(_ body: (VpnEntryPointers) -> R) -> R {
        var taken: [[VpnRouteEntry]] = []
        swap(&taken, &arrays)
        defer { swap(&taken, &arrays) }
        return Self.withBases(&taken, from: 0, [], starts, body)
    }

    /// One array's buffer at a time, each held by a variable of its own call, so that no two
    /// accesses to one variable overlap: a call per array deep, which segments that double in
    /// size keep to a few dozen.
    private static func withBases<R>(_ arrays: inout [[VpnRouteEntry]], from k: Int, _ bases: [UnsafeMutablePointer<VpnRouteEntry>?],
                                     _ starts: [Int], _ body: (VpnEntryPointers) -> R) -> R {
        if k == arrays.count { return body(VpnEntryPointers(bases: bases, starts: starts)) }
        var mine: [VpnRouteEntry] = []
        swap(&mine, &arrays[k])
        defer { swap(&mine, &arrays[k]) }
        return mine.withUnsafeMutableBufferPointer { buffer in
            withBases(&arrays, from: k + 1, bases + [buffer.baseAddress], starts, body)
        }
    }
}

/// A store's entries in place (`VpnEntryStore.withEntries`). Threads may use it at once as long as
/// each touches entries no other touches: every entry has one `ROUTES` edge.
struct VpnEntryPointers: @unchecked Sendable {
    fileprivate let bases: [UnsafeMutablePointer<VpnRouteEntry>?]
    fileprivate let starts: [Int]

    /// Entry `number`.
    func entry(_ number: Int32) -> UnsafeMutablePointer<VpnRouteEntry> {
        let array = VpnEntryStore.array(holding: Int(number), starts: starts)
        return bases[array]! + (Int(number) - starts[array])
    }
}

/// Where an entry's `ROUTES` attributes go: an `Attributes`, or a packed graph's block.
protocol RoutesAttributeSink {
    /// Adds a string attribute, leaving out an empty value: the `String` stored at `field`.
    mutating func add(_ attribute: Attribute, stringAt field: UnsafeRawPointer)
    /// Adds an integer attribute, leaving out an absent value.
    mutating func add(_ attribute: Attribute, _ value: Int64?)
    /// Adds a time as its ISO 8601 text, leaving out an absent value.
    mutating func add(_ attribute: Attribute, _ value: Timestamp?)
    /// Adds `input`, the provenance of the location stored at `location`.
    mutating func addInput(at location: UnsafePointer<InputLocation>)
}

extension RoutesAttributeSink {
    /// `add(_:stringAt:)` for the `String?` stored at `field`, leaving out an absent value.
    mutating func add(_ attribute: Attribute, optionalStringAt field: UnsafeRawPointer) {
        // An optional string is the string itself where there is one (nil is a bit pattern no
        // string has), so the string is at the same place.
        guard case .some = field.assumingMemoryBound(to: String?.self).pointee else { return }
        add(attribute, stringAt: field)
    }
}

extension Attributes: RoutesAttributeSink {
    mutating func add(_ attribute: Attribute, stringAt field: UnsafeRawPointer) {
        add(attribute, field.assumingMemoryBound(to: String.self).pointee)
    }

    mutating func add(_ attribute: Attribute, _ value: Timestamp?) { add(attribute, value?.iso8601) }

    mutating func addInput(at location: UnsafePointer<InputLocation>) { add(.input, location.pointee.description) }
}

extension VpnRouteEntry {
    /// The attributes of the `ROUTES` edge of `entry`, in column order (`Attribute.edgeAttributes`):
    /// the one list both an `Attributes` and packing are filled from. The entry is read in place,
    /// field by field, and its strings handed on where they are stored: copied out, each would be
    /// retained and released, which touches its storage even when packing finds its text packed
    /// already by its bits alone.
    static func putRoutesAttributes<Sink: RoutesAttributeSink>(of entry: UnsafePointer<VpnRouteEntry>, into sink: inout Sink) {
        let fields = UnsafeRawPointer(entry)
        sink.add(.entryType, stringAt: fields + Field.entryType)
        sink.add(.nextHop, optionalStringAt: fields + Field.nextHop)
        sink.add(.weight, entry.pointee.weight)
        sink.add(.state, optionalStringAt: fields + Field.state)
        sink.add(.routeSource, optionalStringAt: fields + Field.routeSource)
        sink.add(.asPath, optionalStringAt: fields + Field.asPath)
        sink.add(.community, optionalStringAt: fields + Field.community)
        sink.add(.createdAt, entry.pointee.createdAt)
        sink.addInput(at: (fields + Field.location).assumingMemoryBound(to: InputLocation.self))
        sink.add(.requestId, optionalStringAt: fields + Field.requestId)
    }

    /// Where the fields `putRoutesAttributes` reads are within an entry.
    private enum Field {
        static let entryType = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.entryType)!
        static let nextHop = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.nextHop)!
        static let state = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.state)!
        static let routeSource = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.routeSource)!
        static let asPath = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.asPath)!
        static let community = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.community)!
        static let location = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.location)!
        static let requestId = MemoryLayout<VpnRouteEntry>.offset(of: \VpnRouteEntry.requestId)!
    }
}

extension VpnRouteEntry {
    /// Lets go of every string and list the entry holds, leaving it empty in place: for an entry
    /// packed and no longer read. Field by field, rather than by assigning an empty entry kept
    /// for the purpose, which copied that entry (a retain per field) for every entry let go.
    mutating func letGo() {
        connectionId = ""
        routeDest = ""
        cidr = nil
        nextHop = nil
        state = nil
        entryType = ""
        asPath = nil
        community = nil
        routeSource = nil
        tunnels = []
        requestId = nil
        location.input = ""
    }
}
