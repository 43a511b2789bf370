/// One side of a diff: the graph built from its inputs, and how it was built.
///
/// A side may mix responses (files, directories, archives, `-`) and canonical graph files
/// (`graph.jsonl`, found by content, see `GraphJSONLinesReader.isGraphFile`). The responses are
/// converted together with `Conversion.run`, so its snapshot rules apply across all of them; the
/// graph files are then laid over that graph in the order given, each overriding the attributes of
/// the nodes and edges it shares with what came before (`GraphUnion`).
public struct DiffSide: Sendable {
    /// The union of the responses' graph and the graph files, in that order.
    public var graph: RouteGraph
    /// The conversion of the side's responses; empty when it has none.
    public var report: ConversionReport
    /// The graph files read, in the order given.
    public var graphFiles: [String]
    /// Graph files that could not be read; a side with any is not usable.
    public var graphFileErrors: [GraphFileError]

    /// True when the side has a graph to compare: some response converted or some graph file read,
    /// and no graph file failed (a graph file read in part would show as removals).
    public var isUsable: Bool {
        graphFileErrors.isEmpty && (report.converted > 0 || !graphFiles.isEmpty)
    }

    /// Builds the side from `inputs`.
    public static func load(inputs: [String], options: ConversionOptions = ConversionOptions()) -> DiffSide {
        let (files, problems) = InputDiscovery.expand(inputs)
        var responses: [String] = []
        var graphFiles: [String] = []
        for file in files {
            if GraphJSONLinesReader.isGraphFile(path: file.path) { graphFiles.append(file.path) } else { responses.append(file.path) }
        }
        var graphs: [RouteGraph] = []
        var report = ConversionReport()
        if !responses.isEmpty {
            let result = Conversion.run(inputs: responses, options: options)
            report = result.report
            if report.converted > 0 { graphs.append(result.graph) }
        }
        report.documents += problems.count
        report.rejections += problems
        report.normalise()

        let reader = GraphJSONLinesReader(limits: options.limits)
        var errors: [GraphFileError] = []
        for path in graphFiles {
            do throws(GraphFileError) { graphs.append(try reader.read(path: path)) } catch { errors.append(error) }
        }
        return DiffSide(graph: GraphUnion.of(graphs), report: report, graphFiles: graphFiles, graphFileErrors: errors)
    }
}
