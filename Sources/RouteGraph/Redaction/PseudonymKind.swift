/// What a pseudonym stands for. Each kind has its own table and its own readable form, and the
/// kind is hashed with the value, so one string in two roles (a name that equals a path) gets
/// unrelated pseudonyms.
enum PseudonymKind: String, Sendable, CaseIterable {
    /// Resource ids: gateways (`gw-…`), IPsec connections (`vco-…`), tunnels (`tun-…`), next hops
    /// that name a connection. One table, so a next hop equal to a connection id stays equal to it.
    case resource
    /// Numeric ids, one table each, so ids that happen to be equal across kinds do not look related.
    case gatewayId, routeId, serviceId, domainId
    case name, namespace, group, description, path, domain, input, request, endpoint, community
    /// A destination that is not a CIDR, kept as written by the reader.
    case cidrText
    /// IPv4 and IPv6 CIDRs, keyed `address/prefix`; a bare address is keyed as a host route.
    case ipv4, ipv6
    /// Autonomous system numbers, in AS paths and communities.
    case asn
    /// An edge key of a kind that should have none (a graph read from elsewhere).
    case edgeKey

    /// Masked (network-aligned) candidates tried before host bits are drawn too: aligned addresses
    /// look like real routes, but a short prefix leaves few of them.
    static let alignedAttempts = 16
    /// Private 16-bit ASNs tried before a 16-bit ASN moves to the 32-bit private range.
    static let privateASN16Attempts = 64

    /// The pseudonym for values that are kept as they are because they identify nobody: default
    /// routes and reserved or well-known AS numbers (RFC 7300, RFC 5398, RFC 6793, RFC 1997).
    func kept(_ value: String) -> String? {
        switch self {
        case .ipv4: value == "0.0.0.0/0" ? value : nil
        case .ipv6: value == "::/0" ? value : nil
        case .asn:
            UInt64(value).flatMap { n in
                n == 0 || n == 23456 || (64496...64511).contains(n) || n == 65535 || (65536...65551).contains(n)
                    || n == 4_294_967_295 ? String(n) : nil
            }
        default: nil
        }
    }

    /// The candidate pseudonym for `value` at `attempt` (0 first, more after collisions), drawn
    /// from `digest`, the keyed hash of the kind, the value and the attempt.
    func candidate(for value: String, attempt: Int, digest: [UInt8]) -> String {
        let hex = Self.hex(digest.prefix(4))
        let wide = Self.wide(digest)
        switch self {
        case .resource: return Self.resourcePrefix(of: value) + "-redacted-" + hex
        case .gatewayId, .routeId, .serviceId, .domainId: return String(100_000_000 + wide % 900_000_000)
        case .name: return "name-" + hex
        case .namespace: return "namespace-" + hex
        case .group: return "group-" + hex
        case .description: return "description-" + hex
        case .path: return "/path-" + hex
        case .domain: return (value.hasPrefix("*.") ? "*." : "") + "d-" + hex + ".example"
        case .input: return "input-" + hex
        case .request: return "request-" + hex
        case .endpoint: return "endpoint-" + hex
        case .community: return "community-" + hex
        case .cidrText: return "cidr-" + hex
        case .edgeKey: return "key-" + hex
        case .ipv4:
            let (address, prefix) = Self.ipv4Candidate(for: value, attempt: attempt, bits: UInt32(truncatingIfNeeded: wide))
            return Self.ipv4Text(address, prefix: prefix)
        case .ipv6: return Self.ipv6Candidate(for: value, attempt: attempt, digest: digest)
        case .asn:
            if let n = UInt64(value), n <= 65535, attempt < Self.privateASN16Attempts {
                return String(64512 + wide % 1023)  // RFC 6996: 64512–65534
            }
            return String(4_200_000_000 + wide % 94_967_295)  // RFC 6996: 4200000000–4294967294
        }
    }

    /// A digest's first eight bytes as one number, big-endian: what numeric candidates are drawn
    /// from.
    static func wide(_ digest: [UInt8]) -> UInt64 { digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }

