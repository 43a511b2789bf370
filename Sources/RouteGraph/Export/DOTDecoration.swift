/// Changes to the look `DOTWriter` gives single nodes and edges, for views drawn on the plain
/// diagram (the diff colours its parts by change). Each function gets an element (a node's id, an
/// edge's identity) and the DOT attributes the writer chose for it and returns the attributes to
/// write; `extraLegend` adds
/// sample nodes, each a name and its attributes, to the legend.
struct DOTDecoration {
    var node: (_ id: String, [(String, String)]) -> [(String, String)] = { $1 } { didSet { isPlain = false } }
    var edge: (EdgeIdentity, [(String, String)]) -> [(String, String)] = { $1 } { didSet { isPlain = false } }
    /// True while neither `node` nor `edge` was replaced: the writer then writes each statement
    /// straight into its buffer, without the attribute lists a decoration would be given.
    private(set) var isPlain = true
    var extraLegend: [(name: String, attributes: [(String, String)])] = []

    /// The plain diagram.
    static var none: DOTDecoration { DOTDecoration() }

    /// `attributes` with every attribute of `overrides` put in place of the one of its name, or
    /// added at the end.
    static func overriding(_ attributes: [(String, String)], with overrides: [(String, String)]) -> [(String, String)] {
        var result = attributes
        for (name, value) in overrides {
            if let i = result.firstIndex(where: { $0.0 == name }) { result[i].1 = value } else { result.append((name, value)) }
        }
        return result
    }
}
