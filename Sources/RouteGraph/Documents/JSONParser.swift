internal import CSimdJSON

/// Parses JSON text into a `Tape`, with simdjson (about 1 GB/s on one core here, against 50 MB/s
/// for Foundation's JSONSerialization). One parser per thread: each parse reuses its buffers, and
/// the tape it returns is valid until the next parse.
final class JSONParser {
    private let parser: OpaquePointer

    /// The deepest nesting a document may have; deeper ones are rejected, not recursed into.
    let maxDepth: Int

    init(maxDepth: Int = 1024) {
        self.maxDepth = maxDepth
        guard let parser = routegraph_json_parser_create(maxDepth) else {
            fatalError("routegraph: out of memory creating a JSON parser")
        }
        self.parser = parser
    }

    deinit { routegraph_json_parser_destroy(parser) }

    /// Bytes past a document's end that must be readable for parsing without a copy.
    static let padding = routegraph_json_padding()

    /// Parses `bytes`; `capacity` is how many bytes from its start may be read, so that input
    /// with padding is parsed in place.
    func parse(_ bytes: UnsafeRawBufferPointer, capacity: Int? = nil) throws(DocumentError) -> Tape {
        let (code, tape) = parseOnce(bytes, capacity: capacity ?? bytes.count)
        if let tape { return tape }
        if code == routegraph_json_depth_error() {
            throw .tooDeep(limit: maxDepth)
        }
        if code == Self.numberError, let quoted = OversizedNumbers.quoted(bytes) {
            // Parsed from the copy (simdjson pads it in a buffer of its own); the tape does not
            // point into the input, so the copy can go when this returns.
            if let tape = quoted.withUnsafeBytes({ parseOnce($0, capacity: $0.count).tape }) { return tape }
        }
        throw .invalidJSON(JSONTruncation.reason(bytes) ?? String(cString: routegraph_json_error_message(code)))
    }

    private static let numberError = routegraph_json_number_error()

    /// One call of simdjson: the tape, or simdjson's error code.
    private func parseOnce(_ bytes: UnsafeRawBufferPointer, capacity: Int) -> (code: Int32, tape: Tape?) {
        var words: UnsafePointer<UInt64>?
        var strings: UnsafePointer<UInt8>?
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let code = routegraph_json_parse(parser, base, bytes.count, capacity, &words, &strings)
        guard code == 0, let words, let strings else { return (code, nil) }
        return (code, Tape(words: words, strings: strings))
    }

    /// Parses a string (for JSON carried inside a JSON string, such as `Services`).
    func parse(_ text: String) throws(DocumentError) -> Tape {
        var text = text
        let result: Result<Tape, DocumentError> = text.withUTF8 { bytes in
            do throws(DocumentError) { return .success(try parse(UnsafeRawBufferPointer(bytes))) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// Why a document could not be parsed.
enum DocumentError: Error, Sendable, Equatable {
    case invalidJSON(String)
    case invalidXML(String)
    case tooDeep(limit: Int)
    case forbiddenXML(String)

    var message: String {
        switch self {
        case .invalidJSON(let why): "not valid JSON: \(why)"
        case .invalidXML(let why): "not well-formed XML: \(why)"
        case .tooDeep(let limit): "nested deeper than \(limit) levels; raise --max-depth if the document is genuine"
        case .forbiddenXML(let why): "XML refused for safety: \(why)"
        }
    }
}
