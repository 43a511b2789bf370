/// One value of a parsed document, read in place on its tape.
///
/// Accessors are lenient in the ways saved responses differ (SHAPES.md, section 4): numbers and
/// booleans may be written as strings, and key lookup ignores the case of the first letter
/// (`VpnConnectionId` and `vpnConnectionId` are one key). Nothing here allocates except the
/// decoding of a string the caller asks for.
struct Element {
    let tape: Tape
    let index: Int

    private var word: UInt64 { tape.words[index] }
    private var payload: UInt64 { word & 0x00FF_FFFF_FFFF_FFFF }

    var type: TapeType { TapeType(rawValue: typeByte) ?? .null }

    /// The type character, for the checks every lookup makes (cheaper than making a `TapeType`).
    private var typeByte: UInt8 { UInt8(truncatingIfNeeded: word >> 56) }

    var isObject: Bool { typeByte == TapeType.startObject.rawValue }
    var isArray: Bool { typeByte == TapeType.startArray.rawValue }
    var isString: Bool { typeByte == TapeType.string.rawValue }
    var isNull: Bool { type == .null }

    /// The tape index just past this value.
    var end: Int { Element.end(of: tape.words, at: index) }

    // MARK: Strings

    /// The bytes of a string value, in place.
    var stringBytes: UnsafeBufferPointer<UInt8>? {
        guard isString else { return nil }
        let start = tape.strings + Int(truncatingIfNeeded: payload)
        let length = UnsafeRawPointer(start).loadUnaligned(as: UInt32.self)
        return UnsafeBufferPointer(start: start + 4, count: Int(UInt32(littleEndian: length)))
    }

