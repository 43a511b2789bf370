/// A table for spreadsheets: a fixed header and one row per fact, built from the canonical graph
/// only (DESIGN.md: exporters never look at raw responses). Lists within a cell are `;`-joined.
protocol FlatTable {
    /// The file name in the output directory.
    static var fileName: String { get }
    /// The header, the same for every graph.
    static var columns: [String] { get }
    /// The rows of `index`'s graph in pieces that can be rendered on any thread, in any order,
    /// each row with one field per column (an absent value is an empty field); each piece walks
    /// `perPiece` nodes or edges of the graph for its rows.
    static func rows(_ index: PackedGraphIndex, perPiece: Int) -> FlatTableRows
}

/// The rows of a flat table cut into pieces (see `RenderPlan`).
struct FlatTableRows {
    let pieceCount: Int
    /// Appends the rows of piece `index` to the lines. Only reads shared state.
    let render: (Int, inout CSVLines) -> Void
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
        let packed = PackedGraph(graph)
        try plan(GatewayRoutesTable.self, packed, encoding: encoding).write(to: base + GatewayRoutesTable.fileName)
        try plan(IpsecRoutesTable.self, packed, encoding: encoding).write(to: base + IpsecRoutesTable.fileName)
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
        try plan(table, PackedGraph(graph), encoding: encoding).emit(into: sink)
    }

    /// One table in pieces: the header, then the table's pieces of rows, each from `perPiece` nodes
    /// or edges (under a megabyte of rows at the default; see `RenderPlan` on sizes).
    static func plan<Table: FlatTable>(
        _ table: Table.Type, _ graph: PackedGraph, encoding: CSVEncoding, perPiece: Int = 2048
    ) -> RenderPlan {
        let rows = Table.rows(PackedGraphIndex(graph), perPiece: perPiece)
        return RenderPlan(pieceCount: 1 + rows.pieceCount) { index, out in
            CSVLines.appending(to: &out, encoding: encoding, atFileStart: index == 0) { lines in
                if index == 0 {
                    lines.fields(Table.columns)
                    lines.endLine()
                } else {
                    rows.render(index - 1, &lines)
                }
            }
        }
    }
}
