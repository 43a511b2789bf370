import ArgumentParser
import RouteGraph

/// How `convert` shapes its outputs for the tools that open them: CSV dialects, spreadsheet
/// encoding. Each option maps onto `ExportSettings`; the work is the library's.
struct ExportOptions: ParsableArguments {
    @Option(
        name: .customLong("csv-dialect"),
        help: ArgumentHelp(
            "Headers of nodes.csv and edges.csv: plain, gephi (Gephi spreadsheet import) or neo4j (neo4j-admin database import).",
            valueName: "dialect"))
    var csvDialect: CSVDialect = .plain

    @Flag(help: "Write every CSV file with a UTF-8 byte-order mark and CRLF line ends, so spreadsheets open Chinese text correctly.")
    var excel = false

    @Option(
        name: .customLong("graphml-style"),
        help: ArgumentHelp(
            "plain (the graph only) or yed (adds yFiles labels, shapes and colours so yEd shows the diagram at once).",
            valueName: "style"))
    var graphMLStyle: GraphMLStyle = .plain

    /// The library's settings for these options.
    var settings: ExportSettings {
        ExportSettings(csvDialect: csvDialect, csvEncoding: CSVEncoding(excel: excel), graphMLStyle: graphMLStyle)
    }
}

extension CSVDialect: ExpressibleByArgument {}
extension GraphMLStyle: ExpressibleByArgument {}