    /// The value of a string.
    var string: String? {
        guard let bytes = stringBytes else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A scalar as text: strings as they are, numbers in decimal, booleans as `true`/`false`.
    /// Nil for null, objects and arrays.
    var text: String? {
        switch type {
        case .string: string
        case .int64: String(Int64(bitPattern: tape.words[index + 1]))
        case .uint64: String(tape.words[index + 1])
        case .double: String(Double(bitPattern: tape.words[index + 1]))
        case .true: "true"
        case .false: "false"
        default: nil
        }
    }

    /// A scalar as text with surrounding white space removed; nil when that leaves nothing.
    var trimmedText: String? {
        if let bytes = stringBytes, let trimmed = Element.trimmedASCII(bytes) {
            return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
        }
        guard let t = text else { return nil }
        let trimmed = t.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    // MARK: Numbers

    /// An exact 64-bit integer: from an integer, from a string of digits, or from a number written
    /// with a fraction of zero that is small enough to be exact. Never through a Double otherwise.
    var int64: Int64? {
        switch type {
        case .int64: return Int64(bitPattern: tape.words[index + 1])
        case .uint64:
            let value = tape.words[index + 1]
            return value <= UInt64(Int64.max) ? Int64(value) : nil
        case .double:
            let value = Double(bitPattern: tape.words[index + 1])
            guard value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
            return Int64(value)
        case .string:
            guard let bytes = stringBytes else { return nil }
            return Element.parseInteger(bytes)
        default: return nil
        }
    }

    /// A boolean: `true`/`false` as JSON or as text in any case, or 1/0.
    var bool: Bool? {
        switch type {
        case .true: return true
        case .false: return false
        case .int64, .uint64: return int64.map { $0 != 0 }
        case .string:
            switch trimmedText?.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Parses optional white space, an optional sign and decimal digits; nil for anything else or
    /// a value outside 64 bits.
    static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0, end = bytes.count
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        var negative = false
        if i < end, bytes[i] == 0x2D || bytes[i] == 0x2B {
            negative = bytes[i] == 0x2D
            i += 1
        }
        guard i < end else { return nil }
        var value: Int64 = 0
        while i < end {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = a
            i += 1
        }
        return negative ? -value : value
    }

    // MARK: Containers

    /// The value under `key` in an object, matching the key without regard to the case of its
    /// first letter; nil when this is not an object or has no such key.
    subscript(key: String) -> Element? {
        guard isObject else { return nil }
        var keyCopy = key
        return keyCopy.withUTF8 { wanted in
            // Walks the raw words, building an Element only for the answer: this runs for every
            // field of every record, and copies of an Element retain its tape's owner.
            let words = tape.words, strings = tape.strings
            var i = index + 1
            let stop = end - 1
            while i < stop {
                if let bytes = Element.stringBytes(words[i], strings), Element.keysMatch(bytes, wanted) {
                    return Element(tape: tape, index: i + 1)
                }
                i = Element.end(of: words, at: i + 1)
            }
            return nil
        }
    }

    /// The bytes of the string whose tape word is `word`; nil for any other type.
    @inline(__always)
    static func stringBytes(_ word: UInt64, _ strings: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard UInt8(truncatingIfNeeded: word >> 56) == TapeType.string.rawValue else { return nil }
        let start = strings + Int(truncatingIfNeeded: word & 0x00FF_FFFF_FFFF_FFFF)
        let length = UnsafeRawPointer(start).loadUnaligned(as: UInt32.self)
        return UnsafeBufferPointer(start: start + 4, count: Int(UInt32(littleEndian: length)))
    }

    /// `end` of the value at `index`, from the words alone.
    @inline(__always)
    static func end(of words: UnsafePointer<UInt64>, at index: Int) -> Int {
        let word = words[index]
        switch UInt8(truncatingIfNeeded: word >> 56) {
        case TapeType.startObject.rawValue, TapeType.startArray.rawValue: return Int(truncatingIfNeeded: word & 0xFFFF_FFFF)
        case TapeType.int64.rawValue, TapeType.uint64.rawValue, TapeType.double.rawValue: return index + 2
        default: return index + 1
        }
    }

    /// The first byte of the first key of an object; nil for an empty object or anything else.
    var firstKeyByte: UInt8? {
        guard type == .startObject, index + 1 < end - 1 else { return nil }
        return Element(tape: tape, index: index + 1).stringBytes?.first
    }

    /// The first of several keys that is present: for fields documented under more than one name.
    func first(_ keys: String...) -> Element? {
        for key in keys { if let value = self[key] { return value } }
        return nil
    }

    /// Whether a member's key `a` is the key `b`: equal bytes, but for the case of a first letter.
    @inline(__always)
    static func keysMatch(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count, a.count > 0 else { return a.count == b.count }
        if a[0] != b[0] && (a[0] | 0x20) != (b[0] | 0x20) { return false }
        if a[0] != b[0], !((a[0] | 0x20) >= 0x61 && (a[0] | 0x20) <= 0x7A) { return false }
        var i = 1
        while i < a.count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The members of an object as (key, value), in document order.
    var members: [(key: String, value: Element)] {
        guard type == .startObject else { return [] }
        var result: [(String, Element)] = []
        var i = index + 1
        let stop = end - 1
        while i < stop {
            let value = Element(tape: tape, index: i + 1)
            result.append((Element(tape: tape, index: i).string ?? "", value))
            i = value.end
        }
        return result
    }

    /// Calls `body` with each member of an object, its key's bytes in place and its value, in
    /// document order: `members` without a `String` made per key.
    func forEachMember<E: Error>(_ body: (UnsafeBufferPointer<UInt8>, Element) throws(E) -> Void) throws(E) {
        guard type == .startObject else { return }
        var i = index + 1
        let stop = end - 1
        while i < stop {
            let value = Element(tape: tape, index: i + 1)
            try body(Element(tape: tape, index: i).stringBytes ?? UnsafeBufferPointer(start: nil, count: 0), value)
            i = value.end
        }
    }

    /// The number of members of an object or elements of an array; 0 for anything else.
    var count: Int {
        switch type {
        case .startObject: memberCount
        case .startArray: tapeCount ?? elements.count
        default: 0
        }
    }

    /// The count the tape keeps with an object or array (simdjson's layout: bits 32-55 of the
    /// opening word, which both parsers write), unless it is saturated, where only walking the
    /// values tells.
    private var tapeCount: Int? {
        let count = Int(truncatingIfNeeded: (word >> 32) & 0xFF_FFFF)
        return count < 0xFF_FFFF ? count : nil
    }

    /// The number of members of an object, counted on the tape; 0 for anything else.
    var memberCount: Int {
        guard isObject else { return 0 }
        if let count = tapeCount { return count }
        var count = 0
        var i = index + 1
        let stop = end - 1
        while i < stop {
            count += 1
            i = Element.end(of: tape.words, at: i + 1)
        }
        return count
    }

    /// The elements of an array, in order; empty for anything else.
    var elements: [Element] {
        guard type == .startArray else { return [] }
        var result: [Element] = []
        // Sized once: grown by doubling, the arrays of a page's entries and of each route's
        // services were reallocated several times each (1% of a run).
        result.reserveCapacity(tapeCount ?? 0)
        var i = index + 1
        let stop = end - 1
        while i < stop {
            let element = Element(tape: tape, index: i)
            result.append(element)
            i = element.end
        }
        return result
    }
}

extension Element {
    /// The bytes without leading and trailing spaces, tabs, CRs and LFs, when that is certain to
    /// equal `trimmingASCIIWhitespace()` of their text; nil when it is not (then the caller trims
    /// by Characters). That trim works on grapheme clusters, where a space next to a non-ASCII
    /// scalar may belong to one cluster with it and so stay; next to ASCII (or the string's edge)
    /// every space, tab, CR or LF is a cluster of its own or part of a CR LF, and goes.
    static func trimmedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        @inline(__always) func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var lo = 0, hi = bytes.count
        while lo < hi, space(bytes[lo]) { lo += 1 }
        while hi > lo, space(bytes[hi - 1]) { hi -= 1 }
        if lo > 0, lo < bytes.count, bytes[lo] >= 0x80 { return nil }
        if hi < bytes.count, hi > 0, bytes[hi - 1] >= 0x80 { return nil }
        return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and line feeds.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
