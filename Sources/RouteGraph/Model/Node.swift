/// A node of the canonical route graph.
public struct Node: Sendable, Hashable {
    /// The canonical id, `kind:…` (DESIGN.md).
    public var id: String
    public var kind: NodeKind
    public var attributes: Attributes

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
