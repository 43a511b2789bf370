/// One attribute value: a scalar, as every output format wants it.
public enum AttributeValue: Sendable, Hashable {
    /// Text; a list is one comma-joined string (`methods`).
    case string(String)
    /// Any integer, whether the attribute is `int` or `long`.
    case integer(Int64)
    /// A boolean.
    case boolean(Bool)

    /// The value as text, the same in every format (`true`/`false`, decimal integers).
    public var text: String {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .boolean(let b): b ? "true" : "false"
        }
    }
}
