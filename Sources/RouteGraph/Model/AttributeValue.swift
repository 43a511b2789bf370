/// One attribute value: a scalar, as every output format wants it.
public enum AttributeValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
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
