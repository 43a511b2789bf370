/// A node of the canonical route graph.
public struct Node: Sendable, Hashable {
    /// The canonical id, `kind:…` (DESIGN.md).
    public var id: String
    /// Always the kind of the id's prefix.
    public var kind: NodeKind
    /// The attributes of the node's kind (DESIGN.md, "Nodes"); a missing value is absent.
    public var attributes: Attributes

    /// A node; `id` must begin with `kind.idPrefix`.
    public init(id: String, kind: NodeKind, attributes: Attributes = Attributes()) {
        self.id = id
        self.kind = kind
        self.attributes = attributes
    }

    /// The human label: the name where the kind has one, else the id without its kind prefix.
    public var label: String {
        switch kind {
        case .route, .service, .domain:
            if case .string(let name)? = attributes[.name], !name.isEmpty { return name }
        default: break
        }
        return String(id.dropFirst(kind.idPrefix.count))
    }
}
