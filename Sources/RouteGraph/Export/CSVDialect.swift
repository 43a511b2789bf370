/// The header dialects of `nodes.csv` and `edges.csv` (DESIGN.md "Outputs").
///
/// Only the header and the leading columns differ between dialects; the attribute columns and the
/// field quoting are shared. Gephi (`Id,Label,…` / `Source,Target,Type,Label,Weight,…`) and Neo4j
/// admin import (`id:ID,:LABEL,…` with typed columns such as `percent:int`) are to be added as cases
/// here, each with its own headers and leading fields, leaving `CSVWriter`'s loops as they are.
enum CSVDialect: Sendable {
    /// `id,kind,label,…` and `source,target,kind,label,…`, attribute names undecorated.
    case plain

    /// The header of `nodes.csv`.
    var nodeHeader: [String] {
        switch self {
        case .plain: ["id", "kind", "label"] + Attribute.nodeAttributes.map(\.rawValue)
        }
    }

    /// The header of `edges.csv`.
    var edgeHeader: [String] {
        switch self {
        case .plain: ["source", "target", "kind", "label"] + Attribute.edgeAttributes.map(\.rawValue)
        }
    }
}
