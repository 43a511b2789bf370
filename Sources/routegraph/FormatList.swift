import ArgumentParser
import RouteGraph

extension OutputFormat {
    /// The formats a `--format` value names, in the order given, each once; shared by every
    /// command that writes a graph.
    static func list(parsing text: String) throws -> [OutputFormat] {
        var result: [OutputFormat] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters() }) where !name.isEmpty {
            guard let f = OutputFormat(rawValue: name.lowercased()) else {
                throw ValidationError(
                    "Unknown format '\(name)' in --format; choose from \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            if !result.contains(f) { result.append(f) }
        }
        guard !result.isEmpty else {
            throw ValidationError("--format names no format; choose from graphml, dot, csv, jsonl.")
        }
        return result
    }
}
