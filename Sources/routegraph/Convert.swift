import ArgumentParser
import RouteGraph

#if canImport(Glibc)
import Glibc
#endif

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert saved responses into a route graph (GraphML, DOT, CSV, JSON Lines).",
        discussion: """
            Every input is detected by its content. Inputs that are not usable responses (invalid \
            JSON or XML, error responses, other APIs) are skipped, named with a reason in the \
            summary and the report, and the rest is still converted. Files are written to a \
            temporary name and renamed when complete, so an output is never left half written.

            Writes into the output directory, by --format: graphml → graph.graphml; dot → graph.dot; \
            csv → nodes.csv, edges.csv and the flat tables gateway-routes.csv, ipsec-routes.csv; \
            jsonl → graph.jsonl; svg → graph.svg and png → graph.png (both need Graphviz).

            --redact replaces account-specific values with stable pseudonyms in every file written \
            (not in --report, which names your inputs); with --redact-key FILE the pseudonyms are \
            the same in every run, so redacted diagrams of two days can be compared.

            Exit status: 0 every input converted (warnings allowed); 1 some inputs skipped (or, with \
            --strict, any skip or warning); 2 nothing converted, or the output could not be written.

            Examples:
              routegraph convert Examples/responses --output out
              routegraph convert archive.jsonl.gz --output out --format graphml,dot
              cat response.xml | routegraph convert - --output out --report out/report.json
              routegraph convert archive.jsonl.gz --output shared --redact-key team.key
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var export: ExportOptions

    @Option(name: [.short, .long], help: ArgumentHelp("The directory to write into; created if missing.", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("Comma-separated formats to write: graphml, dot, csv, jsonl; svg, png (need Graphviz).", valueName: "formats"))
    var format: String = OutputFormat.defaultFormats.map(\.rawValue).joined(separator: ",")

    @Option(help: ArgumentHelp("Also write a JSON report (inputs read and skipped with reasons, warnings, counts) to this file.", valueName: "file"))
    var report: String?

    @Flag(help: "Treat any skipped input or warning as a failure: exit 1 and write no graph.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only problems: no summary, no progress line.")
    var quiet = false

    @Flag(help: "Print the seconds spent reading, building the graph, focusing it (where asked), packing it for the writers, redacting it (where asked) and writing, each with the CPU seconds of all threads (twice the wall time: both cores busy), and the peak resident memory, on standard error.")
    var timings = false

    func validate() throws {
        _ = try formats()
    }

    func formats() throws -> [OutputFormat] { try OutputFormat.list(parsing: format) }

    func run() throws {
        Interrupts.install()
        var options = input.conversionOptions
        if SmallRun.holds(input.inputs) {
            CompactAllocation.enable()
            options.limits.chunkBytes = SmallRun.chunkBytes
        }
        let progress = ConversionProgress(expecting: input.inputs)
        options.progress = progress
        let line = ProgressLine.start(progress, quiet: quiet)
        var result = Conversion.assemble(inputs: input.inputs, options: options)
        line?.stop()
        let report = result.report
        let graph = result.takeGraph()
        // The counts the report and summary give, taken before the graph is handed to the writers,
        // which let it go.
        var counts = graph.counts
        var outputs: [String] = []
        var status: Int32 = report.rejected == 0 ? 0 : 1
        if report.converted == 0 {
            status = 2
        } else if strict && (report.rejected > 0 || !report.warnings.isEmpty) {
            status = 1
        } else {
            do {
                var clock = PhaseClock()
                let reshaping = try export.reshaping { step in
                    // The report and summary count what is written.
                    if case .focused(let focused) = step { counts = focused }
                    clock.end(step)
                }
                // Written as building left it: no `RouteGraph` is made on the way.
                outputs = try GraphExport.write(
                    releasing: consume graph, formats: try formats(), to: output, settings: export.settings,
                    threads: input.conversionOptions.threads, reshaping: reshaping)
                clock.end("writing")
                if timings {
                    let t = result.timings
                    PhaseClock.print([("reading", t.reading, t.readingCPU), ("building", t.building, t.buildingCPU)] + clock.phases)
                }
            } catch {
                Terminal.error("routegraph: \(error)")
                status = 2
            }
        }
        if let path = self.report {
            do {
                let file = try AtomicFile(path: path)
                try file.write(report.json(counts: counts, outputs: outputs))
                try file.commit()
            } catch {
                Terminal.error("routegraph: cannot write the report: \(error)")
                status = 2
            }
        }
        if !quiet || status != 0 { Terminal.error(report.summary(counts: counts), terminator: "") }
        if report.converted == 0 {
            Terminal.error("routegraph: nothing could be converted, so no graph was written.")
        } else if strict && status == 1 && outputs.isEmpty {
            Terminal.error("routegraph: --strict: skipped inputs or warnings, so no graph was written.")
        } else if !outputs.isEmpty && !quiet {
            Terminal.error("wrote \(outputs.joined(separator: ", "))")
        }
        if status != 0 { throw ExitCode(status) }
    }
}
