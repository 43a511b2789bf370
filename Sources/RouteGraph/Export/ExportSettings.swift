/// How `GraphExport` writes each format, beyond which formats to write. The defaults are the plain
/// outputs every earlier version wrote.
public struct ExportSettings: Sendable, Hashable {
    /// The header dialect of `nodes.csv` and `edges.csv`.
    public var csvDialect: CSVDialect
    /// Byte-order mark and line ends of every CSV file.
    public var csvEncoding: CSVEncoding

    public init(csvDialect: CSVDialect = .plain, csvEncoding: CSVEncoding = CSVEncoding()) {
        self.csvDialect = csvDialect
        self.csvEncoding = csvEncoding
    }
}
