import Foundation
import Testing
@testable import RouteGraph

/// Inputs the fuzzers (scripts/fuzz.sh) found breaking an invariant, kept so the fix stays.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// What DocumentStream makes of a file: documents as (line, text) and rejections.
    private func split(_ bytes: [UInt8], name: String = "archive.jsonl", limit: Int = InputLimits().maxDocumentBytes)
        throws -> (documents: [(line: Int?, text: String)], rejections: [Rejection])
    {
        let scratch = try ScratchDirectory()
        let path = scratch.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var documents: [(line: Int?, text: String)] = []
        var rejections: [Rejection] = []
        try DocumentStream(file: InputFile(path: path), limits: InputLimits(maxDocumentBytes: limit)).read(
            handle: { bytes, _, location in documents.append((location.line, String(decoding: bytes, as: UTF8.self))) },
            reject: { rejections.append($0) })
        return (documents, rejections)
    }

    /// jsonl-crash-78556423…: the two bytes read ahead to detect gzip were never searched for a line
    /// end, so a first line of zero or one byte ran into the second: the second line got line number 1,
    /// and a one-byte first line (`1\n{…}`) made the valid response after it unreadable.
    @Test func lineEndInTheFirstTwoBytesEndsTheFirstLine() throws {
        let found: [UInt8] = [0x0A, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0]
        let (documents, rejections) = try split(found)
        #expect(rejections.isEmpty)
        #expect(documents.map(\.line) == [2])
        #expect(documents.first?.text.utf8.count == 12)

        let (short, _) = try split(Array("1\n{\"a\":1}\n".utf8))
        #expect(short.map(\.line) == [1, 2])
        #expect(short.map(\.text) == ["1", "{\"a\":1}"])
    }

    @Test func oneByteFirstLineDoesNotCostTheResponseAfterIt() throws {
        let scratch = try ScratchDirectory()
        let response = try String(contentsOf: packageRoot.appendingPathComponent("Examples/shapes/archive.jsonl"), encoding: .utf8)
            .split(separator: "\n")[0]
        let path = scratch.path("archive.jsonl")
        try Data("x\n\(response)\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = Conversion.run(inputs: [path], options: ConversionOptions(threads: 1))
        #expect(result.report.documents == 2)
        #expect(result.report.converted == 1)
        #expect(result.report.rejections.map(\.location) == [InputLocation(input: path, line: 1)])
    }

    /// jsonl-crash-057d860e…: the line limit was only enforced once a line filled the 4 MiB read
    /// buffer, so with a smaller --max-document-size longer lines were still handed out.
    @Test func lineOverTheLimitIsRejectedWhateverTheBufferSize() throws {
        let long = String(repeating: "a", count: 500)
        let exact = String(repeating: "b", count: 100)
        let (documents, rejections) = try split(Array("{}\n\(long)\n\(exact)\n{}".utf8), limit: 100)
        #expect(documents.map(\.line) == [1, 3, 4])
        #expect(rejections.map(\.location.line) == [2])
        #expect(rejections.map(\.code) == [.tooLarge])
    }

    /// The same for a whole document: one of exactly the limit is read, one byte more is not, also
    /// below the 64 KiB the first read buffer holds.
    @Test func documentLimitIsExact() throws {
        let document = Array(("{\"a\":\"" + String(repeating: "x", count: 92) + "\"}").utf8)
        #expect(document.count == 100)
        let atLimit = try split(document, name: "a.json", limit: 100)
        #expect(atLimit.documents.count == 1 && atLimit.rejections.isEmpty)
        let overLimit = try split(document, name: "a.json", limit: 99)
        #expect(overLimit.documents.isEmpty)
        #expect(overLimit.rejections.map(\.code) == [.tooLarge])
    }

    /// jsonl-crash-f4231095…: a file of unknown kind is probed for JSON Lines by reading up to its
    /// first line; when it was not JSON Lines, reading the whole document copied those bytes into a
    /// first buffer sized for the document limit, past its end (a heap overflow under ASan). Now a
    /// probe longer than the limit is a too-large document, and the buffer holds what was probed.
    @Test func probedBytesLongerThanTheLimitAreATooLargeDocument() throws {
        let document = Array(#"{"TotalCount": 1, "note": "one pretty-printed document, longer than the limit"}"#.utf8)
        let result = try split(document + [0x0A], name: "saved.txt", limit: 16)
        #expect(result.documents.isEmpty)
        #expect(result.rejections.map(\.code) == [.tooLarge])
        let fits = try split(document + [0x0A], name: "saved.txt", limit: 4096)
        #expect(fits.documents.count == 1 && fits.documents[0].line == nil)
    }
}
