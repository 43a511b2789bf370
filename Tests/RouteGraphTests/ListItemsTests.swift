import Testing
@testable import RouteGraph

/// The items of a list field in every shape SHAPES.md lists (sections 2 and 3), walked in place
/// (`Element.itemList`) and as an array (`Element.items`).
@Suite("List items")
struct ListItemsTests {
    /// A list field's value and the texts of its items, in order.
    static let shapes: [(json: String, items: [String])] = [
        (#"["a","b","c"]"#, ["a", "b", "c"]),
        (#"[]"#, []),
        (#"{"T":["a","b"]}"#, ["a", "b"]),
        (#"{"T":"a"}"#, ["a"]),
        (#"{"Other":"a"}"#, ["{Other}"]),  // a one-member object under another name is an item itself
        (#"{"T":null}"#, []),
        (#"{"T":""}"#, []),
        (#"{"T":{"x":1}}"#, ["{x}"]),
        (#"{"T":"a","U":"b"}"#, ["{T}"]),  // two members: an item, not a wrapper
        (#"{}"#, []),
        (#""""#, []),
        ("null", []),
        (#""a""#, ["a"]),
        ("7", ["7"]),
    ]

    /// A scalar item by its text, an object by its first key.
    private static func describe(_ e: Element) -> String {
        e.isObject ? "{\(e.members.first?.key ?? "")}" : (e.text ?? "?")
    }

    @Test("each shape gives its items, in place and as an array alike, and counts them")
    func shapes() throws {
        let parser = JSONParser()
        for (json, expected) in Self.shapes {
            let list = try parser.parse("[\(json)]").root.elements[0]
            let items = list.itemList(wrappedAs: ["T"])
            #expect(items.map(Self.describe) == expected, "\(json)")
            #expect(items.count == expected.count, "\(json)")
            #expect(list.items(wrappedAs: ["T"]).map(Self.describe) == expected, "\(json)")
        }
    }

    @Test("items that are containers are stepped over whole")
    func nestedItems() throws {
        let parser = JSONParser()
        let list = try parser.parse(#"[{"a":[1,2,{"b":3}]},[4,[5]],"x",{},[]]"#).root
        let items = Array(list.itemList(wrappedAs: []))
        #expect(items.count == 5)
        #expect(items.map(\.type) == [.startObject, .startArray, .string, .startObject, .startArray])
        #expect(items[2].text == "x")
    }

    /// The domains of a route whose `Data` is `data`.
    static func domains(_ data: String) throws -> [GatewayRoute.DomainRef] {
        let parser = JSONParser()
        var reader = GatewayRouteReader(nestedParser: JSONParser())
        let body = try parser.parse(#"{"RequestId":"r","Data":"# + data + "}").root
        var warnings: [ConversionWarning] = []
        return try reader.read(body: body, location: InputLocation(input: "t.json"), warnings: &warnings).domains
    }

    @Test("a route's domains: repeats in any case dropped as a set of lower-cased names would, before and after the sixteenth, ids paired by position")
    func domainLists() throws {
        // Names kept in a list up to the sixteenth and in a set from the seventeenth (First,
        // Mixed, d0 … d14), each repeated in another case: Mixed while the list is searched,
        // d14 (the name that makes the set) and Ünïcode once the set is.
        var names = ["Mixed.Example.com"] + (0..<19).map { "d\($0).example.com" }
        names.insert("mixed.EXAMPLE.com", at: 3)
        names += ["D14.example.COM", "Ünïcode.example", "ünïcode.EXAMPLE", "d0.example.com"]
        func json(_ texts: [String]) -> String { "[" + texts.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        let ids = (0..<names.count).map { String(100 + $0) }
        for (idList, paired) in [(ids, true), (Array(ids.dropLast()), false)] {
            let data = #"{"Id":1,"GatewayUniqueId":"gw","DomainName":"First.example","DomainId":7,"DomainNameList":"#
                + json(names) + #","DomainIdList":["# + idList.joined(separator: ",") + "]}"
            let got = try Self.domains(data)
            var seen: Set<String> = ["first.example"]
            var expected: [(String, Int64?)] = [("First.example", 7)]
            for (i, name) in names.enumerated() where seen.insert(name.lowercased()).inserted {
                expected.append((name, paired ? Int64(100 + i) : nil))
            }
            #expect(got.map(\.name) == expected.map(\.0))
            #expect(got.map(\.domainId) == expected.map(\.1))
            #expect(got.count == 22, "\(got.map(\.name))")
        }
    }
}
