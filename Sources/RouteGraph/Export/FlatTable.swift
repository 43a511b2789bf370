/// A table for spreadsheets: a fixed header and one row per fact, built from the canonical graph
/// only (DESIGN.md: exporters never look at raw responses). Lists within a cell are `;`-joined.
protocol FlatTable {
    /// The file name in the output directory.
    static var fileName: String { get }
    /// The header, the same for every graph.
    static var columns: [String] { get }
    /// Writes the rows of `graph` into `lines`, each with one field per column (an absent value is
    /// an empty field), handing full blocks to `sink` as they fill. Rows go out as they are made:
    /// a table of a million rows is never held whole.
    static func emitRows<Sink: TextSink>(_ graph: RouteGraph, into lines: inout CSVLines, flushingTo sink: Sink)
        throws(OutputError)
}

/// Writes the flat tables (`gateway-routes.csv`, `ipsec-routes.csv`) with the CSV output.
public enum FlatTableWriter {
    /// The file names the flat tables are written to.
    public static let fileNames = [GatewayRoutesTable.fileName, IpsecRoutesTable.fileName]

    /// Writes every flat table of `graph` into `directory` (which must exist), each atomically.
    public static func write(_ graph: RouteGraph, into directory: String, encoding: CSVEncoding = CSVEncoding())
        throws(OutputError)
    {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        try write(GatewayRoutesTable.self, graph, to: base + GatewayRoutesTable.fileName, encoding: encoding)
        try write(IpsecRoutesTable.self, graph, to: base + IpsecRoutesTable.fileName, encoding: encoding)
    }

    static func write<Table: FlatTable>(
        _ table: Table.Type, _ graph: RouteGraph, to path: String, encoding: CSVEncoding
    )
        throws(OutputError)
    {
        try AtomicFile.write(to: path) { file throws(OutputError) in
            try emit(table, graph, encoding: encoding, into: file)
        }
    }

    /// The text of one table, the same bytes `write` writes.
    static func render<Table: FlatTable>(
        _ table: Table.Type, _ graph: RouteGraph, encoding: CSVEncoding = CSVEncoding()
    )
        -> String
    {
        let sink = MemorySink()
        try? emit(table, graph, encoding: encoding, into: sink)  // A memory sink never throws.
        return sink.text
    }

    static func emit<Table: FlatTable, Sink: TextSink>(
        _ table: Table.Type, _ graph: RouteGraph, encoding: CSVEncoding, into sink: Sink
    ) throws(OutputError) {
        var lines = CSVLines(encoding: encoding)
        lines.fields(Table.columns)
        lines.endLine()
        try Table.emitRows(graph, into: &lines, flushingTo: sink)
        try lines.finish(into: sink)
    }
}
