/// Why an output file could not be written. Nothing is left half written when one is thrown: the
/// file being written is a temporary one, removed, and the previous output stays as it was.
public enum OutputError: Error, Sendable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case renameFailed(path: String, reason: String)
    /// A picture (svg, png) could not be rendered; the reason says what to do, such as which
    /// package to install when Graphviz is missing.
    case renderFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            "cannot create \(path): \(reason); check that the output directory exists and is writable"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason); check free disk space and permissions"
        case .renameFailed(let path, let reason):
            "cannot move the finished file into place at \(path): \(reason)"
        case .renderFailed(let path, let reason):
            "cannot render \(path): \(reason)"
        }
    }
}
