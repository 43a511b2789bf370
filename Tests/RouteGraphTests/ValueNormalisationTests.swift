import Foundation
import Testing

@testable import RouteGraph

/// Values the responses write in several ways, normalised as DESIGN.md says: times to ISO 8601
/// UTC, CIDRs to one spelling, route status to a code and a name.
@Suite("Value normalisation")
struct ValueNormalisationTests {
    // MARK: - Timestamp

    static let cst = Timestamp.chinaStandardTimeOffset

    @Test("every spelling of the seed's instant", arguments: [
        ("2022-01-07 18:07:57", cst),  // GmtCreate: no offset, China Standard Time
        ("2022-01-07T10:07:57.000+0000", cst),  // GmtModified
        ("2022-01-07T10:07:57Z", cst),
        ("2022-01-07t10:07:57z", cst),
        ("2022-01-07T18:07:57+08:00", 0),
        ("2022-01-07T18:07:57+0800", 0),
        ("2022-01-07T18:07:57+08", 0),
        ("2022-01-07T05:07:57-05:00", cst),
        ("2022-01-07T10:07:57", 0),
        ("  2022-01-07 18:07:57 ", cst),
        ("2022-01-07T10:07:57.000Z", cst),
    ])
    func seedInstant(text: String, defaultOffset: Int) throws {
        let t = try #require(Timestamp(parsing: text, defaultOffsetSeconds: defaultOffset), "\(text)")
        #expect(t.iso8601 == "2022-01-07T10:07:57Z", "\(text)")
        #expect(t.millisecondsSinceEpoch == 1_641_550_077_000)
    }

    @Test("fractions of a second: milliseconds kept, finer digits dropped, written only when there are some", arguments: [
        ("2022-01-07T10:07:57.5Z", "2022-01-07T10:07:57.500Z"),
        ("2022-01-07T10:07:57.05Z", "2022-01-07T10:07:57.050Z"),
        ("2022-01-07T10:07:57.123Z", "2022-01-07T10:07:57.123Z"),
        ("2022-01-07T10:07:57.123456789Z", "2022-01-07T10:07:57.123Z"),
        ("2022-01-07T10:07:57,250Z", "2022-01-07T10:07:57.250Z"),
        ("2022-01-07 18:07:57.001", "2022-01-07T10:07:57.001Z"),
        ("2022-01-07T10:07:57.0Z", "2022-01-07T10:07:57Z"),
    ])
    func fractions(text: String, expected: String) {
        #expect(Timestamp(parsing: text, defaultOffsetSeconds: Self.cst)?.iso8601 == expected)
    }

    @Test("offsets move the instant across midnight and year ends", arguments: [
        ("2022-01-01 07:59:59", "2021-12-31T23:59:59Z"),
        ("2024-03-01 00:00:00", "2024-02-29T16:00:00Z"),
        ("2021-12-31T20:00:00-05:00", "2022-01-01T01:00:00Z"),
    ])
    func offsets(text: String, expected: String) {
        #expect(Timestamp(parsing: text, defaultOffsetSeconds: Self.cst)?.iso8601 == expected)
    }

    @Test("what is not a time is nil", arguments: [
        "", "yesterday", "2022-01-07", "2022-01-07T10:07", "2022-13-01 00:00:00", "2022-00-10 00:00:00",
        "2022-01-32 00:00:00", "2022-02-30 00:00:00", "2023-02-29 00:00:00", "1900-02-29 00:00:00",
        "2022-04-31 00:00:00", "2022-01-07T24:00:00Z", "2022-01-07T10:60:00Z", "2022-01-07T10:07:57.Z",
        "2022-01-07T10:07:57Zjunk", "2022-01-07T10:07:57+8", "2022-01-07T10:07:57 +08:00", "2022/01/07 10:07:57",
        "22-01-07 10:07:57", "2022-1-7 10:07:57", "１２３４-01-07 10:07:57", "2022-01-07X10:07:57",
    ])
    func invalid(text: String) {
        #expect(Timestamp(parsing: text, defaultOffsetSeconds: 0) == nil, "\(text)")
    }

    @Test("leap days that exist are read")
    func leapDays() {
        #expect(Timestamp(parsing: "2024-02-29T00:00:00Z", defaultOffsetSeconds: 0)?.iso8601 == "2024-02-29T00:00:00Z")
        #expect(Timestamp(parsing: "2000-02-29T00:00:00Z", defaultOffsetSeconds: 0)?.iso8601 == "2000-02-29T00:00:00Z")
    }

