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
    public static func write(
        _ graph: RouteGraph, formats: [OutputFormat], to directory: String, settings: ExportSettings = ExportSettings()
    ) throws(OutputError) -> [String] {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        if let picture = formats.first(where: \.needsGraphviz), !GraphvizRenderer.isAvailable() {
            // Before anything is written, so a run that cannot finish changes nothing.
            throw .renderFailed(path: base + picture.fileNames[0], reason: GraphvizRenderer.missingAdvice)
        }
        try OutputDirectory.create(directory)
        var written: [String] = []
        for format in OutputFormat.allCases where formats.contains(format) {
            switch format {
            case .graphml: try GraphMLWriter.write(graph, to: base + "graph.graphml", style: settings.graphMLStyle)
            case .dot: try DOTWriter.write(graph, to: base + "graph.dot")
            case .csv:
                let (dialect, encoding) = (settings.csvDialect, settings.csvEncoding)
                try CSVWriter.writeNodes(graph, to: base + "nodes.csv", dialect: dialect, encoding: encoding)
                try CSVWriter.writeEdges(graph, to: base + "edges.csv", dialect: dialect, encoding: encoding)
                try FlatTableWriter.write(graph, into: base, encoding: encoding)
            case .jsonl: try JSONLinesWriter.write(graph, to: base + "graph.jsonl")
            case .svg: try GraphvizRenderer.render(graph, as: .svg, to: base + "graph.svg")
            case .png: try GraphvizRenderer.render(graph, as: .png, to: base + "graph.png")
            }
            written += format.fileNames.map { base + $0 }
        }
        return written
    }
}
