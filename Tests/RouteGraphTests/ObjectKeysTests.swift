import Testing
@testable import RouteGraph

/// Keys of the tests: names a JSON object may hold in either case of their first letter.
private enum TestKey: Int, ObjectKeySet {
    case id, name, status, routeServices, data, a, ab, abc
}

private let keys = ObjectKeys<TestKey>()

/// `Element.lookUp` finds, for every key of a set, what `Element[key]` finds, in one pass.
@Suite("Multi-key lookup")
struct ObjectKeysTests {
    private func check(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let parser = JSONParser()
        let root = try parser.parse(json).root
        var objects = [root]
        // Every object and array of the document, nested ones included, and its scalars.
        var i = 0
        while i < objects.count {
            let e = objects[i]
            if e.isObject { objects += e.members.map(\.value) }
            if e.isArray { objects += e.elements }
            i += 1
        }
        for object in objects {
            let found = object.lookUp(keys)
            for key in TestKey.allCases {
                let name = keys.names[key.rawValue]
                #expect(found[key]?.index == object[name]?.index, "\(name) in \(json)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("the case names are the keys")
    func names() {
        #expect(keys.names == ["id", "name", "status", "routeServices", "data", "a", "ab", "abc"])
        #expect(keys.longest == 13)
    }

    @Test("present, missing and empty objects")
    func presentAndMissing() throws {
        try check(#"{"Id":1,"Name":"x","Status":"on","RouteServices":[],"Data":{}}"#)
        try check(#"{"Id":1}"#)
        try check(#"{}"#)
        try check(#"{"Other":1,"Idx":2,"I":3,"Nam":4,"Names":5}"#)
        try check(#"[{"Id":1},{"id":2}]"#)
        try check(#""Id""#)
        try check(#"17"#)
    }

    @Test("duplicate keys: the first in document order wins, whatever the case of its first letter")
    func duplicates() throws {
        try check(#"{"Id":1,"id":2,"Id":3}"#)
        try check(#"{"id":1,"Id":2}"#)
        try check(#"{"Status":1,"status":2,"STATUS":3,"sTatus":4}"#)
        try check(#"{"A":1,"a":2,"AB":3,"Ab":4,"ab":5,"aB":6}"#)
        // The parser holds the tape: it must outlive the elements read.
        let parser = JSONParser()
        let root = try parser.parse(#"{"ID":0,"iD":1,"id":2,"Id":3}"#).root
        #expect(root.lookUp(keys)[.id]?.int64 == 2)
    }

    @Test("nested objects: a key inside a member's value is not a member")
    func nested() throws {
        try check(#"{"Data":{"Id":1,"Name":"inner"},"Name":"outer"}"#)
        try check(#"{"Data":[{"Id":1},{"Status":2}],"Status":3,"Id":[1,2,{"Name":4}]}"#)
        try check(#"{"a":{"a":{"a":{"ab":1}}},"ab":{"abc":[[{"abc":2}]]},"abc":1.5}"#)
        let parser = JSONParser()
        let root = try parser.parse(#"{"Data":{"Id":1,"Name":"inner"},"Name":"outer"}"#).root
        let found = root.lookUp(keys)
        #expect(found[.name]?.string == "outer")
        #expect(found[.id] == nil)
        #expect(found[.data]?.lookUp(keys)[.name]?.string == "inner")
    }

    @Test("keys that differ from a wanted one past the first letter, or in length, do not match")
    func nearMisses() throws {
        try check(#"{"iD":1,"Abd":2,"abC":3,"Ab ":4,"routeservices":5,"RouteServices2":6,"@b":7,"ab":8}"#)
        try check(#"{"é":1,"Éa":2,"日本":3,"a\u0000":4,"a":5}"#)
    }

    @Test("a tape written by TapeWriter (XML) reads the same")
    func written() {
        let writer = TapeWriter()
        writer.startObject()
        for key in ["Status", "Data", "status", "Id"] {
            writer.key(key)
            if key == "Data" {
                writer.startObject()
                writer.key("Name")
                writer.string("inner")
                writer.end()
            } else {
                writer.string(key)
            }
        }
        writer.end()
        writer.finish().withRoot { root in
            let found = root.lookUp(keys)
            #expect(found[.status]?.string == "Status")
            #expect(found[.id]?.string == "Id")
            #expect(found[.name] == nil)
            #expect(found[.data]?.index == root["Data"]?.index)
        }
    }
}
