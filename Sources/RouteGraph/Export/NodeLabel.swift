/// `Node.label` read as bytes, without making the `String`: for most nodes (every CIDR) the label
/// is the id after its kind prefix, which as a `String` costs an allocation per node per format.
enum NodeLabel {
    /// Calls `body` with the UTF-8 bytes of `node.pointee.label`.
    static func withUTF8<R>(_ node: UnsafePointer<Node>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch node.pointee.kind {
        case .route, .service, .domain: break  // Named kinds: the label may be the name.
        default:
            let prefixCount = node.pointee.kind.idPrefix.utf8.count
            let inPlace: R?? = node.pointee.id.utf8.withContiguousStorageIfAvailable { utf8 in
                // `label` drops `prefixCount` characters; that is as many bytes when every byte up to
                // and including the first kept one is ASCII other than CR (which joins a following LF).
                let checked = min(utf8.count, prefixCount + 1)
                for i in 0..<checked where utf8[i] >= 0x80 || utf8[i] == 0x0D { return nil }
                return body(UnsafeBufferPointer(rebasing: utf8[min(utf8.count, prefixCount)...]))
            }
            if case .some(.some(let result)) = inPlace { return result }
        }
        var label = node.pointee.label
        return label.withUTF8(body)
    }
}
