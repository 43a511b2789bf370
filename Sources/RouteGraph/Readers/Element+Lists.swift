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
        Array(itemList(wrappedAs: itemNames))
    }

    /// Where the items of `items(wrappedAs:)` are, without an array of them: a list read once per
    /// record (a VPN entry's tunnels) costs an allocation and a free for each.
    func itemList(wrappedAs itemNames: [String]) -> ItemList {
        switch type {
        case .startArray:
            return .array(self)
        case .startObject:
            let memberCount = self.memberCount
            if memberCount == 0 { return .none }
            if memberCount == 1, let inner = itemNames.lazy.compactMap({ self[$0] }).first {
                switch inner.type {
                case .startArray: return .array(inner)
                case .null: return .none
                case .string where inner.stringBytes?.isEmpty ?? true: return .none
                default: return .one(inner)
                }
            }
            return .one(self)
        case .null:
            return .none
        case .string:
            return (stringBytes?.isEmpty ?? true) ? .none : .one(self)
        default:
            return .one(self)
        }
    }

    /// The non-empty texts of a list of scalars (tunnel ids, methods, endpoints).
    func strings(wrappedAs itemNames: [String]) -> [String] {
        items(wrappedAs: itemNames).compactMap { $0.trimmedText }
    }

    /// The non-empty texts of a list of scalars, deduplicated and sorted: `Set(strings).sorted()`.
    func uniqueSortedStrings(wrappedAs itemNames: [String]) -> [String] {
        Element.uniqueSorted(strings(wrappedAs: itemNames))
    }

    /// `Set(texts).sorted()`, made cheaply for ASCII texts.
    static func uniqueSorted(_ texts: [String]) -> [String] {
        var texts = texts
        guard texts.count > 1 else { return texts }
        // ASCII text compares by bytes, so sorting puts duplicates side by side. Other text is
        // compared by canonical equivalence, where the Set keeps the first of equal texts.
        guard texts.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return Set(texts).sorted() }
        texts.sort()
        var unique = [texts[0]]
        for text in texts.dropFirst() where text != unique[unique.count - 1] { unique.append(text) }
        return unique
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

/// The items of a list field (`Element.itemList(wrappedAs:)`): none, one value, or the elements of
/// an array, walked in place.
enum ItemList: Sequence {
    case none
    case one(Element)
    case array(Element)

    struct Iterator: IteratorProtocol {
        /// The items lie on `tape` from `position` to `stop`; no tape, no items.
        private var position: Int
        private let stop: Int
        private let tape: Tape?

        fileprivate init(_ list: ItemList) {
            switch list {
            case .none:
                (position, stop, tape) = (0, 0, nil)
            case .one(let item):
                (position, stop, tape) = (item.index, item.end, item.tape)
            case .array(let array):
                (position, stop, tape) = (array.index + 1, array.end - 1, array.tape)
            }
        }

        mutating func next() -> Element? {
            guard position < stop, let tape else { return nil }
            let item = Element(tape: tape, index: position)
            position = item.end
            return item
        }
    }

    func makeIterator() -> Iterator { Iterator(self) }

    /// Exact, so that an array made of the items is sized once.
    var underestimatedCount: Int { count }

    /// How many items there are.
    var count: Int {
        switch self {
        case .none: 0
        case .one: 1
        case .array(let array): array.count
        }
    }
}
