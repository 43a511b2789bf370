/// Keys that a reader looks up together in one kind of object, found by `Element.lookUp` in one
/// pass over the object's members. Looking each up with `Element[key]` scans the object once per
/// key: a route's `Data` has about forty members and a reader wants a dozen or more of them.
///
/// Conformers are enums whose cases are named after the keys, in lower camel case, with raw
/// values 0, 1, 2, … in order: keys match whatever the case of their first letter, so the case
/// `vpnConnectionId` finds the member `VpnConnectionId` exactly as `element["VpnConnectionId"]`
/// would.
protocol ObjectKeySet: RawRepresentable, CaseIterable where RawValue == Int {}

/// The names of an `ObjectKeySet` in a small hash table, so that each member key of an object is
/// matched against all of them with one probe. Readers make one per thread and keep it: a
/// `static let` would be reached through `swift_once`, which costs on Linux about as much as a
/// scan of a small object.
final class ObjectKeys<Key: ObjectKeySet>: @unchecked Sendable {
    /// The most keys a set may have (the size of `ObjectMembers`' table).
    static var capacity: Int { 32 }
    private static var slots: Int { 64 }

    /// The keys, by raw value.
    let names: [String]
    /// The longest key's length in bytes.
    let longest: Int
    /// The keys' UTF-8 back to back, key `k` from `starts[k]`.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>
    /// Per slot: the signature and length of the keys there, and the first key's number plus
    /// one (0 for a free slot).
    private let slotSignature: UnsafeMutablePointer<UInt64>
    private let slotLength: UnsafeMutablePointer<Int>
    private let slotKey: UnsafeMutablePointer<Int>
    /// Per key: the next key number plus one with the same signature and length (`ab`, `Ab`), or 0.
    private let next: UnsafeMutablePointer<Int>

