/// The formats `convert` writes, and the files each becomes in the output directory.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case graphml
    case dot
    case csv
    case jsonl

    /// The file names this format writes.
    public var fileNames: [String] {
        switch self {
        case .graphml: ["graph.graphml"]
        case .dot: ["graph.dot"]
        case .csv: ["nodes.csv", "edges.csv"] + FlatTableWriter.fileNames
        case .jsonl: ["graph.jsonl"]
        }
    }
}

/// Writes a graph in several formats into a directory, each file atomically.
public enum GraphExport {
    /// Writes `formats` into `directory` (created if missing) and returns the paths written.
    public static func write(
        _ graph: RouteGraph, formats: [OutputFormat], to directory: String, settings: ExportSettings = ExportSettings()
    ) throws(OutputError) -> [String] {
        try OutputDirectory.create(directory)
        var written: [String] = []
        let base = directory.hasSuffix("/") ? directory : directory + "/"
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
            }
            written += format.fileNames.map { base + $0 }
        }
        return written
    }
}