    @Test("the extremes of Int64 as CreateTime are written, not trapped on")
    func extremeMilliseconds() {
        #expect(Timestamp(millisecondsSinceEpoch: .max).iso8601 == "292278994-08-17T07:12:55.807Z")
        let earliest = Timestamp(millisecondsSinceEpoch: .min).iso8601
        #expect(earliest.hasPrefix("-292275055-") && earliest.hasSuffix(".192Z"), "\(earliest)")
    }

    @Test("ISO 8601 from milliseconds, before 1970 too", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1, "1970-01-01T00:00:00.001Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-1000, "1969-12-31T23:59:59Z"),
        (-86_400_000, "1969-12-31T00:00:00Z"),
        (-86_400_001, "1969-12-30T23:59:59.999Z"),
        (-14_182_940_000, "1969-07-20T20:17:40Z"),
        (-2_208_988_800_000, "1900-01-01T00:00:00Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00Z"),
        (1_658_217_008_000, "2022-07-19T07:50:08Z"),
        (1_658_217_008_123, "2022-07-19T07:50:08.123Z"),
        (951_782_400_000, "2000-02-29T00:00:00Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func formatting(ms: Int64, expected: String) throws {
        let t = Timestamp(millisecondsSinceEpoch: ms)
        #expect(t.iso8601 == expected)
        let back = try #require(Timestamp(parsing: expected, defaultOffsetSeconds: Self.cst))
        #expect(back.millisecondsSinceEpoch == ms)
    }

    /// Packing writes a VPN entry's creation time from `withISO8601`, which makes the text on the
    /// stack where the year has four digits and takes `iso8601`'s otherwise.
    @Test("the text made on the stack is iso8601's, four-digit years or not", arguments: [
        Int64(0), 1, -1, 1_658_217_008_000, 1_658_217_008_123, -62_135_596_800_000, 253_402_300_799_999,
        253_402_300_800_000, -62_135_596_800_001, .max, .min,
    ])
    func stackText(ms: Int64) {
        let t = Timestamp(millisecondsSinceEpoch: ms)
        let made = t.withISO8601 { String(decoding: $0, as: UTF8.self) }
        #expect(made == t.iso8601)
        #expect(!made.isEmpty)
    }

    @Test("years outside 0000...9999 are written in full, past the four-digit fast path", arguments: [
        (-62_167_219_200_000 as Int64, "0000-01-01T00:00:00Z"),
        (253_402_300_800_000, "10000-01-01T00:00:00Z"),
        (253_402_300_800_001, "10000-01-01T00:00:00.001Z"),
    ])
    func formattingLongYears(ms: Int64, expected: String) {
        #expect(Timestamp(millisecondsSinceEpoch: ms).iso8601 == expected)
    }

    @Test("agrees with Foundation's calendar on every day from 1900 to 2100")
    func agreesWithFoundation() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        let start: Int64 = -2_208_988_800  // 1900-01-01
        let end: Int64 = 4_102_444_800  // 2100-01-01
        var seconds = start
        var checked = 0
        while seconds < end {
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let t = Timestamp(millisecondsSinceEpoch: seconds * 1000)
            if t.iso8601 != expected || Timestamp(parsing: expected, defaultOffsetSeconds: 0) != t {
                Issue.record("\(seconds): \(t.iso8601), Foundation \(expected)")
                break
            }
            checked += 1
            seconds += 86_400 + 3_661  // a new day each step, and a new time of day
        }
        #expect(checked > 70_000)
    }

    // MARK: - CIDR

