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
        let jobs: [Job] = chosen.flatMap { format -> [Job] in
            switch format {
            case .graphml: [(base + "graph.graphml", { g, p throws(OutputError) in try GraphMLWriter.write(g, to: p, style: style) })]
            case .dot: [(base + "graph.dot", { g, p throws(OutputError) in try DOTWriter.write(g, to: p) })]
            case .csv:
                [
                    (base + "nodes.csv", { g, p throws(OutputError) in try CSVWriter.writeNodes(g, to: p, dialect: dialect, encoding: encoding) }),
                    (base + "edges.csv", { g, p throws(OutputError) in try CSVWriter.writeEdges(g, to: p, dialect: dialect, encoding: encoding) }),
                    (base + GatewayRoutesTable.fileName, { g, p throws(OutputError) in
                        try FlatTableWriter.write(GatewayRoutesTable.self, g, to: p, encoding: encoding)
                    }),
                    (base + IpsecRoutesTable.fileName, { g, p throws(OutputError) in
                        try FlatTableWriter.write(IpsecRoutesTable.self, g, to: p, encoding: encoding)
                    }),
                ]
            case .jsonl: [(base + "graph.jsonl", { g, p throws(OutputError) in try JSONLinesWriter.write(g, to: p) })]
            case .svg: [(base + "graph.svg", { g, p throws(OutputError) in try GraphvizRenderer.render(g, as: .svg, to: p) })]
            case .png: [(base + "graph.png", { g, p throws(OutputError) in try GraphvizRenderer.render(g, as: .png, to: p) })]
            }
        }
        // Longest first, so the threads run out of work at about the same time rather than one
        // starting the longest file when the others are done.
        let order = jobs.indices.sorted { expectedCost(jobs[$0].path) > expectedCost(jobs[$1].path) }
        let failures = ExportFailures(count: jobs.count)
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, jobs.count))) { _ in
            while true {
                let n = next.increment()
                if n >= jobs.count { break }
                let i = order[n]
                do throws(OutputError) { try jobs[i].write(graph, jobs[i].path) } catch { failures.store(i, error) }
            }
        }
        if let first = failures.first { throw first }
        return chosen.flatMap { format in format.fileNames.map { base + $0 } }
    }

    /// How long writing a file takes, relative to the others: about its size on a typical graph
    /// (graph.graphml 65 MB, graph.jsonl 44 MB, graph.dot 31 MB, edges.csv 19 MB, ipsec-routes.csv
    /// 7 MB, nodes.csv 5 MB, gateway-routes.csv 1 MB); pictures, laid out by Graphviz, take longest.
    private static func expectedCost(_ path: String) -> Int {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        switch name {
        case "graph.svg", "graph.png": return 1000
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

/// The error of each export job, if any.
private final class ExportFailures: Sendable {
    private let slots: Mutex<[OutputError?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ job: Int, _ error: OutputError) { slots.withLock { $0[job] = error } }

    var first: OutputError? { slots.withLock { $0.lazy.compactMap { $0 }.first } }
}
