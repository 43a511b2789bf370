/// The attributes of one node or edge: a handful of values, kept in a small array because a
/// graph holds millions of them and a dictionary each would cost several times the memory.
public struct Attributes: Sendable, Hashable {
    private var entries: [Entry] = []

    // The value first: an attribute after it fits in the value's padding (24 bytes an entry, not 32).
    struct Entry: Sendable, Hashable {
        fileprivate(set) var value: AttributeValue
        fileprivate(set) var attribute: Attribute

        /// Where the `String` of a `.string` value lies within an entry, for readers that take
        /// its bytes in place rather than copy it out (and retain it). The layout is the
        /// compiler's, so it is checked, once, rather than assumed.
        static let stringOffset: Int = {
            let offset = MemoryLayout<Entry>.offset(of: \Entry.value)!
            let text = String(repeating: "layout check ", count: 4)
            let entry = Entry(value: .string(text), attribute: .name)
            let stored = withUnsafeBytes(of: entry) { $0.loadUnaligned(fromByteOffset: offset, as: (UInt64, UInt64).self) }
            precondition(stored == unsafeBitCast(text, to: (UInt64, UInt64).self), "an attribute's string is not where packing reads it")
            return offset
        }()
    }

    /// No attributes.
    public init() {}

    /// No attributes yet, with room for `capacity` without growing: growing by doubling would
    /// leave most of a million edges' arrays part empty.
    init(capacity: Int) {
        if capacity > 0 { entries.reserveCapacity(capacity) }
    }

    /// The value of `attribute`, or nil where the node or edge has none.
    public subscript(attribute: Attribute) -> AttributeValue? {
        get { index(of: attribute).map { entries[$0].value } }
        set {
            if let i = index(of: attribute) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(Entry(value: newValue, attribute: attribute))
            }
        }
    }

    /// Where `attribute` is among the entries. Found in place: through `firstIndex(where:)`, each
    /// entry looked at was copied, its string retained and released.
    private func index(of attribute: Attribute) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            for i in entries.indices where entries[i].attribute == attribute { return i }
            return nil
        }
    }

    /// Sets a string attribute; an absent or empty string leaves the attribute out, as every format
    /// writes missing values by leaving them out.
    public mutating func set(_ attribute: Attribute, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        // Overlays mostly set what a node has already (a service or gateway named by route after
        // route): compared first, the same bytes are left in place, and the new string is neither
        // retained nor the old one released, on strings the other building thread retains and
        // releases too. Bytes, not `==`, which holds for canonically equivalent spellings: the
        // later spelling still replaces the earlier, as every format writes the bytes.
        let (found, same) = entries.withUnsafeBufferPointer { entries -> (Int?, Bool) in
            for i in entries.indices where entries[i].attribute == attribute {
                guard case .string(let old) = entries[i].value else { return (i, false) }
                return (i, ByteOrder.sameUTF8(old, value))
            }
            return (nil, false)
        }
        if let i = found {
            if !same { entries[i].value = .string(value) }
        } else {
            entries.append(Entry(value: .string(value), attribute: attribute))
        }
    }

    /// Sets an integer attribute when there is a value.
    public mutating func set(_ attribute: Attribute, _ value: Int64?) {
        if let value { self[attribute] = .integer(value) }
    }

    /// Sets a boolean attribute when there is a value.
    public mutating func set(_ attribute: Attribute, _ value: Bool?) {
        if let value { self[attribute] = .boolean(value) }
    }

    /// Adds a string attribute these attributes do not have yet, leaving out an absent or empty
    /// value as `set` does; skips `set`'s search, for attributes being filled from scratch.
    mutating func add(_ attribute: Attribute, _ value: String?) {
        assert(self[attribute] == nil)
        if let value, !value.isEmpty { entries.append(Entry(value: .string(value), attribute: attribute)) }
    }

    /// `add` for an integer attribute.
    mutating func add(_ attribute: Attribute, _ value: Int64?) {
        assert(self[attribute] == nil)
        if let value { entries.append(Entry(value: .integer(value), attribute: attribute)) }
    }

    /// `add` for a boolean attribute.
    mutating func add(_ attribute: Attribute, _ value: Bool?) {
        assert(self[attribute] == nil)
        if let value { entries.append(Entry(value: .boolean(value), attribute: attribute)) }
    }

    /// Takes every attribute `other` has, keeping ours where `other` has none.
    public mutating func overlay(_ other: Attributes) {
        for entry in other.entries { self[entry.attribute] = entry.value }
    }

    /// Whether `other` holds the same values in the same order, strings the same bytes (not `==`,
    /// which holds for canonically equivalent spellings). The same values set in another order are
    /// not identical, so false means "perhaps different", never "the same".
    func isIdentical(to other: Attributes) -> Bool {
        guard entries.count == other.entries.count else { return false }
        for (a, b) in zip(entries, other.entries) {
            guard a.attribute == b.attribute else { return false }
            switch (a.value, b.value) {
            case (.string(let x), .string(let y)): guard ByteOrder.sameUTF8(x, y) else { return false }
            case (.integer(let x), .integer(let y)): guard x == y else { return false }
            case (.boolean(let x), .boolean(let y)): guard x == y else { return false }
            default: return false
            }
        }
        return true
    }

    /// The same attributes in the same order, each value replaced by `transform`'s: one array of
    /// the right size, where setting them one by one searched the array and grew it.
    func mapValues(_ transform: (Attribute, AttributeValue) throws -> AttributeValue) rethrows -> Attributes {
        var result = Attributes()
        result.entries = try entries.map { Entry(value: try transform($0.attribute, $0.value), attribute: $0.attribute) }
        return result
    }

    /// The attributes present, in no particular order.
    public var all: [(Attribute, AttributeValue)] { entries.map { ($0.attribute, $0.value) } }

    /// Calls `body` with each attribute present, in no particular order; unlike `all`, builds no array.
    public func forEach(_ body: (Attribute, AttributeValue) throws -> Void) rethrows {
        for entry in entries { try body(entry.attribute, entry.value) }
    }

    /// Calls `body` with the attributes in place, in no particular order: the values are read
    /// where they are, for the packing of a whole graph, which reads every value once.
    func withEntries<R>(_ body: (UnsafeBufferPointer<Entry>) -> R) -> R {
        entries.withUnsafeBufferPointer(body)
    }

    /// True when no attribute is set.
    public var isEmpty: Bool { entries.isEmpty }

    /// A copy without provenance, for comparing facts regardless of where they were read.
    public var withoutProvenance: Attributes {
        var copy = self
        copy.entries.removeAll { $0.attribute.isProvenance }
        return copy
    }

    public static func == (lhs: Attributes, rhs: Attributes) -> Bool {
        lhs.entries.count == rhs.entries.count && lhs.entries.allSatisfy { rhs[$0.attribute] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with ==.
        var combined = 0
        for entry in entries {
            var h = Hasher()
            h.combine(entry)
            combined ^= h.finalize()
        }
        hasher.combine(combined)
    }
}
