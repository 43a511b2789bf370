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

    /// How many nodes `diff.dot` draws for `diff` with `context`: what decides whether Graphviz can
    /// lay it out in reasonable time (see `pictureNodeLimit`).
    public static func drawnNodeCount(_ diff: GraphDiff, context: Int? = nil) -> Int {
        DiffView(diff, context: context).graph.nodes.count
    }

    /// The most nodes `diff.svg` is drawn for by default. Graphviz's `dot` layout grows much faster
    /// than the graph: on generated graphs here it took 0.5 s for 500 nodes, 1.9 s for 960 and
    /// 17 s for 1,900, and a 10,000-node diff ran for over ten minutes without finishing.
    public static let pictureNodeLimit = 2_000

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

    /// True when Graphviz's `dot` is on `PATH`, so `drawSVG` can run.
    public static var canDraw: Bool { GraphvizRenderer.isAvailable() }

    /// Draws `diff.svg` from the `diff.dot` at `dotPath`, beside it, atomically; returns its path.
    /// A failing `dot` leaves no picture and throws `OutputError.renderFailed` with its message.
    public static func drawSVG(fromDOT dotPath: String) throws(OutputError) -> String {
        let svgPath = (dotPath.hasSuffix(".dot") ? String(dotPath.dropLast(".dot".count)) : dotPath) + ".svg"
        try GraphvizRenderer.render(dotFile: dotPath, as: .svg, to: svgPath)
        return svgPath
    }
}
