extension CIDR {
    /// The common IPv6 case read straight from the bytes: hex groups and colons, at most one `::`,
    /// a slash and one to three digits, nothing around it; written in normal form as
    /// `init(parsingCharacters:)` writes it. Nil for anything else, IPv4 notation inside and signs
    /// (`+1::/64`, which that parser takes) included: the general parser then decides, so this
    /// path only ever gives the answer that parser gives.
    static func plainIPv6(_ raw: String) -> CIDR? {
        var raw = raw
        return raw.withUTF8 { b -> CIDR? in
            var slash = 0
            while slash < b.count, b[slash] != 0x2F { slash += 1 }
            let digits = b.count - slash - 1
            guard slash < b.count, digits >= 1, digits <= 3 else { return nil }
            var prefix = 0
            for i in (slash + 1)..<b.count {
                let digit = b[i] &- 0x30
                guard digit < 10 else { return nil }
                prefix = prefix * 10 + Int(digit)
            }
            guard prefix <= 128, let groups = parseIPv6Groups(UnsafeBufferPointer(rebasing: b[..<slash])) else { return nil }
            return CIDR(text: formatIPv6Bytes(groups, prefix: prefix), family: 6, prefixLength: prefix)
        }
    }

    /// The eight groups of an address of hex groups and colons (RFC 4291 text without IPv4
    /// notation); nil for anything else.
    static func parseIPv6Groups(_ b: UnsafeBufferPointer<UInt8>) -> SIMD8<UInt16>? {
        guard !b.isEmpty else { return nil }
        // Where the first `::` is, if any; a `:::` is no address.
        var gap = -1
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x3A, b[i + 1] == 0x3A {
                guard gap < 0, i + 2 >= b.count || b[i + 2] != 0x3A else { return nil }
                gap = i
                i += 2
            } else {
                i += 1
            }
        }
        var groups = SIMD8<UInt16>()
        if gap < 0 {
            guard let count = fields(b, 0, b.count, into: &groups, at: 0), count == 8 else { return nil }
            return groups
        }
        var tail = SIMD8<UInt16>()
        guard let headCount = fields(b, 0, gap, into: &groups, at: 0),
            let tailCount = fields(b, gap + 2, b.count, into: &tail, at: 0), headCount + tailCount <= 7
        else { return nil }
        for k in 0..<tailCount { groups[8 - tailCount + k] = tail[k] }
        return groups
    }

    /// Reads the colon-separated hex groups of `b[start..<end]` into `groups` from `at`; the
    /// number read (0 for an empty range), or nil when a group is empty, longer than four digits
    /// or not hex, or there are more than eight.
    private static func fields(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into groups: inout SIMD8<UInt16>,
                               at first: Int) -> Int? {
        guard start < end else { return 0 }
        var count = 0
        var i = start
        while true {
            var value: UInt16 = 0
            var digits = 0
            while i < end, b[i] != 0x3A {
                let c = b[i]
                let digit: UInt8
                if c &- 0x30 < 10 {
                    digit = c &- 0x30
                } else if (c | 0x20) &- 0x61 < 6 {
                    digit = (c | 0x20) &- 0x61 &+ 10
                } else {
                    return nil
                }
                value = value << 4 | UInt16(digit)
                digits += 1
                i += 1
                guard digits <= 4 else { return nil }
            }
            guard digits > 0, first + count < 8 else { return nil }
            groups[first + count] = value
            count += 1
            if i == end { return count }
            i += 1  // the colon
            if i == end { return nil }  // a trailing colon leaves an empty group
        }
    }

    /// `formatIPv6(groups) + "/prefix"`, written as bytes into the String.
    static func formatIPv6Bytes(_ g: SIMD8<UInt16>, prefix: Int) -> String {
        String(unsafeUninitializedCapacity: 48) { out in
            var n = 0
            func put(_ byte: UInt8) {
                out[n] = byte
                n += 1
            }
            func decimal(_ value: Int) {
                if value >= 100 { put(0x30 + UInt8(value / 100)) }
                if value >= 10 { put(0x30 + UInt8(value / 10 % 10)) }
                put(0x30 + UInt8(value % 10))
            }
            func hex(_ value: UInt16) {
                var shift = 12
                while shift > 0, value >> UInt16(shift) == 0 { shift -= 4 }
                while shift >= 0 {
                    let digit = UInt8(truncatingIfNeeded: value >> UInt16(shift)) & 0xF
                    put(digit < 10 ? 0x30 + digit : 0x57 + digit)
                    shift -= 4
                }
            }
            func text(_ s: StaticString) {
                s.withUTF8Buffer { for byte in $0 { put(byte) } }
            }
            let mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0
                && ((g[4] == 0 && g[5] == 0xFFFF) || (g[4] == 0xFFFF && g[5] == 0))
            if mapped {
                text(g[4] == 0 ? "::ffff:" : "::ffff:0:")
                decimal(Int(g[6] >> 8))
                put(0x2E)
                decimal(Int(g[6] & 0xFF))
                put(0x2E)
                decimal(Int(g[7] >> 8))
                put(0x2E)
                decimal(Int(g[7] & 0xFF))
            } else {
                let (bestStart, bestLength) = longestZeroRun { g[$0] }
                var k = 0
                while k < 8 {
                    if k == bestStart {
                        text("::")
                        k += bestLength
                        continue
                    }
                    if k > 0, k != bestStart + bestLength || bestStart < 0 { put(0x3A) }
                    hex(g[k])
                    k += 1
                }
            }
            put(0x2F)
            decimal(prefix)
            return n
        }
    }
}
