// Placeholder until the libxml2 reader lands; removed then.
struct XMLDocument {
    let rootName: String
    let tape: Tape
}

final class XMLDocumentReader {
    init(maxDepth: Int = 256) {}
    func parse(_ bytes: UnsafeRawBufferPointer) throws(DocumentError) -> XMLDocument {
        throw .invalidXML("XML reading is not built yet")
    }
}
