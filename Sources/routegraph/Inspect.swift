import ArgumentParser
import RouteGraph

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what each input holds (API, shape, records, problems) without writing a graph.",
        discussion: """
            One line per document (file, JSON Lines line, standard input):
              <input>  <API or 'skipped'>  <shape>  <records>  <problem, if any>

            Examples:
              routegraph inspect archive/
              routegraph inspect archive.jsonl.gz | grep skipped
            """
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let outcomes = Inspection.run(inputs: input.inputs, options: input.conversionOptions)
        var skipped = 0
        for o in outcomes {
            if let r = o.rejection {
                skipped += 1
                print("\(o.location)\tskipped\t\(r.code.rawValue)\t\(r.reason)")
            } else {
                let warnings = o.warnings.isEmpty ? "" : "\t" + o.warnings.map(\.message).joined(separator: "; ")
                print("\(o.location)\t\(o.api?.action ?? "?")\t\(o.shape ?? "")\t\(o.records) record\(o.records == 1 ? "" : "s")\(warnings)")
            }
        }
        Terminal.error("\(outcomes.count) document\(outcomes.count == 1 ? "" : "s"), \(outcomes.count - skipped) usable, \(skipped) skipped")
        if skipped > 0 { throw ExitCode(1) }
    }
}
