/// The files `routegraph diff` writes into its output directory.
public enum DiffOutputs {
    /// The file name of the table of changes (`ChangesCSVWriter`).
    public static let changes = "changes.csv"
    /// The file name of the union graph in DOT, changes coloured.
    public static let dot = "diff.dot"
    /// The file name of the union graph in GraphML, each element with its change.
    public static let graphML = "diff.graphml"
    /// The file name of the SVG that the CLI renders from `diff.dot` when Graphviz is installed.
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
