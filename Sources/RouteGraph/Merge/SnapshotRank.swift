/// How a route snapshot ranks against another of the same route, as convert decides
/// (`GatewayRoute.isNewer`): by `modifiedAt`, a missing time lowest, then by where it was read.
///
/// In a graph file both are attributes of the route node, so fragments written by separate runs
/// can be ranked against each other without the records.
struct SnapshotRank: Comparable, Sendable {
    /// `modifiedAt` in Unix milliseconds; `Int64.min` when missing or unreadable.
    var modified: Int64
    /// The `input` attribute, parsed back into a location.
    var location: InputLocation

    /// The rank of a route node.
    init(route node: Node) {
        if case .string(let text)? = node.attributes[.modifiedAt],
            let time = Timestamp(parsing: text, defaultOffsetSeconds: 0)
        {
            modified = time.millisecondsSinceEpoch
        } else {
            modified = Int64.min
        }
        location = InputLocation(provenance: node.attributes[.input])
    }

    static func < (lhs: SnapshotRank, rhs: SnapshotRank) -> Bool {
        lhs.modified != rhs.modified ? lhs.modified < rhs.modified : lhs.location < rhs.location
    }
}

extension InputLocation {
    /// The location an `input` attribute names: `path:line` when the text after the last `:` is
    /// all digits, otherwise the whole text as a path. A missing attribute is the lowest location.
    init(provenance value: AttributeValue?) {
        guard case .string(let text)? = value else {
            self.init(input: "")
            return
        }
        let bytes = Array(text.utf8)
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")), colon + 1 < bytes.count,
            bytes.count - colon - 1 <= 18,
            bytes[(colon + 1)...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        {
            var line = 0
            for digit in bytes[(colon + 1)...] { line = line * 10 + Int(digit - UInt8(ascii: "0")) }
            self.init(input: String(decoding: bytes[..<colon], as: UTF8.self), line: line)
        } else {
            self.init(input: text)
        }
    }
}
