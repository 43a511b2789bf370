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

    @Flag(
        help:
            "Write every CSV file with a UTF-8 byte-order mark and CRLF line ends, so spreadsheets open Chinese text correctly."
    )
    var excel = false

    @Option(
        name: .customLong("graphml-style"),
        help: ArgumentHelp(
            "plain (the graph only) or yed (adds yFiles labels, shapes and colours so yEd shows the diagram at once).",
            valueName: "style"))
    var graphMLStyle: GraphMLStyle = .plain

    @Option(
        name: .customLong("gateway"),
        help: ArgumentHelp(
            "Keep only this gateway, its routes and their services and domains (repeatable; combines with --connection).",
            valueName: "id"))
    var gateways: [String] = []

    @Option(
        name: .customLong("connection"),
        help: ArgumentHelp(
            "Keep only this IPsec connection, its tunnels and the CIDRs it routes (repeatable; combines with --gateway).",
            valueName: "id"))
    var connections: [String] = []

    @Option(
        help: ArgumentHelp(
            "Keep only these node kinds, comma-separated: gateway, route, service, domain, ipsec, tunnel, cidr.",
            valueName: "kinds"))
    var kinds: String?

    func validate() throws {
        _ = try nodeKinds()
    }

    func nodeKinds() throws -> Set<NodeKind>? {
        guard let kinds else { return nil }
        var result = Set<NodeKind>()
        for name in kinds.split(separator: ",").map({ $0.trimmingCharacters() }) where !name.isEmpty {
            guard let kind = NodeKind(rawValue: name.lowercased()) else {
                throw ValidationError(
                    "Unknown node kind '\(name)' in --kinds; choose from \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            result.insert(kind)
        }
        guard !result.isEmpty else { throw ValidationError("--kinds names no node kind.") }
        return result
    }

    /// The part of `graph` that --gateway, --connection and --kinds ask for.
    func focused(_ graph: RouteGraph) throws -> RouteGraph {
        try GraphFilter(gateways: gateways, connections: connections, kinds: nodeKinds()).apply(to: graph)
    }

    /// The library's settings for these options.
    var settings: ExportSettings {
        ExportSettings(csvDialect: csvDialect, csvEncoding: CSVEncoding(excel: excel), graphMLStyle: graphMLStyle)
    }
}

extension CSVDialect: ExpressibleByArgument {}
extension GraphMLStyle: ExpressibleByArgument {}
