import ArgumentParser
import RouteGraph

/// Options shared by every command that reads inputs.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Response files, directories (searched recursively for .json, .xml, .jsonl, .ndjson, each optionally .gz), or - for standard input.",
        valueName: "input"))
    var inputs: [String]

    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Standard input (-) can be given once only.")
        }
    }

    var conversionOptions: ConversionOptions { reading.conversionOptions }
}

/// How inputs are read, for every command that reads them, whatever its arguments.
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Treat every input as this API instead of detecting it from the content: mse-route (GetGatewayRouteDetail) or vpn-routes (DescribeVcoRouteEntries).",
        valueName: "api"))
    var api: API?

    @Option(name: .customLong("max-document-size"), help: ArgumentHelp(
        "The largest single document (a file, or one JSON Lines line) in bytes; larger ones are skipped with a reason.",
        valueName: "bytes"))
    var maxDocumentBytes: Int = InputLimits().maxDocumentBytes

    @Option(name: .customLong("max-depth"), help: "The deepest nesting a JSON or XML document may have.")
    var maxDepth: Int = InputLimits().maxDepth

    @Option(help: "Threads reading inputs in parallel (default: one per core). The output is the same for any number.")
    var threads: Int = ConversionOptions.defaultThreads

    func validate() throws {
        guard maxDocumentBytes > 0 else { throw ValidationError("--max-document-size must be a positive number of bytes.") }
        guard maxDepth > 1 else { throw ValidationError("--max-depth must be at least 2.") }
        guard threads > 0 else { throw ValidationError("--threads must be at least 1.") }
    }

    var conversionOptions: ConversionOptions {
        ConversionOptions(forcedAPI: api, limits: InputLimits(maxDocumentBytes: maxDocumentBytes, maxDepth: maxDepth), threads: threads)
    }
}

extension API: ExpressibleByArgument {}
