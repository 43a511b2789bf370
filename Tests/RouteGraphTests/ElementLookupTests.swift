import Testing
@testable import RouteGraph

/// Key lookup on a tape (`Element[key]`) against the rule it implements, written out plainly
/// here: keys are equal byte for byte, except that a first letter matches in either case; the
/// first key in document order that matches wins.
@Suite("Element key lookup")
struct ElementLookupTests {
    /// Keys of every length around the four bytes compared at once, first bytes that are letters
    /// of either case or not letters (some one case bit away from a letter), and non-ASCII.
    static let keys: [String] = [
        "", "a", "A", "b", "@", "`", "[", "{", "1", "_", "ab", "Ab", "aB", "abc", "Abc", "abd",
        "abcd", "Abcd", "abce", "abcde", "abcdE", "Abcde", "abcdef", "abcdeg", "VpnConnectionId",
        "vpnConnectionId", "VpnConnectionID", "vpnConnectionIdX", "RouteServices", "routeServices",
        "Route", "é", "éa", "Éa", "日本", "a\u{0}b", "DefaultServiceId", "defaultServiceId",
    ]

    private static func referenceMatch(_ stored: String, _ wanted: String) -> Bool {
        let a = Array(stored.utf8), b = Array(wanted.utf8)
        guard a.count == b.count else { return false }
        guard let first = a.first else { return true }
        let letter = (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A
        if first != b[0] && !(letter && (first | 0x20) == (b[0] | 0x20)) { return false }
        return a.dropFirst() == b.dropFirst()
    }

    /// An object whose members are `keys` in order, each value null.
    private static func json(_ keys: [String]) -> String {
        "{" + keys.map { "\(jsonString($0)):null" }.joined(separator: ",") + "}"
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 {
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Looks up every key in `root` (whose members are `members`, each value one tape word) and
    /// checks that the value found is the one of the first matching member.
    private func checkAll(in root: Element, members: [String]) {
        for wanted in Self.keys + ["abcdefgh", "Z", "zz"] {
            let expected = members.firstIndex { Self.referenceMatch($0, wanted) }
            // The value of member `j` is at word 3 + 2j: root, object start, then key, value, ...
            #expect(root[wanted]?.index == expected.map { 3 + 2 * $0 }, "\(wanted.debugDescription) in \(members)")
        }
    }

    @Test("on simdjson's tape, every key of every length, the first match winning")
    func json() throws {
        let parser = JSONParser()
        // All keys, in both orders, and each key alone.
        let sets = [Self.keys, Self.keys.reversed()] + Self.keys.map { [$0] }
        for members in sets {
            let text = Self.json(members)
            let tape = try parser.parse(text)
            checkAll(in: tape.root, members: members)
        }
    }

    @Test("on a tape written by TapeWriter (XML)")
    func written() {
        for members in [Self.keys, ["b", "a"], ["a"], [""], ["ab"], ["abc"]] {
            let writer = TapeWriter()
            writer.startObject()
            for key in members {
                writer.key(key)
                writer.null()
            }
            writer.end()
            writer.finish().withRoot { checkAll(in: $0, members: members) }
        }
    }
}
