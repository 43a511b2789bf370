/// The value type of an attribute, named as GraphML's `attr.type` names it.
public enum AttributeType: String, Sendable {
    /// Text, also for times (ISO 8601) and lists (comma-joined).
    case string
    /// A 32-bit integer (counts, ports, percentages).
    case int
    /// A 64-bit integer: the API's ids, which may not fit in 32 bits.
    case long
    /// `true` or `false`.
    case boolean
}