    @Test("normal forms", arguments: [
        // IPv4: dotted quad without leading zeros, prefix kept, host bits kept.
        ("192.168.10.0/24", "192.168.10.0/24", 4, 24),
        ("192.168.010.000/24", "192.168.10.0/24", 4, 24),
        ("010.001.002.003/32", "10.1.2.3/32", 4, 32),
        (" 10.0.0.0/8 ", "10.0.0.0/8", 4, 8),
        ("10.1.2.3/8", "10.1.2.3/8", 4, 8),
        ("0.0.0.0/0", "0.0.0.0/0", 4, 0),
        // IPv6, RFC 5952: lower case, no leading zeros, longest zero run compressed.
        ("2408:4000:ABCD:0000::/48", "2408:4000:abcd::/48", 6, 48),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001/128", "2001:db8::1/128", 6, 128),
        ("2001:db8:0:0:1:0:0:1/128", "2001:db8::1:0:0:1/128", 6, 128),  // tie: the first run
        ("2001:0:0:1:0:0:0:1/128", "2001:0:0:1::1/128", 6, 128),  // the longer run wins
        ("2001:db8:0:1:1:1:1:1/128", "2001:db8:0:1:1:1:1:1/128", 6, 128),  // one zero group stays
        ("2001:db8::1:1:1:1:1/128", "2001:db8:0:1:1:1:1:1/128", 6, 128),
        ("0:0:0:0:0:0:0:0/0", "::/0", 6, 0),
        ("0000::0001/128", "::1/128", 6, 128),
        ("1:0:0:0:0:0:0:0/16", "1::/16", 6, 16),
        ("FE80::/10", "fe80::/10", 6, 10),
        ("2408:4000:abcd:1:0:0:0:0/64", "2408:4000:abcd:1::/64", 6, 64),
        // Embedded IPv4: read in the last 32 bits; mixed notation for the well-known prefixes
        // of RFC 5952 section 5, hexadecimal otherwise.
        ("::ffff:192.0.2.1/128", "::ffff:192.0.2.1/128", 6, 128),
        ("::FFFF:C000:0201/128", "::ffff:192.0.2.1/128", 6, 128),
        ("0:0:0:0:0:ffff:192.0.2.1/128", "::ffff:192.0.2.1/128", 6, 128),
        ("::ffff:0:192.0.2.1/128", "::ffff:0:192.0.2.1/128", 6, 128),
        ("64:ff9b::192.0.2.33/96", "64:ff9b::c000:221/96", 6, 96),
        ("64:FF9B:0:0:0:0:C000:221/96", "64:ff9b::c000:221/96", 6, 96),
    ])
    func cidrNormalForms(raw: String, text: String, family: Int, prefix: Int) throws {
        let cidr = try #require(CIDR(raw), "\(raw)")
        #expect(cidr.text == text, "\(raw)")
        #expect(cidr.family == family)
        #expect(cidr.prefixLength == prefix)
        #expect(CIDR(cidr.text) == cidr, "the normal form is a fixed point")
    }

    @Test("what is not a CIDR is nil", arguments: [
        "", "10.0.0.0", "10.0.0.0/", "/24", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/1a", "10.0.0.0/2400",
        "256.0.0.0/8", "10.0.0/8", "10.0.0.0.0/8", "10..0.0/8", "1000.0.0.0/8", "10.0.0.0/8/8",
        "2001:db8::/129", "2001:db8:::1/64", "2001:db8::1::2/64", "2001:db8:0:0:0:0:0:0:1/64",
        "2001:db8:0:0:0:0:1/64", "12345::/16", "2001:dg8::/32", "::ffff:192.0.2/128", "192.0.2.1::/64",
        "any", "local", "vpc-bp1xxxx",
    ])
    func notCIDR(raw: String) {
        #expect(CIDR(raw) == nil, "\(raw)")
    }

    @Test("through the converter: a RouteDest that is not a CIDR is kept as written, with a warning")
    func notCIDRKept() throws {
        let scratch = try ScratchDirectory()
        let seed = try String(contentsOfFile: ExampleFiles.vpnSeed, encoding: .utf8)
        let text = seed.replacingOccurrences(of: "\"192.168.10.0/24\"", with: "\"10.0.0.0/33 (on-premises)\"")
        #expect(text != seed)
        let path = try writeFile("odd-dest.json", in: scratch.url, text: text)
        let result = convert([path])
        #expect(result.report.rejections.isEmpty)
        let node = try #require(result.graph.node(id: "cidr:10.0.0.0/33 (on-premises)"), "\(result.graph.nodes.map(\.id))")
        #expect(node.attributes.string(.cidr) == "10.0.0.0/33 (on-premises)")
        #expect(node.attributes[.family] == nil && node.attributes[.prefixLength] == nil)
        #expect(result.graph.edge("ipsec:\(SeedExampleTests.vco)", node.id, .routes) != nil)
        #expect(result.graph.edges.count == 3)
        let warning = try #require(result.report.warnings.first)
        #expect(result.report.warnings.count == 1)
        #expect(warning.location == InputLocation(input: path))
        #expect(warning.message.contains("10.0.0.0/33 (on-premises)"))
        #expect(warning.message.contains("not a CIDR"))
    }

