/// A destination CIDR in normal form: IPv4 as a dotted quad without leading zeros, IPv6 compressed
/// in lower case (RFC 5952), the prefix length kept as written. Host bits are not cleared: the
/// archive says what the route table said, and routegraph shows it.
public struct CIDR: Sendable, Hashable {
    /// The normal form, `address/prefix`: the `cidr:` node id and the `cidr` attribute.
    public var text: String
    /// 4 or 6.
    public var family: Int
    /// The prefix length, 0–32 for IPv4, 0–128 for IPv6.
    public var prefixLength: Int

    /// Parses `address/prefix`; nil when the text is not a CIDR.
    public init?(_ raw: String) {
        if let fast = CIDR.plainIPv4(raw) ?? CIDR.plainIPv6(raw) {
            self = fast
            return
        }
        guard let parsed = CIDR(parsingCharacters: raw) else { return nil }
        self = parsed
    }

    /// Parses `address/prefix` by Characters: every text the fast paths from bytes leave, and the
    /// rule those paths must agree with where they give an answer.
    init?(parsingCharacters raw: String) {
        let trimmed = raw.trimmingASCIIWhitespace()
        guard let slash = trimmed.firstIndex(of: "/") else { return nil }
        let address = trimmed[..<slash]
        let prefixText = trimmed[trimmed.index(after: slash)...]
        guard !prefixText.isEmpty, prefixText.count <= 3, prefixText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let prefix = Int(prefixText)
        else { return nil }
        if let v4 = CIDR.parseIPv4(address) {
            guard prefix <= 32 else { return nil }
            text = v4.map(String.init).joined(separator: ".") + "/\(prefix)"
            family = 4
        } else if let v6 = CIDR.parseIPv6(address) {
            guard prefix <= 128 else { return nil }
            text = CIDR.formatIPv6(v6) + "/\(prefix)"
            family = 6
        } else {
            return nil
        }
        prefixLength = prefix
    }

    /// The common case read straight from the bytes: an IPv4 CIDR in normal form (ASCII digits
    /// without leading zeros, dots, a slash, nothing around it), kept as the text it already is.
    /// Nil for anything else, which the general parser then reads.
    private static func plainIPv4(_ raw: String) -> CIDR? {
        var raw = raw
        let prefix = raw.withUTF8 { b -> Int? in
            var i = 0
            /// 1 to 3 digits without a leading zero, as a number.
            func number() -> Int? {
                let start = i
                var value = 0
                while i < b.count, i - start < 4, b[i] &- 0x30 < 10 {
                    value = value * 10 + Int(b[i] &- 0x30)
                    i += 1
                }
                let digits = i - start
                guard digits >= 1, digits <= 3, digits == 1 || b[start] != 0x30 else { return nil }
                return value
            }
            for separator: UInt8 in [0x2E, 0x2E, 0x2E, 0x2F] {
                guard let octet = number(), octet <= 255, i < b.count, b[i] == separator else { return nil }
                i += 1
            }
            guard let prefix = number(), prefix <= 32, i == b.count else { return nil }
            return prefix
        }
        guard let prefix else { return nil }
        return CIDR(text: raw, family: 4, prefixLength: prefix)
    }

    init(text: String, family: Int, prefixLength: Int) {
        self.text = text
        self.family = family
        self.prefixLength = prefixLength
    }

    static func parseIPv4<S: StringProtocol>(_ s: S) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = UInt8(p) else { return nil }
            out.append(v)
        }
        return out
    }

    static func parseIPv6<S: StringProtocol>(_ s: S) -> [UInt16]? {
        let text = String(s).lowercased()
        guard text.contains(":"), !text.contains(":::") else { return nil }
        var halves: [String] = []
        if let range = text.firstRange(of: "::") {
            halves = [String(text[..<range.lowerBound]), String(text[range.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        } else {
            halves = [text]
        }
        func groups(_ part: String, allowIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, f) in fields.enumerated() {
                if allowIPv4, i == fields.count - 1, f.contains(".") {
                    guard let v4 = parseIPv4(f) else { return nil }
                    out.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    out.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                } else {
                    guard (1...4).contains(f.count), let v = UInt16(f, radix: 16) else { return nil }
                    out.append(v)
                }
            }
            return out
        }
        if halves.count == 1 {
            guard let g = groups(halves[0], allowIPv4: true), g.count == 8 else { return nil }
            return g
        }
        guard let head = groups(halves[0], allowIPv4: false), let tail = groups(halves[1], allowIPv4: true),
            head.count + tail.count <= 7
        else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    /// RFC 5952: lower-case hex, no leading zeros, the longest run of two or more zero groups
    /// (the first of equal runs) written `::`; IPv4-mapped (`::ffff:0:0/96`) and IPv4-translated
    /// (`::ffff:0:0:0/96`) addresses in mixed notation, as its section 5 recommends.
    /// Where RFC 5952 puts `::` among the eight groups `group(0)…group(7)`: the longest run of two
    /// or more zero groups, the first of equal runs; start -1 when there is none.
    static func longestZeroRun(_ group: (Int) -> UInt16) -> (start: Int, length: Int) {
        var bestStart = -1, bestLength = 0, i = 0
        while i < 8 {
            if group(i) == 0 {
                var j = i
                while j < 8, group(j) == 0 { j += 1 }
                if j - i > bestLength, j - i >= 2 {
                    bestStart = i
                    bestLength = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        return (bestStart, bestLength)
    }

    static func formatIPv6(_ g: [UInt16]) -> String {
        if g[0..<4].allSatisfy({ $0 == 0 }) {
            let v4 = "\(g[6] >> 8).\(g[6] & 0xFF).\(g[7] >> 8).\(g[7] & 0xFF)"
            if g[4] == 0, g[5] == 0xFFFF { return "::ffff:" + v4 }
            if g[4] == 0xFFFF, g[5] == 0 { return "::ffff:0:" + v4 }
        }
        let (bestStart, bestLength) = longestZeroRun { g[$0] }
        let hex = g.map { String($0, radix: 16) }
        if bestStart < 0 { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
