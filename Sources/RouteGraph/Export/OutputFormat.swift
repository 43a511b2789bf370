
/// The formats `convert` writes, and the files each becomes in the output directory.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case graphml
    case dot
    case csv
    case jsonl
    /// A picture rendered from the DOT output by Graphviz's `dot`, which must be installed.
    case svg
    /// A picture rendered from the DOT output by Graphviz's `dot`, which must be installed.
    case png

    /// What `convert` writes when no format is named: everything that needs no other program.
    public static let defaultFormats: [OutputFormat] = [.graphml, .dot, .csv, .jsonl]

    /// Whether writing this format needs Graphviz.
    public var needsGraphviz: Bool { self == .svg || self == .png }

    /// The file names this format writes.
    public var fileNames: [String] {
        switch self {
        case .graphml: ["graph.graphml"]
        case .dot: ["graph.dot"]
        case .csv: ["nodes.csv", "edges.csv"] + FlatTableWriter.fileNames
        case .jsonl: ["graph.jsonl"]
        case .svg: ["graph.svg"]
        case .png: ["graph.png"]
        }
    }
}

/// Writes a graph in several formats into a directory, each file atomically.
public enum GraphExport {
    /// Writes `formats` into `directory` (created if missing) and returns the paths written.
    ///
    /// Up to `threads` threads share the work of all files: most files are cut into pieces rendered
    /// by any thread and written in order (see `ExportScheduler`); each writer only reads the graph.
    /// On failure the error of the first failing file, in format order, is thrown.
    public static func write(
        _ graph: RouteGraph, formats: [OutputFormat], to directory: String, settings: ExportSettings = ExportSettings(),
        threads: Int = ConversionOptions.defaultThreads
    ) throws(OutputError) -> [String] {
        let base = try prepare(directory, for: formats)
        return try write(PackedGraph(graph), formats: formats, base: base, settings: settings, threads: threads)
    }

    /// Writes as `write(_:formats:to:settings:threads:)` does, letting the graph go while it is
    /// packed for the writers, so that it and its packed form are never both held whole: for callers
    /// with no further use for the graph, such as the command line. The caller must hold no other
    /// copy of it, or its storage is copied first and nothing is saved.
    ///
    /// `packed` is called once the graph is packed, before any file is rendered: the command
    /// line's `--timings` tells packing and writing apart by it.
    public static func write(
        releasing graph: consuming RouteGraph, formats: [OutputFormat], to directory: String,
        settings: ExportSettings = ExportSettings(), threads: Int = ConversionOptions.defaultThreads,
        packed: () -> Void = {}
    ) throws(OutputError) -> [String] {
        let base = try prepare(directory, for: formats)
        let graph = PackedGraph(releasing: consume graph)
        packed()
        return try write(graph, formats: formats, base: base, settings: settings, threads: threads)
    }

    /// Writes as `write(_:formats:to:settings:threads:)` does, at the pace given rather than the one
    /// the graph's size picks: for the tests that compare them.
    static func write(_ graph: RouteGraph, formats: [OutputFormat], to directory: String, threads: Int, pace: ExportPace)
        throws(OutputError) -> [String]
    {
        let base = try prepare(directory, for: formats)
        return try write(PackedGraph(graph), formats: formats, base: base, settings: ExportSettings(), threads: threads, pace: pace)
    }

    /// Checks what the formats need and creates the directory, before anything is written, so a
    /// run that cannot finish changes nothing; returns the directory with a final slash.
    private static func prepare(_ directory: String, for formats: [OutputFormat]) throws(OutputError) -> String {
        let base = try checkTools(directory, for: formats)
        try OutputDirectory.create(directory)
        return base
    }

    /// Checks that the tools the formats need are there; returns the directory with a final slash.
    static func checkTools(_ directory: String, for formats: [OutputFormat]) throws(OutputError) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if let picture = formats.first(where: \.needsGraphviz), !GraphvizRenderer.isAvailable() {
            throw .renderFailed(path: base + picture.fileNames[0], reason: GraphvizRenderer.missingAdvice)
        }
        return base
    }

    /// Every file of `formats` from the graph packed once for all of them: each writer then reads
    /// it without reference counting (see `PackedGraph`).
    static func write(
        _ packed: PackedGraph, formats: [OutputFormat], base: String, settings: ExportSettings, threads: Int,
        pace: ExportPace? = nil
    ) throws(OutputError) -> [String] {
        let chosen = OutputFormat.allCases.filter { formats.contains($0) }
        let (dialect, encoding, style) = (settings.csvDialect, settings.csvEncoding, settings.graphMLStyle)
        let jobs: [ExportJob] = chosen.flatMap { format -> [ExportJob] in
            switch format {
            case .graphml: [.pieces(path: base + "graph.graphml", plan: { () throws(OutputError) in GraphMLWriter.plan(packed, style: style) })]
            case .dot: [.pieces(path: base + "graph.dot", plan: { DOTWriter.plan(packed) })]
            case .csv:
                [
                    .pieces(path: base + "nodes.csv", plan: { CSVWriter.nodesPlan(packed, dialect: dialect, encoding: encoding) }),
                    .pieces(path: base + "edges.csv", plan: { CSVWriter.edgesPlan(packed, dialect: dialect, encoding: encoding) }),
                    .pieces(path: base + GatewayRoutesTable.fileName, plan: { FlatTableWriter.plan(GatewayRoutesTable.self, packed, encoding: encoding) }),
                    .pieces(path: base + IpsecRoutesTable.fileName, plan: { FlatTableWriter.plan(IpsecRoutesTable.self, packed, encoding: encoding) }),
                ]
            case .jsonl: [.pieces(path: base + "graph.jsonl", plan: { JSONLinesWriter.plan(packed) })]
            case .svg: [.external(path: base + "graph.svg", write: { () throws(OutputError) in try GraphvizRenderer.render(packed, as: .svg, to: base + "graph.svg") })]
            case .png: [.external(path: base + "graph.png", write: { () throws(OutputError) in try GraphvizRenderer.render(packed, as: .png, to: base + "graph.png") })]
            }
        }
        let order = jobs.indices.sorted { expectedCost(jobs[$0]) > expectedCost(jobs[$1]) }
        let pace = pace ?? ExportPace.forGraph(rows: packed.nodes.count + packed.edges.count)
        let failures = ExportScheduler.run(jobs, order: order, threads: threads, pace: pace)
        if let first = failures.lazy.compactMap({ $0 }).first { throw first }
        return chosen.flatMap { format in format.fileNames.map { base + $0 } }
    }

    /// The order in which threads take up files. A picture is one long task for one thread (and
    /// Graphviz), best started first; pieced files follow, costliest first (about their size on a
    /// typical graph: graph.graphml 65 MB, graph.jsonl 44 MB, graph.dot 31 MB, edges.csv 19 MB,
    /// ipsec-routes.csv 7 MB, nodes.csv 5 MB, gateway-routes.csv 1 MB), so the threads finish the
    /// small ones together at the end.
    private static func expectedCost(_ job: ExportJob) -> Int {
        switch job {
        case .external: return 3000
        case .pieces(let path, _):
            switch fileName(path) {
            case "graph.graphml": return 65
            case "graph.jsonl": return 44
            case "graph.dot": return 31
            case "edges.csv": return 19
            case IpsecRoutesTable.fileName: return 7
            case "nodes.csv": return 5
            default: return 1
            }
        }
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
