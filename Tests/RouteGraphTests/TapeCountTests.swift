import Testing
@testable import RouteGraph

/// `Element.count`, `memberCount` and `elements` read the count the tape keeps with each object and
/// array; these walk the values instead and compare, on tapes of both parsers.
@Suite("Tape counts")
struct TapeCountTests {
    /// The values of a container, found by walking the tape from value to value.
    private static func walked(_ element: Element) -> [Element] {
        guard element.isObject || element.isArray else { return [] }
        var values: [Element] = []
        var i = element.index + 1
        while i < element.end - 1 {
            // An object's members are a key, then the value.
            let value = Element(tape: element.tape, index: element.isObject ? i + 1 : i)
            values.append(value)
            i = value.end
        }
        return values
    }

    /// Checks every container under `element`, and returns how many there were.
    @discardableResult
    private static func check(_ element: Element) -> Int {
        let values = walked(element)
        var checked = 0
        if element.isArray {
            #expect(element.count == values.count)
            #expect(element.elements.map(\.index) == values.map(\.index))
            checked += 1
        } else if element.isObject {
            #expect(element.count == values.count)
            #expect(element.memberCount == values.count)
            #expect(element.members.map(\.value.index) == values.map(\.index))
            checked += 1
        } else {
            #expect(element.count == 0 && element.memberCount == 0 && element.elements.isEmpty)
        }
        for value in values { checked += check(value) }
        return checked
    }

    static let documents = [
        "[]", "{}", "[[]]", "[{}]", "[1]", #"{"a":1}"#, "[1,2.5,-3,true,false,null,\"x\"]",
        #"{"a":[1,[2,[3,[]]],{"b":{"c":[{}]}}],"d":{},"e":[],"f":"g"}"#,
        "[" + (0..<1000).map(String.init).joined(separator: ",") + "]",
        "{" + (0..<300).map { "\"k\($0)\":[\($0),{\"x\":\($0)}]" }.joined(separator: ",") + "}",
    ]

    @Test("on simdjson's tape, containers of every kind and size agree with walking")
    func json() throws {
        let parser = JSONParser()
        var containers = 0
        for text in Self.documents {
            containers += Self.check(try parser.parse(text).root)
        }
        #expect(containers > 600)
    }

    @Test("on the XML reader's tape, repeated and nested elements agree with walking")
    func xml() throws {
        let reader = XMLDocumentReader(maxDepth: 64)
        let entries = (0..<50).map { "<Entry><Id>\($0)</Id><Tunnels><T>a</T><T>b</T></Tunnels><Empty/></Entry>" }.joined()
        let documents = [
            "<R><A>1</A></R>", "<R/>", "<R><A/><A/><A>x</A></R>",
            "<Response><RequestId>r</RequestId><Entries>\(entries)</Entries><Total>50</Total></Response>",
        ]
        var containers = 0
        for text in documents {
            let document = try Array(text.utf8).withUnsafeBytes { bytes throws(DocumentError) in try reader.parse(bytes) }
            containers += document.withRoot { Self.check($0) }
        }
        #expect(containers > 50)
    }
}
