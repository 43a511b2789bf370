/// `Edge.label` written straight into a buffer: the label is on every line of DOT and JSON Lines,
/// and making it as a `String` through the getter copied the whole edge each time.
enum EdgeLabel {
    /// Appends the bytes of `edge.pointee.label`. They are ASCII letters, digits, `-`, `_`, `%` and
    /// spaces, which neither JSON nor DOT escapes, so the caller adds only the quotes.
    static func append(_ edge: UnsafePointer<Edge>, to out: inout TextBuffer) {
        let attributes = edge.pointee.attributes
        if case .integer(let p)? = attributes[.percent] {
            out.appendDecimal(p)
            out.append(UInt8(ascii: "%"))
        } else if case .integer(let p)? = attributes[.percentage] {
            out.append("mirror " as StaticString)
            out.appendDecimal(p)
            out.append(UInt8(ascii: "%"))
        } else if edge.pointee.kind == .routes, case .integer(let w)? = attributes[.weight] {
            out.append("weight " as StaticString)
            out.appendDecimal(w)
        } else {
            out.append(edge.pointee.kind.rawValue)
        }
    }
}
