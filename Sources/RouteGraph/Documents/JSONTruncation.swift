/// Tells a JSON text that was cut short from one that is malformed some other way.
///
/// simdjson reports a document that stops inside an object as "improper structure", the same as a
/// missing comma: true, but it hides the usual cause in archives (a download or a copy that did not
/// finish), which is what the user has to fix. Only run on a document that already failed to
/// parse, so its cost does not matter.
enum JSONTruncation {
    /// What is still open where the text ends: objects and arrays, and whether a string is.
    struct OpenAtEnd: Equatable {
        var objects = 0
        var arrays = 0
        var inString = false

        var isEmpty: Bool { objects == 0 && arrays == 0 && !inString }
    }

    /// What is left open at the end of `bytes`, or nil if the brackets close where they should
    /// (then the text is malformed, not cut short).
    static func openAtEnd(_ bytes: UnsafeRawBufferPointer) -> OpenAtEnd? {
        var open: [UInt8] = []
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): open.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                // A closing bracket that matches nothing open means broken, not cut short.
                guard let last = open.popLast(), last == (byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")) else {
                    return nil
                }
            default: break
            }
        }
        let state = OpenAtEnd(
            objects: open.count { $0 == UInt8(ascii: "{") }, arrays: open.count { $0 == UInt8(ascii: "[") },
            inString: inString)
        return state.isEmpty ? nil : state
    }

    /// The reason given for a document cut short, or nil if it was not.
    static func reason(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard let open = openAtEnd(bytes) else { return nil }
        var parts: [String] = []
        if open.inString { parts.append("a string") }
        if open.objects > 0 { parts.append(open.objects == 1 ? "1 object" : "\(open.objects) objects") }
        if open.arrays > 0 { parts.append(open.arrays == 1 ? "1 array" : "\(open.arrays) arrays") }
        return "the text ends with \(parts.joined(separator: " and ")) still open: the response was cut short "
            + "(an interrupted download or copy?); save it again"
    }
}
