import ArgumentParser
import RouteGraph

#if canImport(Glibc)
import Glibc
#endif

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two sets of responses (or graphs): added, removed and changed routes.",
        discussion: """
            Each side is any mix of response files, directories, archives and canonical graph.jsonl \
            files written earlier by `convert --format jsonl` (found by their content). A side's \
            responses are converted together; its graph files are then laid over that graph in the \
            order given, a later one overriding the attributes of what it shares with earlier ones.

            Nodes are matched by id, edges by source, target, kind and key. Provenance (input, \
            requestId) never counts as a change; --ignore leaves out more attributes.

            Writes into the output directory: changes.csv (one row per added or removed node or \
            edge, and per changed attribute), diff.dot (and diff.svg when Graphviz's dot is on \
            PATH and the picture has at most 2,000 nodes): the union graph with added parts green, removed red and dashed, changed orange, \
            the rest grey; diff.graphml: the union graph with a `change` attribute on every node \
            and edge. A summary goes to stderr, and with --report to a JSON file.

            Exit status, like diff(1): 0 the graphs hold the same facts; 1 they differ; 2 error \
            (a side with nothing usable, a graph file that cannot be read, an output that cannot \
            be written; with --strict, any skipped input).

            Examples:
              routegraph diff archive-2024-05/ --against archive-2024-06/ --output drift
              routegraph diff old/graph.jsonl --against today.jsonl.gz --output drift --context 1
              routegraph diff a.json --against b.json --output out --ignore healthStatus,unhealthyEndpoints
            """
    )

    @Argument(help: ArgumentHelp("The old side: responses, directories, archives or graph.jsonl files.", valueName: "old"))
    var old: [String]

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "The new side, one or more inputs of the same kinds as the old side.", valueName: "new"))
    var against: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("The directory to write into; created if missing.", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp(
        "Draw only the changed parts and the nodes within this many hops of them in diff.dot and diff.svg (diff.graphml and changes.csv stay whole).",
        valueName: "hops"))
    var context: Int?

    @Option(help: ArgumentHelp("Comma-separated attributes to leave out of the comparison, besides provenance.", valueName: "attributes"))
    var ignore: String?

    @Option(help: ArgumentHelp("Also write a JSON report (counts by kind, inputs of each side, files written) to this file.", valueName: "file"))
    var report: String?

    @Flag(help: "Treat any skipped input on either side as an error (exit 2) rather than comparing what was read.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only problems, not the summary.")
    var quiet = false

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        Interrupts.install()
        // Checked here rather than in validate() so that a bad value exits 2, as every diff error does.
        let ignored: Set<Attribute>
        do { ignored = try ignoredAttributes() } catch { return fail("\(error)") }
        if let context, context < 0 { return fail("--context must be 0 or more hops.") }
        if (old + against).filter({ $0 == "-" }).count > 1 { return fail("Standard input (-) can be given once only.") }
        if against.isEmpty { return fail("--against names no input for the new side.") }

        let options = reading.conversionOptions
        let oldSide = DiffSide.load(inputs: old, options: options)
        let newSide = DiffSide.load(inputs: against, options: options)
        let result = DiffReport(old: oldSide, new: newSide, diff: GraphDiff(old: oldSide.graph, new: newSide.graph, ignoring: ignored))

        var problems: [String] = []
        for (name, side) in [("old", oldSide), ("new", newSide)] {
            if !side.isUsable {
                problems.append("the \(name) side has nothing usable to compare; check its inputs (see above)")
            } else if strict && side.report.rejected > 0 {
                problems.append("--strict: the \(name) side skipped \(side.report.rejected) input\(side.report.rejected == 1 ? "" : "s")")
            }
        }
        var outputs: [String] = []
        if problems.isEmpty {
            do {
                outputs = try DiffOutputs.write(result.diff, context: context, to: output)
                let drawn = DiffOutputs.drawnNodeCount(result.diff, context: context)
                if drawn > DiffOutputs.pictureNodeLimit {
                    // Graphviz would run for minutes or hours; the diff itself is complete without it.
                    if !quiet {
                        Terminal.error("""
                            note: no diff.svg: diff.dot has \(drawn) nodes, more than Graphviz lays out in reasonable time \
                            (\(DiffOutputs.pictureNodeLimit)); draw only the changes and their neighbours with --context 1, \
                            or run `dot -Tsvg -o diff.svg diff.dot` yourself
                            """)
                    }
                } else if let svg = renderSVG(dot: outputs[1]) {
                    outputs.append(svg)
                }
            } catch {
                problems.append("\(error)")
            }
        }
        if let path = report {
            do {
                let file = try AtomicFile(path: path)
                try file.write(result.json(outputs: outputs))
                try file.commit()
            } catch {
                problems.append("cannot write the report: \(error)")
            }
        }
        if !quiet || !problems.isEmpty { Terminal.error(result.summary, terminator: "") }
        for problem in problems { Terminal.error("routegraph: \(problem)") }
        if !problems.isEmpty { throw ExitCode(2) }
        if !quiet { Terminal.error("wrote \(outputs.joined(separator: ", "))") }
        if !result.diff.isEmpty { throw ExitCode(1) }
    }

    private func fail(_ message: String) {
        Terminal.error("routegraph: \(message)")
        Glibc.exit(2)
    }

    private func ignoredAttributes() throws -> Set<Attribute> {
        var result: Set<Attribute> = []
        for name in (ignore ?? "").split(separator: ",").map({ $0.trimmingCharacters() }) where !name.isEmpty {
            guard let attribute = Attribute(rawValue: name) else {
                throw ValidationError("Unknown attribute '\(name)' in --ignore; attribute names are those of graph.jsonl and the CSV headers (e.g. healthStatus).")
            }
            result.insert(attribute)
        }
        return result
    }

    /// Renders `diff.svg` beside the DOT file with Graphviz when `dot` is on PATH; a missing or
    /// failing `dot` costs only the picture, with a note, never the diff.
    private func renderSVG(dot path: String) -> String? {
        guard DiffOutputs.canDraw else {
            if !quiet { Terminal.error("note: Graphviz's dot is not on PATH, so no diff.svg was drawn") }
            return nil
        }
        do {
            return try DiffOutputs.drawSVG(fromDOT: path)
        } catch {
            Terminal.error("note: no diff.svg: \(error)")
            return nil
        }
    }
}
