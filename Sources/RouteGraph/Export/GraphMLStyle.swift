/// What a GraphML file carries besides the graph.
public enum GraphMLStyle: String, Sendable, CaseIterable, Codable {
    /// The graph and its attributes only; valid against the official GraphML XSD.
    case plain
    /// Also yFiles graphics (`y:ShapeNode` with label, shape, fill colour and a starting position per
    /// node; `y:PolyLineEdge` with label, arrow and line style per edge), so yEd shows a labelled,
    /// coloured diagram on opening. Valid against `graphml-extensions.xsd`, since the official schema
    /// refuses foreign elements inside `<data>`.
    case yed
}
