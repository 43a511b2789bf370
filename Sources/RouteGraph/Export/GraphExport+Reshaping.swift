/// What the command line asks of the graph between packing and writing: a focus (`--gateway`,
/// `--connection`, `--kinds`), then redaction, both done on the packed graph, so that pseudonyms
/// are drawn only for what is written and no `RouteGraph` is made for either.
package struct ExportReshaping {
    package var focus: GraphFilter?
    package var redactor: Redactor?
    /// Told as each step is done, before any file is rendered: `--timings` tells the phases apart
    /// by it, and the report takes the focused graph's counts from it.
    package var step: (ExportStep) -> Void

    package init(focus: GraphFilter? = nil, redactor: Redactor? = nil, step: @escaping (ExportStep) -> Void = { _ in }) {
        self.focus = focus
        self.redactor = redactor
        self.step = step
    }
}

/// A step of `ExportReshaping` done: the graph packed, focused (with its counts then) or redacted.
package enum ExportStep {
    case packed
    case focused(GraphCounts)
    case redacted
}

/// Why a reshaped graph was not written: the focus names what the graph lacks, or a file could
/// not be written. Nothing is written in the first case.
package enum ReshapedExportError: Error, CustomStringConvertible {
    case focus(FocusError)
    case output(OutputError)

    package var description: String {
        switch self {
        case .focus(let error): error.description
        case .output(let error): error.description
        }
    }
}

extension GraphExport {
    /// Writes `formats` into `directory` from the graph as building left it, packed, then focused
    /// and redacted as `reshaping` asks; the directory is made only once the focus has been found.
    package static func write(
        releasing graph: consuming AssembledGraph, formats: [OutputFormat], to directory: String, settings: ExportSettings,
        threads: Int, reshaping: ExportReshaping
    ) throws(ReshapedExportError) -> [String] {
        let base = try checked { () throws(OutputError) in try checkTools(directory, for: formats) }
        let packed = PackedGraph(releasing: consume graph)
        // Packing may leave the assembled graph to be let go beside writing.
        defer { ReleasedMemory.waitForBackground() }
        return try write(reshaping: packed, as: reshaping, formats: formats, directory: directory, base: base, settings: settings, threads: threads)
    }

    /// `write(releasing:…reshaping:)` for a `RouteGraph` (a merge's), let go as it is packed.
    package static func write(
        releasing graph: consuming RouteGraph, formats: [OutputFormat], to directory: String, settings: ExportSettings,
        threads: Int = ConversionOptions.defaultThreads, reshaping: ExportReshaping
    ) throws(ReshapedExportError) -> [String] {
        let base = try checked { () throws(OutputError) in try checkTools(directory, for: formats) }
        let packed = PackedGraph(releasing: consume graph)
        return try write(reshaping: packed, as: reshaping, formats: formats, directory: directory, base: base, settings: settings, threads: threads)
    }

    /// `write(releasing:…reshaping:)` for a merge made straight to the packed form
    /// (`FragmentMerge.mergePacked`).
    package static func write(
        merged: FragmentMerge.PackedResult, formats: [OutputFormat], to directory: String, settings: ExportSettings,
        threads: Int = ConversionOptions.defaultThreads, reshaping: ExportReshaping
    ) throws(ReshapedExportError) -> [String] {
        let base = try checked { () throws(OutputError) in try checkTools(directory, for: formats) }
        return try write(reshaping: merged.graph, as: reshaping, formats: formats, directory: directory, base: base, settings: settings, threads: threads)
    }

    private static func write(
        reshaping packed: PackedGraph, as reshaping: ExportReshaping, formats: [OutputFormat], directory: String, base: String,
        settings: ExportSettings, threads: Int
    ) throws(ReshapedExportError) -> [String] {
        var graph = packed
        reshaping.step(.packed)
        if let focus = reshaping.focus {
            do { graph = try focus.apply(to: graph) } catch { throw .focus(error) }
            reshaping.step(.focused(graph.counts))
        }
        if let redactor = reshaping.redactor {
            graph = redactor.redact(graph)
            reshaping.step(.redacted)
        }
        return try checked { () throws(OutputError) in
            try OutputDirectory.create(directory)
            return try write(graph, formats: formats, base: base, settings: settings, threads: threads)
        }
    }

    private static func checked<T>(_ body: () throws(OutputError) -> T) throws(ReshapedExportError) -> T {
        do { return try body() } catch { throw .output(error) }
    }
}

extension PackedGraph {
    /// Node and edge counts by kind, every kind listed.
    var counts: GraphCounts {
        GraphCounts(
            nodes: KindTally.count(nodes.count) { nodes[$0].kind },
            edges: KindTally.count(edges.count) { edges[$0].kind })
    }
}
