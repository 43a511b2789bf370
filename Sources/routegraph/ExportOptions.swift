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

    @Flag(
        name: .customLong("excel-safe"),
        help:
            "Prefix with ' every CSV cell a spreadsheet would run as a formula (one starting with =, +, -, @, tab or CR; plain numbers excepted)."
    )
    var excelSafe = false

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

    @Flag(
        help:
            "Replace account-specific values (ids, domains, CIDRs and addresses, names, paths, AS numbers) with stable pseudonyms, keeping the graph's shape, so the outputs can be shared. Not the --report file."
    )
    var redact = false

    @Option(
        name: .customLong("redact-key"),
        help: ArgumentHelp(
            "Secret key file (at least 16 bytes, e.g. `head -c 32 /dev/urandom > FILE`): the same key gives the same pseudonyms in every run. Implies --redact; without it each run draws a random key.",
            valueName: "file"))
    var redactKey: String?

    func validate() throws {
        _ = try nodeKinds()
        if let redactKey {
            do {
                _ = try RedactionKey(contentsOf: redactKey)
            } catch {
                throw ValidationError("--redact-key: \(error)")
            }
        }
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

    /// Whether --redact or --redact-key asks for pseudonyms.
    var redacts: Bool { redact || redactKey != nil }

    /// Whether --gateway, --connection or --kinds keep only part of the graph.
    var focuses: Bool { !gateways.isEmpty || !connections.isEmpty || kinds != nil }

    /// What --gateway, --connection, --kinds and redaction ask of the graph before it is written
    /// (focused first, so pseudonyms are drawn only for what is written), with `step` told as each
    /// step is done.
    func reshaping(_ step: @escaping (ExportStep) -> Void) throws -> ExportReshaping {
        let focus = focuses ? GraphFilter(gateways: gateways, connections: connections, kinds: try nodeKinds()) : nil
        var redactor: Redactor?
        if redacts {
            let key = try redactKey.map { path throws(RedactionKeyError) in try RedactionKey(contentsOf: path) } ?? .random()
            redactor = Redactor(key: key)
        }
        return ExportReshaping(focus: focus, redactor: redactor, step: step)
    }

    /// The library's settings for these options.
    var settings: ExportSettings {
        ExportSettings(csvDialect: csvDialect, csvEncoding: CSVEncoding(excel: excel, formulaSafe: excelSafe), graphMLStyle: graphMLStyle)
    }
}

extension CSVDialect: ExpressibleByArgument {}
extension GraphMLStyle: ExpressibleByArgument {}
