import Foundation
import Testing

@testable import RouteGraph

/// The pieces of redaction: the hash, the key, the readable pseudonym forms and their collisions.
@Suite("Redaction values: HMAC-SHA256, keys, addresses, AS numbers")
struct RedactionValueTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("SHA-256: FIPS 180-4 examples, and a message across several blocks")
    func sha256() {
        #expect(Self.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Self.hex(SHA256.hash(twoBlocks)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var pieces = SHA256()
        for chunk in stride(from: 0, to: 1000, by: 37) { pieces.update(Array(repeating: UInt8(ascii: "a"), count: min(37, 1000 - chunk))) }
        #expect(pieces.finalize() == SHA256.hash(Array(repeating: UInt8(ascii: "a"), count: 1000)))
    }

    @Test("SHA-256: every length across the padding's block boundaries, whole and in pieces, as Python's hashlib")
    func sha256Lengths() throws {
        let script = "import hashlib\nfor n in range(200): print(hashlib.sha256(bytes((i * 7 + 3) % 256 for i in range(n))).hexdigest())"
        let run = try ExternalTool.run(["python3", "-c", script])
        try #require(run.status == 0, "\(run.stderr)")
        let expected = run.stdout.split(separator: "\n").map(String.init)
        try #require(expected.count == 200)
        for n in 0..<200 {
            let message = (0..<n).map { UInt8(($0 * 7 + 3) % 256) }
            #expect(Self.hex(SHA256.hash(message)) == expected[n], "length \(n)")
            var pieces = SHA256()
            for start in stride(from: 0, to: n, by: 13) { pieces.update(message[start..<min(n, start + 13)]) }
            #expect(Self.hex(pieces.finalize()) == expected[n], "length \(n) in pieces of 13")
        }
    }

    @Test("SHA-256: the CPU's SHA extensions compress as the Swift compression does, on random states and blocks")
    func sha256Hardware() throws {
        #if arch(x86_64)
        #expect(SHA256.hardware == Self.cpuHasSHA, "used exactly where /proc/cpuinfo lists the SHA extensions")
        #else
        #expect(!SHA256.hardware)
        #endif
        guard SHA256.hardware else { return }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var state: SHA256.Words = (generator.next(), generator.next(), generator.next(), generator.next(),
                                       generator.next(), generator.next(), generator.next(), generator.next())
            let block = (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var software = state
            block.withUnsafeBytes { SHA256.compressInSoftware(&software, $0.baseAddress!) }
            block.withUnsafeBytes { SHA256.compress(&state, $0.baseAddress!) }
            #expect(withUnsafeBytes(of: state) { Array($0) } == withUnsafeBytes(of: software) { Array($0) })
        }
    }

    /// Whether /proc/cpuinfo lists the SHA extensions (`sha_ni`).
    static var cpuHasSHA: Bool {
        (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.contains(" sha_ni") ?? false
    }

    @Test("an IPv4 block key is read as a number exactly when a candidate's text could equal it")
    func dottedIPv4() {
        for address: UInt32 in [0, 0x0A00_0000, 0x0A01_0203, 0x0AFF_FFFF, 0xC0A8_0001, UInt32.max] {
            let text = PseudonymKind.ipv4Text(address, prefix: 24)
            #expect(PseudonymKind.dottedIPv4(Substring(text.prefix { $0 != "/" })) == address, "\(text)")
        }
        for text in ["010.0.0.1", "10.0.0.01", "1.2.3", "256.0.0.0", "1.2.3.4.5", "", "1..2.3", "a.b.c.d", "10.0.0.1 ", "+1.2.3.4", "1.2.3.1000"] {
            #expect(PseudonymKind.dottedIPv4(Substring(text)) == nil, "\(text)")
        }
    }

    @Test("HMAC-SHA256: every message length across the block boundaries, as Python's hmac")
    func hmacLengths() throws {
        let script = """
            import hmac, hashlib
            for n in range(200): print(hmac.new(b"a key of enough bytes", bytes((i * 5 + 1) % 256 for i in range(n)), hashlib.sha256).hexdigest())
            """
        let run = try ExternalTool.run(["python3", "-c", script])
        try #require(run.status == 0, "\(run.stderr)")
        let expected = run.stdout.split(separator: "\n").map(String.init)
        try #require(expected.count == 200)
        let hmac = HMACSHA256(key: Array("a key of enough bytes".utf8))
        for n in 0..<200 {
            #expect(Self.hex(hmac.mac((0..<n).map { UInt8(($0 * 5 + 1) % 256) })) == expected[n], "length \(n)")
        }
    }

    @Test("a pseudonym's prefix length is read from a CIDR's text as splitting it at slashes read it")
    func prefixLengths() {
        for text in ["10.0.0.0/24", "/24", "24", "abc", "", "/", "//", "10.0.0.0/", "10/24/", "a/b/16", "x/", "1/2//", "::/0", "/x"] {
            let split = text.split(separator: "/").last.flatMap { Int($0) }
            #expect(PseudonymKind.prefixLength(of: text) == split, "\(text)")
        }
    }

    @Test("HMAC-SHA256: RFC 4231 test cases 1, 2 and 6 (a key longer than a block)")
    func hmac() {
        let case1 = HMACSHA256(key: [UInt8](repeating: 0x0b, count: 20)).mac(Array("Hi There".utf8))
        #expect(Self.hex(case1) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let case2 = HMACSHA256(key: Array("Jefe".utf8)).mac(Array("what do ya want for nothing?".utf8))
        #expect(Self.hex(case2) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let case6 = HMACSHA256(key: [UInt8](repeating: 0xaa, count: 131))
            .mac(Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        #expect(Self.hex(case6) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("random keys: 32 bytes, different each time")
    func randomKeys() {
        let a = RedactionKey.random(), b = RedactionKey.random()
        #expect(a.bytes.count == 32 && a.bytes != b.bytes)
        #expect(throws: RedactionKeyError.tooShort(path: nil, length: 15, minimum: 16)) {
            try RedactionKey(bytes: Array(repeating: 1, count: 15))
        }
    }

    static func rewriter(_ register: (inout ValueRewriter) -> Void) -> ValueRewriter {
        var collector = ValueRewriter(hmac: HMACSHA256(key: Array("a key of enough bytes".utf8)))
        register(&collector)
        return collector.assigned()
    }

    @Test("IPv4: 10.0.0.0/8, prefix kept, distinct even for more /16s and /8s than aligned slots")
    func ipv4Distinct() {
        let cidrs = (0..<300).map { "172.\($0 % 256).\($0 / 256).0/16" } + (1...20).map { "\($0).0.0.0/8" } + ["0.0.0.0/0", "10.0.0.0/8"]
        let normalised = cidrs.map { CIDR($0)!.text }
        var rewriter = Self.rewriter { r in for c in normalised { _ = r.cidr(c) } }
        let mapped = normalised.map { rewriter.cidr($0) }
        #expect(Set(mapped).count == Set(normalised).count)
        for (original, pseudonym) in zip(normalised, mapped) {
            let parsed = CIDR(pseudonym)
            #expect(parsed?.text == pseudonym)
            #expect(parsed?.prefixLength == CIDR(original)?.prefixLength)
            if original == "0.0.0.0/0" { #expect(pseudonym == original) } else { #expect(pseudonym.hasPrefix("10.")) }
            #expect(original == "0.0.0.0/0" || !normalised.contains(pseudonym), "never an original value: \(pseudonym)")
        }
        #expect(mapped.filter { $0.hasSuffix("/24") || $0.hasSuffix("/16") }.contains { $0.hasSuffix(".0/16") }, "aligned where room allows")
    }

    @Test("addresses agree with their host routes; IPv6 into 2001:db8::/32; endpoints keep ports")
    func addresses() {
        var rewriter = Self.rewriter { r in
            _ = r.nextHop("169.254.1.2")
            _ = r.cidr("169.254.1.2/32")
            _ = r.cidr("2408:4000::/64")
            _ = r.attribute(.unhealthyEndpoints, .string("10.0.0.7:8080,[2408::1]:443,host.internal"), of: .service)
        }
        let hop = rewriter.nextHop("169.254.1.2")
        #expect(rewriter.cidr("169.254.1.2/32") == hop + "/32")
        let v6 = rewriter.cidr("2408:4000::/64")
        #expect(v6.hasPrefix("2001:db8:") && v6.hasSuffix("/64") && CIDR(v6)?.text == v6)
        let endpoints = rewriter.attribute(.unhealthyEndpoints, .string("10.0.0.7:8080,[2408::1]:443,host.internal"), of: .service).text
        let parts = endpoints.split(separator: ",").map(String.init)
        #expect(parts.count == 3)
        #expect(parts[0].hasPrefix("10.") && parts[0].hasSuffix(":8080") && parts[0] != "10.0.0.7:8080")
        #expect(parts[1].hasPrefix("[2001:db8:") && parts[1].hasSuffix("]:443"))
        #expect(parts[2].hasPrefix("endpoint-"))
    }

    @Test("AS paths and communities: each AS number mapped alike, 16-bit to private 16-bit; separators, values and 65535 kept")
    func asNumbers() {
        var rewriter = Self.rewriter { r in
            _ = r.asPath("[65001, 4134, 65001]")
            _ = r.community("65001:100 65535:65510")
            _ = r.asPath("[4200000123]")
        }
        let path = rewriter.asPath("[65001, 4134, 65001]")
        let numbers = path.dropFirst().dropLast().split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces))! }
        #expect(numbers.count == 3 && numbers[0] == numbers[2] && numbers[0] != numbers[1])
        #expect(numbers.allSatisfy { (64512...65534).contains($0) } && !numbers.contains(65001) && !numbers.contains(4134))
        #expect(rewriter.community("65001:100 65535:65510") == "\(numbers[0]):100 65535:65510")
        let wide = UInt64(rewriter.asPath("[4200000123]").dropFirst().dropLast())!
        #expect((4_200_000_000...4_294_967_294).contains(wide) && wide != 4_200_000_123)
    }

    /// Values of every kind that assigning treats differently: kept ones, most IPv4 aligned slots
    /// of /16 blocked by originals (so pseudonyms draw host bits after the aligned attempts), /24s
    /// and host routes that collide among themselves, IPv6, AS numbers, ids and free text.
    static let pinnedValues: [(PseudonymKind, String)] = {
        var values: [(PseudonymKind, String)] = (0..<250).map { (.ipv4, "10.\($0).0.0/16") }
        values += (0..<40).map { (.ipv4, "192.168.\($0).0/16") }
        values += (0..<300).map { (.ipv4, "172.16.\($0 % 256).\($0 / 256)/32") }
        values += [(.ipv4, "0.0.0.0/0"), (.ipv6, "::/0")]
        values += (0..<30).map { (.ipv6, "2408:4000:\(String($0, radix: 16))::/48") }
        values += [(.asn, "65001"), (.asn, "23456"), (.asn, "4200000123"), (.resource, "gw-abc"), (.resource, "vco-1")]
        values += [(.routeId, "1000"), (.domain, "*.example.com"), (.name, "orders")]
        values += (0..<50).map { (.input, "archive.jsonl:\($0 + 1)") }
        return values
    }()

    @Test("pseudonyms under one key are pinned: a faster assignment must give the very same ones")
    func pinnedPseudonyms() {
        var rewriter = Self.rewriter { r in for (kind, value) in Self.pinnedValues { _ = r.value(kind, value) } }
        let mapped = Self.pinnedValues.map { rewriter.value($0.0, $0.1) }
        #expect(Set(mapped).count == Set(Self.pinnedValues.map { "\($0.0)\u{0}\($0.1)" }).count)
        let listing = zip(Self.pinnedValues, mapped).map { "\($0.0.0) \($0.0.1) \($0.1)" }.joined(separator: "\n")
        // Read off the assignment that filled one table after another on one thread (7dc2aba).
        #expect(Self.hex(SHA256.hash(Array(listing.utf8))) == "856bc628d96e5e48f474ae9cb59d4ecb6111be1d4830b745b3c406594219d382")
        #expect(mapped[0] == "10.158.163.158/16" && mapped[290] == "10.63.120.88/32", "host bits drawn once the aligned slots are taken")
        #expect(rewriter.value(.resource, "gw-abc") == "gw-redacted-2c144205" && rewriter.value(.asn, "65001") == "64562")
        #expect(rewriter.value(.ipv6, "2408:4000:0::/48") == "2001:db8:dae2::/48" && rewriter.value(.input, "archive.jsonl:1") == "input-62f7603b")
    }

    @Test("pseudonyms of a table large enough to be assigned on two threads are pinned too")
    func pinnedLargeTable() {
        // 5,000 /16s, whose first 256 block every aligned /16 of 10.0.0.0/8, so that every value
        // draws host bits; and 300 /12s competing for the sixteen aligned /12s, so that candidates
        // collide among themselves.
        let values = (0..<5000).map { "10.\($0 % 256).\($0 / 256).0/16" } + (0..<300).map { "172.\(16 + $0 % 16).\($0 / 16).0/12" }
        var rewriter = Self.rewriter { r in for value in values { _ = r.value(.ipv4, value) } }
        let mapped = values.map { rewriter.value(.ipv4, $0) }
        #expect(Set(mapped).count == Set(values).count && Set(mapped).isDisjoint(with: values))
        let listing = zip(values, mapped).map { "\($0) \($1)" }.joined(separator: "\n")
        #expect(Self.hex(SHA256.hash(Array(listing.utf8))) == "c374c8635cdd6941ca3ced28d0c03270584a56ccd1a9df604d7a8bd953c44758")
    }

    @Test("every attribute has a decision; ids, names and provenance are replaced, measures are kept")
    func decisions() {
        for attribute in [Attribute.gatewayUniqueId, .name, .pathMatch, .description, .cidr, .nextHop, .input, .requestId, .routeId] {
            #expect(attribute.redaction != .keep, "\(attribute)")
        }
        for attribute in [Attribute.percent, .weight, .port, .status, .prefixLength, .entryType, .routeSource] {
            #expect(attribute.redaction == .keep, "\(attribute)")
        }
    }
}
