/// The String last read from one field, given again while the field's text repeats: in an archive
/// the same texts come record after record (every entry of a page names its connection, and most
/// its connection again as next hop; a gateway's routes all name the gateway), and a String equal
/// to bytes already decoded need not be allocated and decoded again.
///
/// Reusing is exact: the String kept is valid UTF-8, so bytes equal to its UTF-8 decode to it.
struct RepeatedText {
    private var last: String?

    /// `element?.trimmedText`, the String made last time when the text is the same.
    mutating func trimmedText(of element: Element?) -> String? {
        guard let element else { return nil }
        // Text that only a trim by Characters reads right, and numbers, are made as before.
        guard let bytes = element.stringBytes, let trimmed = Element.trimmedASCII(bytes) else { return element.trimmedText }
        guard !trimmed.isEmpty else { return nil }
        return text(trimmed)
    }

    /// The String of `bytes` as they are, the String made last time when they are the same: for
    /// graph files, whose values are read as written (a VPN page's edges share its `input` and
    /// `requestId`).
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let last, ByteOrder.sameUTF8(last, bytes) { return last }
        let text = String(decoding: bytes, as: UTF8.self)
        last = text
        return text
    }
}

/// The list of texts last read from one field, given again while the list repeats (the tunnels of
/// a connection come with each of its entries).
struct RepeatedStrings {
    /// The texts of the last list read, as `strings(wrappedAs:)` gives them; nil before the first.
    private var texts: [String]?
    private var unique: [String] = []

    /// `list.uniqueSortedStrings(wrappedAs: itemNames)`, the array made last time when the list
    /// holds the same texts in the same order.
    mutating func uniqueSortedStrings(of list: Element, wrappedAs itemNames: [String]) -> [String] {
        let items = list.itemList(wrappedAs: itemNames)
        if let last = texts, Self.same(items, as: last) { return unique }
        let read = items.compactMap { $0.trimmedText }
        texts = read
        unique = Element.uniqueSorted(read)
        return unique
    }

    /// Whether the texts of `items` are `texts`: only when every item is a string whose trim is
    /// plain bytes, the non-empty ones equal to `texts` in order.
    private static func same(_ items: ItemList, as texts: [String]) -> Bool {
        var n = 0
        for item in items {
            guard let bytes = item.stringBytes, let trimmed = Element.trimmedASCII(bytes) else { return false }
            if trimmed.isEmpty { continue }
            guard n < texts.count, ByteOrder.sameUTF8(texts[n], trimmed) else { return false }
            n += 1
        }
        return n == texts.count
    }
}