    /// Lays out the case names of `Key`. A name that is not plain ASCII letters and digits means
    /// the names could not be read as written, and stops the program at once rather than match
    /// other keys.
    init() {
        let cases = Array(Key.allCases)
        for (position, key) in cases.enumerated() {
            precondition(key.rawValue == position, "\(Key.self): raw values must be 0, 1, 2, … in order")
        }
        let names = cases.map { String(describing: $0) }
        precondition(names.count <= Self.capacity, "more than \(Self.capacity) keys in one set")
        for name in names {
            precondition(
                name.utf8.first.map { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } == true
                    && name.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 &- 0x30 < 10 },
                "key \(name.debugDescription) is not a name")
        }
        self.names = names
        longest = names.map(\.utf8.count).max() ?? 0
        bytes = .allocate(capacity: max(1, names.reduce(0) { $0 + $1.utf8.count }))
        starts = .allocate(capacity: names.count + 1)
        next = .allocate(capacity: max(1, names.count))
        slotSignature = .allocate(capacity: Self.slots)
        slotLength = .allocate(capacity: Self.slots)
        slotKey = .allocate(capacity: Self.slots)
        slotKey.initialize(repeating: 0, count: Self.slots)
        slotLength.initialize(repeating: 0, count: Self.slots)
        slotSignature.initialize(repeating: 0, count: Self.slots)
        var offset = 0
        for (k, name) in names.enumerated() {
            starts[k] = offset
            for byte in name.utf8 {
                bytes[offset] = byte
                offset += 1
            }
        }
        starts[names.count] = offset
        // Placed last first, so that each chain lists its keys in raw-value order.
        for k in names.indices.reversed() {
            let length = starts[k + 1] - starts[k]
            let signature = Self.signature(bytes + starts[k], length)
            var slot = Self.slot(signature, length)
            while slotKey[slot] != 0, slotLength[slot] != length || slotSignature[slot] != signature {
                slot = (slot + 1) & (Self.slots - 1)
            }
            next[k] = slotKey[slot]
            slotKey[slot] = k + 1
            slotLength[slot] = length
            slotSignature[slot] = signature
        }
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        next.deallocate()
        slotSignature.deallocate()
        slotLength.deallocate()
        slotKey.deallocate()
    }

    var count: Int { names.count }

    /// Up to eight of the key's bytes, read without going past its end, with a first letter in
    /// lower case: a key matches only keys with its signature.
    @inline(__always)
    private static func signature(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var s: UInt64
        if n >= 8 {
            s = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        } else if n > 4 {
            // The two loads overlap; neither second one holds the first byte.
            s = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
                | UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))) << 32
        } else if n == 4 {
            s = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
        } else {
            s = 0
            for i in 0..<n { s |= UInt64(p[i]) << UInt64(8 * i) }
        }
        if n > 0 {
            let folded = p[0] | 0x20
            if folded >= 0x61, folded <= 0x7A { s = s & ~0xFF | UInt64(folded) }
        }
        return s
    }

    @inline(__always)
    private static func slot(_ signature: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: ((signature ^ UInt64(truncatingIfNeeded: length) &* 0x1_0000_01B3) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// The number plus one of the first key with the signature and length of `name`, or 0. Up to
    /// eight bytes the signature is the whole key, so these keys match `name` as `Element.keysMatch`
    /// does; longer ones match where `restMatches` says so too.
    @inline(__always)
    func chain(of name: UnsafeBufferPointer<UInt8>) -> Int {
        let n = name.count
        guard n > 0, n <= longest, let p = name.baseAddress else { return 0 }
        let signature = Self.signature(p, n)
        var slot = Self.slot(signature, n)
        while slotKey[slot] != 0 {
            if slotLength[slot] == n, slotSignature[slot] == signature { return slotKey[slot] }
            slot = (slot + 1) & (Self.slots - 1)
        }
        return 0
    }

    /// The number plus one of the key after `k` in its chain, or 0.
    @inline(__always)
    func key(after k: Int) -> Int { next[k] }

    /// Whether the bytes of `name` past its eighth equal those of key `k`, which has its length.
    @inline(__always)
    func restMatches(_ name: UnsafeBufferPointer<UInt8>, key k: Int) -> Bool {
        let n = name.count
        guard n > 8, let p = name.baseAddress else { return true }
        let a = UnsafeRawPointer(p), b = UnsafeRawPointer(bytes + starts[k])
        var offset = 8
        while offset + 8 < n {
            guard a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else {
                return false
            }
            offset += 8
        }
        // The last eight bytes, overlapping the ones compared (never the first byte, as n > 8).
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
}

/// What `Element.lookUp` found in an object: for each key of `Key`, the value of the first member
/// that matches it, as `Element[key]` gives it.
struct ObjectMembers<Key: ObjectKeySet> {
    private let tape: Tape
    private let object: Int
    /// Each key's value as its tape index past the object's, by raw value; 0 (the object's own
    /// word, never a member's value) for a key the object lacks.
    fileprivate var found = InlineArray<32, UInt32>(repeating: 0)

    fileprivate init(_ object: Element) {
        tape = object.tape
        self.object = object.index
    }

    subscript(key: Key) -> Element? {
        let offset = found[key.rawValue]
        return offset == 0 ? nil : Element(tape: tape, index: object + Int(offset))
    }
}

extension Element {
    /// The values under every key of `keys` in this object, found in one pass over its members;
    /// each is what `self[key]` would give: the first member whose key matches, regardless of the
    /// case of its first letter. Nothing is found when this is not an object.
    func lookUp<Key>(_ keys: ObjectKeys<Key>) -> ObjectMembers<Key> {
        var members = ObjectMembers<Key>(self)
        guard isObject else { return members }
        let stop = end - 1
        guard stop - index < Int(UInt32.max) else {
            // Offsets past 32 bits: an object of billions of words, looked up key by key.
            for (k, name) in keys.names.enumerated() { if let value = self[name] { members.found[k] = UInt32(value.index - index) } }
            return members
        }
        let words = tape.words, strings = tape.strings
        var missing = keys.count
        var i = index + 1
        while i < stop, missing > 0 {
            if let name = Element.stringBytes(words[i], strings) {
                var k = keys.chain(of: name) - 1
                while k >= 0 {
                    if members.found[k] == 0, keys.restMatches(name, key: k) {
                        members.found[k] = UInt32(truncatingIfNeeded: i + 1 - index)
                        missing -= 1
                    }
                    k = keys.key(after: k) - 1
                }
            }
            i = Element.end(of: words, at: i + 1)
        }
        return members
    }
}
