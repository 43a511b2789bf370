import ArgumentParser
import RouteGraph

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge graph.jsonl fragments from shards of an archive into the graph of the whole archive.",
        discussion: """
            Each fragment is a canonical graph.jsonl (gzip allowed) written by `convert --format \
            jsonl` on one shard of an archive, or by an earlier merge. The result is what one \
            convert over the whole archive gives: each route from its newest snapshot, VPN entries \
            unioned, each connection's counts recomputed. The order of the fragments does not \
            matter, a fragment given twice counts once, and merges can be merged again. \
            docs/merge.md gives the rules and the one case where a shared service, domain or \
            gateway can differ from a single run.

            Exit status: 0 merged (warnings allowed); 2 a fragment could not be read or an output \
            could not be written.

            Examples:
              routegraph convert shard-1.jsonl --output part-1 --format jsonl
              routegraph convert shard-2.jsonl --output part-2 --format jsonl
              routegraph merge part-1/graph.jsonl part-2/graph.jsonl --output out --report out/report.json
            """
    )

    @Argument(help: ArgumentHelp("graph.jsonl fragments to merge.", valueName: "fragment"))
    var fragments: [String]

    @OptionGroup var export: ExportOptions

    @Option(
        name: [.short, .long], help: ArgumentHelp("The directory to write into; created if missing.", valueName: "dir"))
    var output: String

    @Option(
        help: ArgumentHelp(
            "Comma-separated formats to write: graphml, dot, csv, jsonl; svg, png (need Graphviz).",
            valueName: "formats"))
    var format: String = OutputFormat.defaultFormats.map(\.rawValue).joined(separator: ",")

    @Option(
        help: ArgumentHelp(
            "Also write a JSON report (fragments, warnings, counts, files written) to this file.", valueName: "file"))
    var report: String?

    @Flag(name: .shortAndLong, help: "Print only problems, not the summary.")
    var quiet = false

    @Flag(help: "Print the seconds spent reading the fragments, merging them, focusing the graph (where asked), packing it for the writers (part of merging for canonical fragments), redacting it (where asked) and writing, each with the CPU seconds of all threads, and the peak resident memory, on standard error.")
    var timings = false

    func validate() throws {
        _ = try OutputFormat.list(parsing: format)
    }

    func run() throws {
        Interrupts.install()
        var clock = PhaseClock()
        var merged: Merged
        do {
            // Canonical fragments, as convert and merge write them, are merged with their VPN
            // edges packed as they are read; any others through Swift graphs.
            if let read = try FragmentMerge.readPacked(paths: fragments) {
                clock.end("reading")
                merged = .packed(FragmentMerge.mergePacked(consume read))
            } else {
                let graphs = try FragmentMerge.read(paths: fragments)
                clock.end("reading")
                merged = .graph(FragmentMerge.merge(consume graphs))
            }
        } catch {
            Terminal.error("routegraph: \(error)")
            throw ExitCode(2)
        }
        // The counts the report and summary give, taken before the graph is handed to the writers,
        // which let it go.
        let counts = merged.counts
        let warnings = merged.warnings
        var outputs: [String] = []
        var status: Int32 = 0
        do {
            let formats = try OutputFormat.list(parsing: format)
            clock.end("merging")
            let reshaping = try export.reshaping { clock.end($0) }
            switch consume merged {
            case .packed(let result):
                outputs = try GraphExport.write(
                    merged: result, formats: formats, to: output, settings: export.settings, reshaping: reshaping)
            case .graph(var result):
                // Handed over whole, never shared, so that the writers let it go as they pack it.
                var graph = RouteGraph(nodes: [], edges: [])
                swap(&graph, &result.graph)
                outputs = try GraphExport.write(
                    releasing: consume graph, formats: formats, to: output, settings: export.settings, reshaping: reshaping)
            }
            clock.end("writing")
        } catch {
            Terminal.error("routegraph: \(error)")
            status = 2
        }
        if timings { clock.print() }
        if let path = report {
            do {
                let file = try AtomicFile(path: path)
                try file.write(FragmentMerge.reportJSON(warnings: warnings, fragments: fragments, outputs: outputs, counts: counts))
                try file.commit()
            } catch {
                Terminal.error("routegraph: cannot write the report: \(error)")
                status = 2
            }
        }
        for warning in warnings {
            Terminal.error("warning: " + (warning.location.map { "\($0): " } ?? "") + warning.message)
        }
        if !quiet {
            Terminal.error(
                "merged \(fragments.count) fragment\(fragments.count == 1 ? "" : "s"): \(counts.nodeTotal) nodes, \(counts.edgeTotal) edges"
            )
            if !outputs.isEmpty { Terminal.error("wrote \(outputs.joined(separator: ", "))") }
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// A merge's result: a graph to pack, or one packed as it was merged.
private enum Merged {
    case graph(FragmentMerge.Result)
    case packed(FragmentMerge.PackedResult)

    var counts: GraphCounts {
        switch self {
        case .graph(let result): GraphCounts(result.graph)
        case .packed(let result): result.counts
        }
    }

    var warnings: [ConversionWarning] {
        switch self {
        case .graph(let result): result.warnings
        case .packed(let result): result.warnings
        }
    }
}
