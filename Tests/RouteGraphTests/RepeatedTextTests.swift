import Testing
@testable import RouteGraph

/// `RepeatedText` and `RepeatedStrings` give what `trimmedText` and `uniqueSortedStrings` give,
/// whatever came before: reused Strings are only ever the same text.
@Suite("Repeated-text cache")
struct RepeatedTextTests {
    /// Values in an order where each is read after texts it equals, nearly equals, or not.
    static let values: [String] = [
        #""vco-1""#, #""vco-1""#, #""vco-2""#, #""vco-1""#, #"" vco-1 ""#, #""vco-1\t""#, #""VCO-1""#,
        #""a-connection-id-longer-than-fifteen""#, #""a-connection-id-longer-than-fifteen""#,
        #""a-connection-id-longer-than-fifteeN""#, #""""#, #""   ""#, "null", "17", "17.5", "true", #""17""#,
        #""é""#, #""e\u0301""#, #""e\u0301""#, #""é""#, #"" \u00e9 ""#, #"" e\u0301 ""#, #"" e\u0301 ""#,
        #""tab\tinside""#, #""tab\tinside""#, #""line\nbreak""#, #""\r\n x \r\n""#, #""\r\n x \r\n""#, #""x""#,
        #""\u0000""#, #""\u0000""#, #""日本""#, #""日本""#, "{}", "[]", #""vco-1""#,
    ]

    @Test("trimmed text, in every order of repeats")
    func trimmedText() throws {
        let parser = JSONParser()
        for order in [Self.values, Self.values.reversed(), Self.values.flatMap { [$0, $0] }] {
            var cache = RepeatedText()
            for value in order {
                let element = try parser.parse("[\(value)]").root.elements[0]
                let got = cache.trimmedText(of: element)
                let expected = element.trimmedText
                #expect(got.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(value)")
            }
            #expect(cache.trimmedText(of: nil) == nil)
        }
    }

    /// Lists in an order where each repeats the one before, or differs from it a little.
    static let lists: [String] = [
        #"["t-2","t-1"]"#, #"["t-2","t-1"]"#, #"["t-1","t-2"]"#, #"["t-2"]"#, #"["t-2","t-1","t-1"]"#,
        #"["t-2","","t-1"]"#, #"["t-2"," t-1 "]"#, #"["t-2","t-1"]"#, #"[]"#, #"[]"#, "null", #""t-1""#,
        #"{"TunnelId":["t-1","t-2"]}"#, #"{"TunnelId":"t-1"}"#, #"["t-1",7]"#, #"["t-1",7]"#, #"["t-1","7"]"#,
        #"["é","e\u0301"]"#, #"["é","e\u0301"]"#, #"["e\u0301","é"]"#, #"[" é"," é"]"#, #"[" é"," é"]"#,
        #"["b","a","b","c"]"#, #"["b","a","b","c"]"#, #"["b","a","b","c",""]"#,
    ]

    @Test("unique sorted lists, in every order of repeats")
    func lists() throws {
        let parser = JSONParser()
        for order in [Self.lists, Self.lists.reversed(), Self.lists.flatMap { [$0, $0] }] {
            var cache = RepeatedStrings()
            for list in order {
                let element = try parser.parse("[\(list)]").root.elements[0]
                let got = cache.uniqueSortedStrings(of: element, wrappedAs: ["TunnelId"])
                let expected = element.uniqueSortedStrings(wrappedAs: ["TunnelId"])
                #expect(got.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(list)")
            }
        }
    }
}
