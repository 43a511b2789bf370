/// Keys that a reader looks up together in one kind of object, found by `Element.lookUp` in one
/// pass over the object's members. Looking each up with `Element[key]` scans the object once per
/// key: a route's `Data` has about forty members and a reader wants a dozen or more of them.
///
/// Conformers are enums whose cases are named after the keys, in lower camel case, with raw
/// values 0, 1, 2, … in order: keys match whatever the case of their first letter, so the case
/// `vpnConnectionId` finds the member `VpnConnectionId` exactly as `element["VpnConnectionId"]`
/// would.
protocol ObjectKeySet: RawRepresentable, CaseIterable where RawValue == Int {
    /// The keys laid out for matching, made once: `ObjectKeys(Self.self)`.
    static var keys: ObjectKeys { get }
}

/// The names of an `ObjectKeySet` laid out for matching member keys against all of them at once:
/// grouped by length, so a member key is compared only with the keys as long as it.
final class ObjectKeys: @unchecked Sendable {
    /// The most keys a set may have (the size of `ObjectMembers`' table).
    static let capacity = 32

    /// The keys, by raw value.
    let names: [String]
    /// The longest key's length in bytes.
    let longest: Int
    /// The keys' UTF-8 back to back, key `k` from `starts[k]`.
    let bytes: UnsafeMutablePointer<UInt8>
    let starts: UnsafeMutablePointer<Int>
    /// Key numbers ordered by length: those of length `n` are `byLength[lengthStarts[n]..<lengthStarts[n + 1]]`.
    let byLength: UnsafeMutablePointer<Int>
    let lengthStarts: UnsafeMutablePointer<Int>

    /// Lays out the case names of `Key`. A name that is not plain ASCII letters and digits means
    /// the names could not be read as written, and stops the program at once rather than match
    /// other keys.
    convenience init<Key: ObjectKeySet>(_: Key.Type) {
        let cases = Array(Key.allCases)
        for (position, key) in cases.enumerated() {
            precondition(key.rawValue == position, "\(Key.self): raw values must be 0, 1, 2, … in order")
        }
        self.init(names: cases.map { String(describing: $0) })
    }

    /// Lays out `names`, which must be ASCII letters and digits starting with a letter.
    init(names: [String]) {
        precondition(names.count <= Self.capacity, "more than \(Self.capacity) keys in one set")
        for name in names {
            precondition(
                name.utf8.first.map { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } == true
                    && name.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 &- 0x30 < 10 },
                "key \(name.debugDescription) is not a name")
        }
        self.names = names
        let lengths = names.map { $0.utf8.count }
        longest = lengths.max() ?? 0
        bytes = .allocate(capacity: max(1, lengths.reduce(0, +)))
        starts = .allocate(capacity: names.count + 1)
        var offset = 0
        for (k, name) in names.enumerated() {
            starts[k] = offset
            for byte in name.utf8 {
                bytes[offset] = byte
                offset += 1
            }
        }
        starts[names.count] = offset
        byLength = .allocate(capacity: max(1, names.count))
        lengthStarts = .allocate(capacity: longest + 2)
        var position = 0
        for length in 0...longest {
            lengthStarts[length] = position
            for k in names.indices where lengths[k] == length {
                byLength[position] = k
                position += 1
            }
        }
        lengthStarts[longest + 1] = position
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        byLength.deallocate()
        lengthStarts.deallocate()
    }

    var count: Int { names.count }
}

/// What `Element.lookUp` found in an object: for each key of `Key`, the value of the first member
/// that matches it, as `Element[key]` gives it.
struct ObjectMembers<Key: ObjectKeySet> {
    let tape: Tape
    /// The tape index of each key's value, by raw value; 0 (the root word, never a member's value)
    /// for a key the object lacks.
    fileprivate var found = InlineArray<32, Int>(repeating: 0)

    init(tape: Tape) { self.tape = tape }

    subscript(key: Key) -> Element? {
        let index = found[key.rawValue]
        return index == 0 ? nil : Element(tape: tape, index: index)
    }
}

extension Element {
    /// The values under every key of `Key` in this object, found in one pass over its members;
    /// each is what `self[key]` would give: the first member whose key matches, regardless of the
    /// case of its first letter. Nothing is found when this is not an object.
    func lookUp<Key: ObjectKeySet>(_: Key.Type) -> ObjectMembers<Key> {
        var members = ObjectMembers<Key>(tape: tape)
        guard isObject else { return members }
        let keys = Key.keys
        let words = tape.words, strings = tape.strings
        var missing = keys.count
        var i = index + 1
        let stop = end - 1
        while i < stop, missing > 0 {
            if let name = Element.stringBytes(words[i], strings), name.count <= keys.longest {
                for j in keys.lengthStarts[name.count]..<keys.lengthStarts[name.count + 1] {
                    let k = keys.byLength[j]
                    guard members.found[k] == 0 else { continue }
                    let wanted = UnsafeBufferPointer(start: keys.bytes + keys.starts[k], count: name.count)
                    if Element.keysMatch(name, wanted) {
                        members.found[k] = i + 1
                        missing -= 1
                    }
                }
            }
            i = Element.end(of: words, at: i + 1)
        }
        return members
    }
}
