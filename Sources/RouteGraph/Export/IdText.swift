/// Parts of an id cut from a packed graph's bytes, as the flat tables cut them from `String`s: the
/// table code was written with `String` operations, which count `Character`s, so a cut made on
/// bytes must fall where the `Character` cut falls. For ASCII text (every id the collectors make)
/// the two agree, bar CR LF, which is one `Character`; other text takes the `String` path, at the
/// price of a `String`, so that the bytes stay exactly those of before.
enum IdText {
    /// A part of an id: bytes of the packed graph, a `String` where it had to be cut the slow way,
    /// or no value at all (an empty field).
    enum Cut {
        case bytes(UnsafeBufferPointer<UInt8>)
        case string(String)
        case missing
    }

    /// Whether every byte is ASCII, and (with `noCR`) none a carriage return.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, noCR: Bool = false) -> Bool {
        for byte in bytes where byte >= 0x80 || (noCR && byte == 0x0D) { return false }
        return true
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// `String(id.dropFirst(count))`.
    static func droppingFirst(_ count: Int, of id: UnsafeBufferPointer<UInt8>) -> Cut {
        // The first `count` Characters are `count` bytes when these bytes and the next are ASCII
        // other than CR (which would join a following LF).
        if isASCII(UnsafeBufferPointer(rebasing: id.prefix(count + 1)), noCR: true) {
            return .bytes(UnsafeBufferPointer(rebasing: id.dropFirst(count)))
        }
        return .string(String(string(id).dropFirst(count)))
    }

    /// `GatewayRoutesTable.idWithoutPrefix`: the id after its first `:`, or all of it.
    static func withoutPrefix(_ id: UnsafeBufferPointer<UInt8>) -> Cut {
        guard isASCII(id) else { return .string(GatewayRoutesTable.idWithoutPrefix(string(id))) }
        guard let colon = id.firstIndex(of: UInt8(ascii: ":")) else { return .bytes(id) }
        return .bytes(UnsafeBufferPointer(rebasing: id[(colon + 1)...]))
    }

    /// The last non-empty `:`-separated part of `withoutPrefix(id)`, as `split(separator: ":").last`.
    static func lastPart(_ id: UnsafeBufferPointer<UInt8>) -> Cut {
        guard isASCII(id) else {
            return GatewayRoutesTable.idWithoutPrefix(string(id)).split(separator: ":").last.map { .string(String($0)) } ?? .missing
        }
        guard case .bytes(let rest) = withoutPrefix(id) else { return .missing }
        var end = rest.count
        while end > 0 && rest[end - 1] == UInt8(ascii: ":") { end -= 1 }
        guard end > 0 else { return .missing }
        var start = end
        while start > 0 && rest[start - 1] != UInt8(ascii: ":") { start -= 1 }
        return .bytes(UnsafeBufferPointer(rebasing: rest[start..<end]))
    }

    /// `GatewayRoutesTable.gateway(ofScopedId:kind:)`: the part between the kind's prefix and the
    /// last `:`.
    static func scopeGateway(_ id: UnsafeBufferPointer<UInt8>, kind: NodeKind) -> Cut {
        let prefixCount = kind.idPrefix.count
        guard isASCII(id, noCR: true) else {
            return GatewayRoutesTable.gateway(ofScopedId: string(id), kind: kind).map { .string($0) } ?? .missing
        }
        let rest = UnsafeBufferPointer(rebasing: id.dropFirst(prefixCount))
        guard let colon = rest.lastIndex(of: UInt8(ascii: ":")) else { return .missing }
        return .bytes(UnsafeBufferPointer(rebasing: rest[..<colon]))
    }
}

extension IdText.Cut {
    /// Appends the text, nothing for `.missing`.
    func append(to out: inout TextBuffer) {
        switch self {
        case .bytes(let bytes): out.append(bytes)
        case .string(let text): out.append(string: text)
        case .missing: break
        }
    }
}
