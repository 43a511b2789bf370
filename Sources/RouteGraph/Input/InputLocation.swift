/// Where a document came from: the input as given on the command line (or the file found under a
/// directory given there) and, for JSON Lines, the line. It orders snapshots that tie on time, so
/// its order is part of the output contract: by path, compared as UTF-8 bytes, then by line.
public struct InputLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as given on the command line or found under a directory given there; `-` for
    /// standard input.
    public var input: String
    /// The 1-based line for JSON Lines; nil for a whole-file document.
    public var line: Int?

    /// A location; `line` only for JSON Lines.
    public init(input: String, line: Int? = nil) {
        self.input = input
        self.line = line
    }

    /// `path` or `path:line`, as the provenance attribute and every message write it.
    public var description: String { line.map { "\(input):\($0)" } ?? input }

    public static func < (lhs: InputLocation, rhs: InputLocation) -> Bool {
        if lhs.input != rhs.input { return ByteOrder.precedes(lhs.input, rhs.input) }
        return (lhs.line ?? 0) < (rhs.line ?? 0)
    }
}
