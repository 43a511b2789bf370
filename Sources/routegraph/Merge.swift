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

    func validate() throws {
        _ = try OutputFormat.list(parsing: format)
    }

    func run() throws {
        Interrupts.install()
        let result: FragmentMerge.Result
        do {
            result = try FragmentMerge.merge(paths: fragments)
        } catch {
            Terminal.error("routegraph: \(error)")
            throw ExitCode(2)
        }
        var outputs: [String] = []
        var status: Int32 = 0
        do {
            let formats = try OutputFormat.list(parsing: format)
            outputs = try GraphExport.write(
                export.focused(result.graph), formats: formats, to: output, settings: export.settings)
        } catch {
            Terminal.error("routegraph: \(error)")
            status = 2
        }
        if let path = report {
            do {
                let file = try AtomicFile(path: path)
                try file.write(result.json(fragments: fragments, outputs: outputs))
                try file.commit()
            } catch {
                Terminal.error("routegraph: cannot write the report: \(error)")
                status = 2
            }
        }
        for warning in result.warnings {
            Terminal.error("warning: " + (warning.location.map { "\($0): " } ?? "") + warning.message)
        }
        if !quiet {
            let graph = result.graph
            Terminal.error(
                "merged \(fragments.count) fragment\(fragments.count == 1 ? "" : "s"): \(graph.nodes.count) nodes, \(graph.edges.count) edges"
            )
            if !outputs.isEmpty { Terminal.error("wrote \(outputs.joined(separator: ", "))") }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
