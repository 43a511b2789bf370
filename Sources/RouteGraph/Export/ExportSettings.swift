/// How `GraphExport` writes each format, beyond which formats to write. The defaults are the plain
/// outputs every earlier version wrote.
public struct ExportSettings: Sendable, Hashable {
    /// The header dialect of `nodes.csv` and `edges.csv`.
    public var csvDialect: CSVDialect
    /// Byte-order mark and line ends of every CSV file.
    public var csvEncoding: CSVEncoding
    /// Whether `graph.graphml` carries yEd graphics.
    public var graphMLStyle: GraphMLStyle

    public init(
        csvDialect: CSVDialect = .plain, csvEncoding: CSVEncoding = CSVEncoding(), graphMLStyle: GraphMLStyle = .plain
    ) {
        self.csvDialect = csvDialect
        self.csvEncoding = csvEncoding
        self.graphMLStyle = graphMLStyle
    }
}
