/// The value type of an attribute, named as GraphML's `attr.type` names it.
public enum AttributeType: String, Sendable {
    case string
    case int
    case long
    case boolean
}
