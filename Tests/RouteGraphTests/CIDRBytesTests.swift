import Testing
@testable import RouteGraph

/// The IPv6 path from bytes (`CIDR.plainIPv6`) gives the verdict and the text of the general
/// parser (`CIDR(parsingCharacters:)`) for every input, or leaves the input to it.
@Suite("IPv6 CIDRs from bytes")
struct CIDRBytesTests {
    static let forms: [String] = [
        "2408:4000:0:b5a8::/64", "2408:4000:0:B5A8::/64", "2001:db8::1/128", "::/0", "::1/128", "1::/16",
        "fe80::/10", "2001:0db8:0000:0000:0000:0000:0000:0001/64", "2001:db8:0:0:1:0:0:1/64", "2001:db8::1:0:0:1/64",
        "1:0:0:2:0:0:0:3/64", "0:0:0:0:0:0:0:0/128", "1:2:3:4:5:6:7:8/128", "1:2:3:4:5:6:7::/112",
        "::2:3:4:5:6:7:8/128", "::ffff:0:0/96", "::ffff:c000:280/96", "::ffff:0:c000:280/96", "0:0:0:0:0:ffff:102:304/128",
        "::ffff:1.2.3.4/128", "::1.2.3.4/96", "2001:db8::/064", "2001:db8::/000", "abcd:ef01:2345:6789:abcd:ef01:2345:6789/128",
        "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789/128", "0000::/8", "00001::/8", "1:2:3:4:5:6:7:8:9/64",
        "1:2:3:4:5:6:7/64", "1::2::3/64", "1:::2/64", ":::/64", "::/", "::/129", "::/1280", "::/-1", "::/+1",
        "2001:db8::", "2001:db8::/64 ", " 2001:db8::/64", "2001:db8::/ 64", "2001:db8::g/64", ":1::/64", "1::2:/64",
        "1:/64", ":/64", "/64", "+1::/64", "-0::/64", "1::+2/64", "1:2:3:4:5:6:7:8::/64", "::1:2:3:4:5:6:7:8/64",
        "1:2:3:4::5:6:7:8/64", "1:2:3:4::5:6:7/64", "2001:db8::/64/64", "2001:db8::/6a", "1.2.3.4/24", "01.2.3.4/24",
        "é::/64", "::é/64", "2001:db8::\u{301}/64", "12345::/64", "fffff::/64", "ffff::/64",
    ]

    private func check(_ raw: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = CIDR(raw)
        let general = CIDR(parsingCharacters: raw)
        #expect(fast == general, "\(raw.debugDescription): \(String(describing: fast)) against \(String(describing: general))",
                sourceLocation: sourceLocation)
        if let accepted = CIDR.plainIPv6(raw) {
            #expect(accepted == general, "\(raw.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test("listed forms, valid and not")
    func forms() {
        for raw in Self.forms { check(raw) }
        #expect(CIDR("2408:4000:0:B5A8::/64")?.text == "2408:4000:0:b5a8::/64")
        #expect(CIDR("2001:0db8:0000:0000:0000:0000:0000:0001/064")?.text == "2001:db8::1/64")
        #expect(CIDR("1:0:0:2:0:0:0:3/64")?.text == "1:0:0:2::3/64")
        #expect(CIDR("0:0:0:0:0:ffff:102:304/128")?.text == "::ffff:1.2.3.4/128")
        #expect(CIDR("::ffff:0:c000:280/96")?.text == "::ffff:0:192.0.2.128/96")
        #expect(CIDR("2001:db8::/64")?.family == 6)
        #expect(CIDR("2001:db8::/64")?.prefixLength == 64)
        #expect(CIDR("1:::2/64") == nil)
        #expect(CIDR("::/129") == nil)
        #expect(CIDR("+1::/64")?.text == "1::/64", "the general parser's reading of a sign stands")
    }

    @Test("generated addresses: groups of every width, zero runs, upper case, damage")
    func generated() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEF:::::/.+- g")
        for _ in 0..<20_000 {
            var text = ""
            if Bool.random(using: &rng) {
                // Structured: 1 to 9 groups, some empty (runs), maybe a prefix.
                let count = Int.random(in: 1...9, using: &rng)
                var groups: [String] = []
                for _ in 0..<count {
                    switch Int.random(in: 0..<6, using: &rng) {
                    case 0: groups.append("")
                    case 1: groups.append("0")
                    default:
                        let width = Int.random(in: 1...5, using: &rng)
                        groups.append(String((0..<width).map { _ in "0123456789abcdefABCDEF".randomElement(using: &rng)! }))
                    }
                }
                text = groups.joined(separator: ":")
                if Int.random(in: 0..<4, using: &rng) == 0 { text = "::" + text }
                text += "/" + String(Int.random(in: 0...140, using: &rng))
                if Int.random(in: 0..<10, using: &rng) == 0 { text.insert(alphabet.randomElement(using: &rng)!, at: text.startIndex) }
            } else {
                let length = Int.random(in: 0...20, using: &rng)
                text = String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
            }
            check(text)
        }
    }
}
