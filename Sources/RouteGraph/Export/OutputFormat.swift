import Dispatch
import Synchronization

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
    /// One file (or, for the flat tables, one pair of files) to write.
    private typealias Job = (path: String, write: @Sendable (RouteGraph, String) throws(OutputError) -> Void)

    /// Writes `formats` into `directory` (created if missing) and returns the paths written.
    ///
    /// The files are written at the same time, one thread each, up to `threads`: each writer only
    /// reads the graph. On failure the error of the first failing file, in format order, is thrown.
    public static func write(
        _ graph: RouteGraph, formats: [OutputFormat], to directory: String, settings: ExportSettings = ExportSettings(),
        threads: Int = ConversionOptions.defaultThreads
    ) throws(OutputError) -> [String] {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if let picture = formats.first(where: \.needsGraphviz), !GraphvizRenderer.isAvailable() {
            // Before anything is written, so a run that cannot finish changes nothing.
            throw .renderFailed(path: base + picture.fileNames[0], reason: GraphvizRenderer.missingAdvice)
        }
        try OutputDirectory.create(directory)
        let chosen = OutputFormat.allCases.filter { formats.contains($0) }
        let (dialect, encoding, style) = (settings.csvDialect, settings.csvEncoding, settings.graphMLStyle)
        // GraphML, the largest file, comes first, so the longest job starts first.
        let jobs: [Job] = chosen.flatMap { format -> [Job] in
            switch format {
            case .graphml: [(base + "graph.graphml", { g, p throws(OutputError) in try GraphMLWriter.write(g, to: p, style: style) })]
            case .dot: [(base + "graph.dot", { g, p throws(OutputError) in try DOTWriter.write(g, to: p) })]
            case .csv:
                [
                    (base + "nodes.csv", { g, p throws(OutputError) in try CSVWriter.writeNodes(g, to: p, dialect: dialect, encoding: encoding) }),
                    (base + "edges.csv", { g, p throws(OutputError) in try CSVWriter.writeEdges(g, to: p, dialect: dialect, encoding: encoding) }),
                    (base, { @Sendable g, p throws(OutputError) in try FlatTableWriter.write(g, into: p, encoding: encoding) }),
                ]
            case .jsonl: [(base + "graph.jsonl", { g, p throws(OutputError) in try JSONLinesWriter.write(g, to: p) })]
            case .svg: [(base + "graph.svg", { g, p throws(OutputError) in try GraphvizRenderer.render(g, as: .svg, to: p) })]
            case .png: [(base + "graph.png", { g, p throws(OutputError) in try GraphvizRenderer.render(g, as: .png, to: p) })]
            }
        }
        let failures = ExportFailures(count: jobs.count)
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, jobs.count))) { _ in
            while true {
                let i = next.increment()
                if i >= jobs.count { break }
                do throws(OutputError) { try jobs[i].write(graph, jobs[i].path) } catch { failures.store(i, error) }
            }
        }
        if let first = failures.first { throw first }
        return chosen.flatMap { format in format.fileNames.map { base + $0 } }
    }
}

/// The error of each export job, if any.
private final class ExportFailures: Sendable {
    private let slots: Mutex<[OutputError?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ job: Int, _ error: OutputError) { slots.withLock { $0[job] = error } }

    var first: OutputError? { slots.withLock { $0.lazy.compactMap { $0 }.first } }
}
