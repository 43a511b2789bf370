/// Lists in every shape archives hold them (SHAPES.md, sections 2 and 3).
extension Element {
    /// The items of a list field, whatever its shape: a bare array; an RPC-style wrapper object
    /// holding an array, a single item or nothing (`{"VcoRouteEntrie": […]}`); a single item given
    /// without a list; XML's repeated element (already an array on the tape); or an empty value
    /// (`{}`, `""`, null) meaning no items.
    ///
    /// - Parameter itemNames: the names a wrapper may use for its items (`VcoRouteEntrie`). Only
    ///   a one-member object under one of these names is a wrapper; any other object is an item.
    func items(wrappedAs itemNames: [String]) -> [Element] {
        switch type {
        case .startArray:
            return elements
        case .startObject:
            let all = members
            if all.isEmpty { return [] }
            if all.count == 1, let inner = itemNames.lazy.compactMap({ self[$0] }).first {
                switch inner.type {
                case .startArray: return inner.elements
                case .null: return []
                case .string where inner.stringBytes?.isEmpty ?? true: return []
                default: return [inner]
                }
            }
            return [self]
        case .null:
            return []
        case .string:
            return (stringBytes?.isEmpty ?? true) ? [] : [self]
        default:
            return [self]
        }
    }

    /// The non-empty texts of a list of scalars (tunnel ids, methods, endpoints).
    func strings(wrappedAs itemNames: [String]) -> [String] {
        items(wrappedAs: itemNames).compactMap { $0.trimmedText }
    }

    /// True when the value is missing in substance: null, an empty string, an empty object.
    var isEmptyValue: Bool {
        switch type {
        case .null: true
        case .string: stringBytes?.isEmpty ?? true
        case .startObject: end == index + 2
        default: false
        }
    }
}
