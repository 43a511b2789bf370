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
        (#"{"Other":"a"}"#, ["Other"]),  // a one-member object under another name is an item itself
        (#"{"T":null}"#, []),
        (#"{"T":""}"#, []),
        (#"{"T":{"x":1}}"#, ["object"]),
        (#"{"T":"a","U":"b"}"#, ["object"]),  // two members: an item, not a wrapper
        (#"{}"#, []),
        (#""""#, []),
        ("null", []),
        (#""a""#, ["a"]),
        ("7", ["7"]),
    ]

    private static func describe(_ e: Element) -> String {
        e.isObject ? (e.memberCount == 1 && e["T"] == nil && e["Other"] != nil ? "Other" : "object") : (e.text ?? "?")
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
}