    /// `bytes` in lower-case hexadecimal, two digits each.
    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 2 * bytes.count) { text in
            for (i, byte) in bytes.enumerated() {
                text[2 * i] = digits.utf8Start[Int(byte >> 4)]
                text[2 * i + 1] = digits.utf8Start[Int(byte & 0x0F)]
            }
            return 2 * bytes.count
        }
    }

    /// The part of a candidate that must not equal the same part of any original value: the
    /// address of an IP or CIDR (so no original address reappears with another prefix), else the
    /// whole text.
    func blockKey(_ text: String) -> Substring {
        switch self {
        case .ipv4, .ipv6: text.firstIndex(of: "/").map { text[..<$0] } ?? Substring(text)
        default: Substring(text)
        }
    }

    /// `gw`, `vco`, `tun`, … : the resource type a cloud id starts with, which names a kind of
    /// resource, not an account.
    static func resourcePrefix(of id: String) -> String {
        guard let dash = id.firstIndex(of: "-") else { return "id" }
        let head = id[..<dash]
        return (1...8).contains(head.count) && head.allSatisfy({ $0.isASCII && $0.isLowercase }) ? String(head) : "id"
    }

    /// The last part of `value` between slashes, as a number if it is one: what
    /// `value.split(separator: "/").last` and `Int` gave, without an array of the parts.
    static func prefixLength(of value: String) -> Int? {
        let utf8 = value.utf8
        let slash = UInt8(ascii: "/")
        guard let last = utf8.lastIndex(where: { $0 != slash }) else { return nil }
        let end = utf8.index(after: last)
        let start = utf8[..<end].lastIndex(of: slash).map { utf8.index(after: $0) } ?? utf8.startIndex
        return Int(value[start..<end])
    }

    /// An address in 10.0.0.0/8 with the prefix of `value`; aligned to the prefix for the first
    /// attempts, then with host bits drawn too, so even many short prefixes stay distinct.
    static func ipv4Candidate(for value: String, attempt: Int, bits: UInt32) -> (address: UInt32, prefix: Int) {
        let prefix = prefixLength(of: value) ?? 32
        var address = 0x0A00_0000 | bits & 0x00FF_FFFF
        if attempt < alignedAttempts {
            let keep = max(prefix, 8)
            address &= keep >= 32 ? UInt32.max : ~(UInt32.max >> UInt32(keep))
        }
        return (address, prefix)
    }

    /// `address/prefix` in dotted decimal. Written byte by byte: one per CIDR of the graph, and
    /// joining four strings and a fifth was most of the time of finding pseudonyms for them.
    static func ipv4Text(_ address: UInt32, prefix: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(22)
        for shift in [24, 16, 8, 0] {
            if shift != 24 { text.append(UInt8(ascii: ".")) }
            text.append(contentsOf: String(address >> UInt32(shift) & 0xFF).utf8)
        }
        text.append(UInt8(ascii: "/"))
        text.append(contentsOf: String(prefix).utf8)
        return String(decoding: text, as: UTF8.self)
    }

    /// The address of dotted-decimal `text` written exactly as `ipv4Text` writes one (no leading
    /// zeros, four parts of at most 255); nil for any other text, which no candidate can equal.
    static func dottedIPv4(_ text: Substring) -> UInt32? {
        var address: UInt32 = 0
        var parts = 0
        for part in text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard part.count >= 1, part.count <= 3, part.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                part.count == 1 || part.first != UInt8(ascii: "0")
            else { return nil }
            let n = part.reduce(UInt32(0)) { $0 * 10 + UInt32($1 - UInt8(ascii: "0")) }
            guard n <= 255 else { return nil }
            address = address << 8 | n
            parts += 1
        }
        return parts == 4 ? address : nil
    }

    /// An address in 2001:db8::/32 (RFC 3849) with the prefix of `value`, aligned for the first
    /// attempts like IPv4.
    static func ipv6Candidate(for value: String, attempt: Int, digest: [UInt8]) -> String {
        let prefix = prefixLength(of: value) ?? 128
        var groups: [UInt16] = [0x2001, 0x0db8]
        for i in 0..<6 { groups.append(UInt16(digest[8 + 2 * i]) << 8 | UInt16(digest[9 + 2 * i])) }
        if attempt < alignedAttempts {
            let keep = max(prefix, 32)
            for i in 2..<8 {
                let start = 16 * i
                if keep <= start {
                    groups[i] = 0
                } else if keep < start + 16 {
                    groups[i] &= ~(UInt16.max >> UInt16(keep - start))
                }
            }
        }
        return CIDR.formatIPv6(groups) + "/\(prefix)"
    }
}
