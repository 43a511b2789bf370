import Testing
@testable import RouteGraph

@Suite("JSON cut short")
struct JSONTruncationTests {
    private func open(_ text: String) -> JSONTruncation.OpenAtEnd? {
        var text = text
        return text.withUTF8 { JSONTruncation.openAtEnd(UnsafeRawBufferPointer($0)) }
    }

    @Test func countsWhatIsStillOpen() {
        #expect(open(#"{"Data": {"Routes": [{"Id": 1}, "#) == .init(objects: 2, arrays: 1, inString: false))
        #expect(open(#"{"Data": {"Name": "cut he"#) == .init(objects: 2, arrays: 0, inString: true))
        #expect(open("[[[") == .init(objects: 0, arrays: 3, inString: false))
    }

    @Test func bracketsAndQuotesInsideStringsDoNotCount() {
        #expect(open(#"{"a": "}]{[", "b": "say \"}\" \\"}"#) == nil)
        #expect(open(#"{"a": "\\\"{"#) == .init(objects: 1, arrays: 0, inString: true))
    }

    /// Malformed but complete text is not "cut short": its own parser message stays.
    @Test func completeOrMismatchedTextIsNotTruncated() {
        #expect(open(#"{"a": 1}"#) == nil)
        #expect(open(#"{"a": 1,}"#) == nil)
        #expect(open(#"{"a": [1}"#) == nil)
        #expect(open(#"{"a": 1}}"#) == nil)
        #expect(open("") == nil)
    }

    @Test func theParserNamesTheCauseOnlyForTextCutShort() {
        let parser = JSONParser()
        let cut = #expect(throws: DocumentError.self) { try parser.parse(#"{"Data": {"Routes": [{"Id": 1}, "#) }
        #expect(cut?.message.contains("cut short") == true, "\(String(describing: cut))")
        #expect(cut?.message.contains("2 objects and 1 array") == true, "\(String(describing: cut))")
        let malformed = #expect(throws: DocumentError.self) { try parser.parse(#"{"a": 1,}"#) }
        #expect(malformed?.message.hasPrefix("not valid JSON") == true)
        #expect(malformed?.message.contains("cut short") == false)
    }
}
