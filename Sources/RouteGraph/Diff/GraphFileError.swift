/// Why a canonical graph file (`graph.jsonl`) could not be read. Every case names the file, and the
/// line where there is one, as `path:line`.
public enum GraphFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (or its gzip is broken).
    case unreadable(path: String, reason: String)
    /// A line is not valid JSON, or is longer than the document limit.
    case invalidLine(InputLocation, reason: String)
    /// A line is valid JSON but not a node or edge record of the canonical form.
    case notARecord(InputLocation, reason: String)
    /// An attribute is unknown, belongs to the other element, or has a value of the wrong type.
    case badAttribute(InputLocation, name: String, reason: String)

    /// `path:line: reason`, with what to do where the reader can say.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): \(reason)"
        case .invalidLine(let location, let reason):
            "\(location): \(reason); graph.jsonl files are written by `routegraph convert --format jsonl`, "
                + "rewrite it from the responses if it was edited by hand or cut short"
        case .notARecord(let location, let reason):
            "\(location): not a canonical graph record: \(reason); see Schemas/graph.schema.json"
        case .badAttribute(let location, let name, let reason):
            "\(location): attribute '\(name)' \(reason); see Schemas/graph.schema.json "
                + "(a file from a newer routegraph needs that version to read it)"
        }
    }
}
