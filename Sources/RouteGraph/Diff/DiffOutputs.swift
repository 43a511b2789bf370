/// The files `routegraph diff` writes into its output directory.
public enum DiffOutputs {
    public static let changes = "changes.csv"
    public static let dot = "diff.dot"
    public static let graphML = "diff.graphml"
    public static let svg = "diff.svg"

    /// Writes `changes.csv`, `diff.dot` (limited to `context` hops around the changes when given)
    /// and `diff.graphml` into `directory` (created if missing), each atomically; returns the paths.
    public static func write(_ diff: GraphDiff, context: Int? = nil, to directory: String) throws(OutputError) -> [String] {
        try OutputDirectory.create(directory)
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        try ChangesCSVWriter.write(diff, to: base + changes)
        try DiffDOTWriter.write(diff, context: context, to: base + dot)
        try DiffGraphMLWriter.write(diff, to: base + graphML)
        return [base + changes, base + dot, base + graphML]
    }
}
