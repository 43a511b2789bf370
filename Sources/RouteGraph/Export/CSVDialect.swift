/// The header dialects of `nodes.csv` and `edges.csv` (DESIGN.md "Outputs").
///
/// Only the header and the leading columns differ between dialects; the attribute columns (bar one
/// in Gephi's edges, see `edgeAttributes`) and the field quoting are shared, so `CSVWriter`'s loops
/// are the same for all three.
public enum CSVDialect: String, Sendable, CaseIterable, Codable {
    /// `id,kind,label,…` and `source,target,kind,label,…`, attribute names undecorated.
    case plain
    /// Gephi's spreadsheet import: `Id,Label,Kind,…` and `Source,Target,Type,Label,Weight,Kind,…`, the
    /// column names Gephi recognises (case-insensitively) without a mapping dialog. `Type` is always
    /// `Directed`; `Weight` is the edge's `percent`, else its `weight`, else 1.
    case gephi
    /// `neo4j-admin database import`: `id:ID,:LABEL,kind,label,…` and `:START_ID,:END_ID,:TYPE,label,…`,
    /// every non-string column typed (`percent:int`, `routeId:long`, `complete:boolean`); labels are
    /// `NodeKind.neo4jLabel`, relationship types the edge kinds.
    case neo4j

    /// The header of `nodes.csv`.
    var nodeHeader: [String] {
        switch self {
        case .plain: ["id", "kind", "label"] + Attribute.nodeAttributes.map(\.rawValue)
        case .gephi: ["Id", "Label", "Kind"] + Attribute.nodeAttributes.map(\.rawValue)
        case .neo4j: ["id:ID", ":LABEL", "kind", "label"] + Attribute.nodeAttributes.map(CSVDialect.neo4jColumn)
        }
    }

    /// The header of `edges.csv`.
    var edgeHeader: [String] {
        switch self {
        case .plain: ["source", "target", "kind", "label"] + edgeAttributes.map(\.rawValue)
        case .gephi: ["Source", "Target", "Type", "Label", "Weight", "Kind"] + edgeAttributes.map(\.rawValue)
        case .neo4j: [":START_ID", ":END_ID", ":TYPE", "label"] + edgeAttributes.map(CSVDialect.neo4jColumn)
        }
    }

    /// The attribute columns of `edges.csv`. Gephi matches column names case-insensitively, so a
    /// `weight` column beside `Weight` would be taken for a second weight; its value is in `Weight`.
    var edgeAttributes: [Attribute] {
        self == .gephi ? Attribute.edgeAttributes.filter { $0 != .weight } : Attribute.edgeAttributes
    }

    /// The fields before the attributes in the row of `node` of `graph`.
    func appendLeadingFields(_ node: PackedNode, of graph: PackedGraph, to lines: inout CSVLines) {
        switch self {
        case .plain:
            lines.field(node.id, of: graph)
            lines.field(plain: KindNames.shared.name(node.kind))
            lines.field(node.label, of: graph)
        case .gephi:
            lines.field(node.id, of: graph)
            lines.field(node.label, of: graph)
            lines.field(plain: KindNames.shared.name(node.kind))
        case .neo4j:
            lines.field(node.id, of: graph)
            lines.field(node.kind.neo4jLabel)
            lines.field(plain: KindNames.shared.name(node.kind))
            lines.field(node.label, of: graph)
        }
    }

    /// The fields before the attributes in the row of `edge` of `graph`.
    /// With `ids`, the fields of the graph's node ids, made once per node (`CSVWriter.edgesPlan`).
    func appendLeadingFields(_ edge: PackedEdge, of graph: PackedGraph, ids: NodeTexts? = nil, to lines: inout CSVLines) {
        if let ids, edge.sourceNode >= 0 { lines.field(rendered: ids.text(of: Int(edge.sourceNode))) } else { lines.field(edge.source, of: graph) }
        if let ids, edge.targetNode >= 0 { lines.field(rendered: ids.text(of: Int(edge.targetNode))) } else { lines.field(edge.target, of: graph) }
        switch self {
        case .plain, .neo4j:
            lines.field(plain: KindNames.shared.name(edge.kind))
            lines.labelField(of: edge, in: graph)
        case .gephi:
            lines.field("Directed")
            lines.labelField(of: edge, in: graph)
            lines.field(integer: CSVDialect.gephiWeight(edge, of: graph))
            lines.field(plain: KindNames.shared.name(edge.kind))
        }
    }

    /// Gephi's edge weight: the share of traffic where there is one, the VPN route weight where
    /// there is one, else 1 (Gephi's own default).
    static func gephiWeight(_ edge: PackedEdge, of graph: PackedGraph) -> Int64 {
        graph.integer(.percent, in: edge.attributes) ?? graph.integer(.weight, in: edge.attributes) ?? 1
    }

    /// A Neo4j import header column: the attribute name, with `:int`, `:long` or `:boolean` for
    /// the typed ones; strings stay undecorated, which neo4j-admin reads as `string`.
    static func neo4jColumn(_ attribute: Attribute) -> String {
        switch attribute.type {
        case .string: attribute.rawValue
        case .int: attribute.rawValue + ":int"
        case .long: attribute.rawValue + ":long"
        case .boolean: attribute.rawValue + ":boolean"
        }
    }
}

/// How CSV files are encoded, whatever their dialect.
public struct CSVEncoding: Sendable, Hashable {
    /// Starts each file with a UTF-8 byte-order mark and ends lines in CRLF, so that a spreadsheet
    /// opened by a double click reads the file as UTF-8 (Chinese names intact) instead of the
    /// system's legacy code page.
    public var excel: Bool
    /// Neutralise cells a spreadsheet would run as a formula (`--excel-safe`, see
    /// `CSVField.neutralisingFormula`).
    public var formulaSafe: Bool

    public init(excel: Bool = false, formulaSafe: Bool = false) {
        self.excel = excel
        self.formulaSafe = formulaSafe
    }

    /// The bytes each file starts with.
    var preamble: [UInt8] { excel ? [0xEF, 0xBB, 0xBF] : [] }

    /// The bytes each line ends with.
    var lineEnd: [UInt8] { excel ? [0x0D, 0x0A] : [0x0A] }
}