    @Test("through the converter: two spellings of one CIDR meet at one node")
    func cidrSpellingsMeet() throws {
        let scratch = try ScratchDirectory()
        let seed = try String(contentsOfFile: ExampleFiles.vpnSeed, encoding: .utf8)
        let other = seed.replacingOccurrences(of: "\"192.168.10.0/24\"", with: "\"192.168.010.000/24\"")
            .replacingOccurrences(of: "vco-p0w2jpkhi2eeop6q6****", with: "vco-other")
        let path = try writeFile("other.json", in: scratch.url, text: other)
        let graph = convert([ExampleFiles.vpnSeed, path]).graph
        #expect(graph.nodeIds(ofKind: .cidr) == ["cidr:192.168.10.0/24"])
        #expect(graph.edges(ofKind: .routes).count == 2)
    }

    // MARK: - Route status

    @Test("names of the documented codes, unknown otherwise")
    func statusNames() {
        let names = [0: "unpublished", 2: "publishing", 3: "published", 4: "editing", 5: "offlining", 6: "unavailable"]
        for code in Int64(-1)...8 {
            #expect(RouteStatus.name(of: code) == names[Int(code)] ?? "unknown", "\(code)")
        }
        #expect(RouteStatus.name(of: .max) == "unknown")
    }

    @Test("console labels in Simplified Chinese, Traditional Chinese and English", arguments: [
        ("未发布", Int64(0)), ("发布中", 2), ("已发布", 3), ("编辑中", 4), ("下线中", 5), ("不可用", 6),
        ("未發布", 0), ("發布中", 2), ("已發布", 3), ("編輯中", 4), ("下線中", 5), ("不可用", 6),
        ("Unpublished", 0), ("Publishing", 2), ("Published", 3), ("Editing", 4), ("Offlining", 5), ("Unavailable", 6),
        ("PUBLISHED", 3), ("  published ", 3), ("编辑中(有更新未发布)", 4), ("编辑中（有更新未发布）", 4),
    ])
    func statusLabels(label: String, code: Int64) {
        #expect(RouteStatus.code(ofLabel: label) == code, "\(label)")
    }

    @Test("labels nobody documented are nil", arguments: ["", "草稿", "draft", "3", "publish", "已发布了"])
    func unknownLabels(label: String) {
        #expect(RouteStatus.code(ofLabel: label) == nil, "\(label)")
    }

    @Test("through the converter: codes, strings and labels; an unknown code or label is named unknown", arguments: [
        (#""Status": 0"#, Int64?.some(0), "unpublished", false),
        (#""Status": "3""#, 3, "published", false),
        (#""Status": "已發布""#, 3, "published", false),
        (#""Status": "Editing""#, 4, "editing", false),
        (#""Status": 7"#, 7, "unknown", false),
        (#""Status": "草稿""#, nil, "unknown", true),
    ])
    func statusThroughConverter(field: String, code: Int64?, name: String, warns: Bool) throws {
        let scratch = try ScratchDirectory()
        let seed = try String(contentsOfFile: ExampleFiles.mseSeed, encoding: .utf8)
        let text = seed.replacingOccurrences(of: #""Status": 0,"#, with: field + ",")
        #expect(text != seed || field == #""Status": 0"#)
        let result = convert([try writeFile("status.json", in: scratch.url, text: text)])
        let route = try #require(result.graph.nodes.first { $0.kind == .route }).attributes
        #expect(route.integer(.status) == code)
        #expect(route.string(.statusName) == name)
        #expect(result.report.warnings.count == (warns ? 1 : 0), "\(result.report.warnings)")
        if warns { #expect(result.report.warnings.first?.message.contains("草稿") == true) }
    }

    // MARK: - Domain names

    @Test("domain names lower-case as lowercased() does, sharing the text that is already lower-case ASCII", arguments: [
        "api.example.com", "API.Example.COM", "a-very-long-domain-name.example.internal", "x",
        "", "MÜNCHEN.example.de", "straße.example", "İstanbul.example", "ΣΊΣΥΦΟΣ.example", "[email]@",
        "abcdefgH", "abcdefghI", "abcdefghijklmnoP", "abcdefghijklmnopZ", "abcdefgh@[`{", "abcdefghé",
    ])
    func foldedDomainNames(name: String) {
        let folded = name.lowercasedSharingASCII
        #expect(folded == name.lowercased())
        #expect(Array(folded.utf8) == Array(name.lowercased().utf8), "the same bytes, not only equal text")
    }
}
