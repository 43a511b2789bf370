/// `Edge.label` written straight into a buffer: the label is on every line of DOT and JSON Lines,
/// and making it as a `String` through the getter copied the whole edge each time.
enum EdgeLabel {
    /// Appends the bytes of `edge.pointee.label`. They are ASCII letters, digits, `-`, `_`, `%` and
    /// spaces between words, `PlainText` that no format escapes, so the caller adds only the quotes
    /// (GraphML's writer copies them as plain).
    static func append(_ edge: UnsafePointer<Edge>, to out: inout TextBuffer) {
        // One pass over the attributes, reading the values in place, rather than a lookup (and a
        // copy of the value) per candidate.
        var percent: Int64?, percentage: Int64?, weight: Int64?
        edge.pointee.attributes.forEach { attribute, value in
            guard case .integer(let n) = value else { return }
            switch attribute {
            case .percent: percent = n
            case .percentage: percentage = n
            case .weight: weight = n
            default: break
            }
        }
        if let p = percent {
            out.appendDecimal(p)
            out.append(UInt8(ascii: "%"))
        } else if let p = percentage {
            out.append("mirror " as StaticString)
            out.appendDecimal(p)
            out.append(UInt8(ascii: "%"))
        } else if edge.pointee.kind == .routes, let w = weight {
            out.append("weight " as StaticString)
            out.appendDecimal(w)
        } else {
            out.append(KindNames.shared.name(edge.pointee.kind))
        }
    }
}

extension EdgeLabel {
    /// `append` for an edge of a packed graph.
    static func append(_ edge: PackedEdge, of graph: PackedGraph, to out: inout TextBuffer) {
        var percent: Int64?, percentage: Int64?, weight: Int64?
        for attribute in graph.attributes(edge.attributes) where attribute.tag == .integer {
            switch attribute.attribute {
            case .percent: percent = attribute.integer
            case .percentage: percentage = attribute.integer
            case .weight: weight = attribute.integer
            default: break
            }
        }
        if let p = percent {
            out.appendDecimal(p)
            out.append(UInt8(ascii: "%"))
        } else if let p = percentage {
            out.append("mirror " as StaticString)
            out.appendDecimal(p)
            out.append(UInt8(ascii: "%"))
        } else if edge.kind == .routes, let w = weight {
            out.append("weight " as StaticString)
            out.appendDecimal(w)
        } else {
            out.append(KindNames.shared.name(edge.kind))
        }
    }
}
