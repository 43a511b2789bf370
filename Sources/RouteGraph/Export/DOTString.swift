/// Text for DOT: quoted strings that Graphviz, and every DOT reader, take back as written.
enum DOTString {
    /// `text` as a double-quoted DOT string.
    ///
    /// Graphviz reads quoted attribute values as escString and decodes HTML entities in labels and
    /// tooltips, so besides the quoting itself:
    /// - `\` becomes `\\` (else `\N`, `\G`, `\l` would be expanded) and `"` becomes `\"`;
    /// - `&` becomes `&amp;` (else `&amp;` in a name would show as `&`);
    /// - a line break (LF, CR or CRLF) becomes `\n`, Graphviz's centred line break;
    /// - every other control character (U+0000–U+001F, U+007F–U+009F) and every noncharacter
    ///   (U+FFFE, U+FFFF and the like, which SVG, being XML, cannot carry) becomes U+FFFD.
    static func quoted(_ text: String) -> String {
        // Almost every value is plain ASCII that needs no escape: then the text goes in whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C && $0 != 0x22 && $0 != 0x26 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "&": out += "&amp;"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case _ where isReplaced(scalar.value): out.unicodeScalars.append("\u{FFFD}")
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// Whether `quoted(text)` is `text` in quotes: printable ASCII without `\\`, `"` or `&`.
    static func isPlain(_ text: String) -> Bool {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte < 0x20 || byte >= 0x7F || byte == 0x5C || byte == 0x22 || byte == 0x26 {
                return false
            }
            return true
        }
        return plain ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C && $0 != 0x22 && $0 != 0x26 }
    }

    /// Appends `quoted(text)`.
    static func appendQuoted(_ text: String, to out: inout TextBuffer) {
        if isPlain(text) {
            out.append(UInt8(ascii: "\""))
            out.append(string: text)
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(string: quoted(text))
        }
    }

    /// A DOT attribute list, `[name="value", …]`, every value quoted; names are our own constants.
    static func attributeList(_ attributes: [(String, String)]) -> String {
        "[" + attributes.map { "\($0.0)=\(quoted($0.1))" }.joined(separator: ", ") + "]"
    }

    /// Whether the scalar `v` is written as U+FFFD: a control character or a noncharacter.
    @inline(__always)
    static func isReplaced(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }

    /// `text` shortened to about `limit` characters for a label: the beginning and the end kept,
    /// which is where ids differ (a gateway or tunnel prefix, the last digits), joined by `…`.
    static func shortened(_ text: String, limit: Int = 32) -> String {
        guard text.count > limit else { return text }
        let tail = limit / 2 - 1
        return String(text.prefix(limit - tail - 1)) + "…" + String(text.suffix(tail))
    }
}

/// Short DOT names for canonical ids. Canonical ids contain `:`, which pydot (hence networkx) and
/// some other DOT readers take for a port even when quoted, so nodes are named `n` followed by the
/// 16 hex digits of the FNV-1a-64 hash of the id's UTF-8: short, the same in every run and every
/// graph. Two ids with one hash (unlikely, but possible) are told apart by a `_2`, `_3` suffix given
/// in the order ids are first named, which the writer keeps deterministic (graph order).
struct DOTNames {
    private let prefix: String
    private let hash: (String) -> UInt64
    private var names: [String: String] = [:]
    private var taken: Set<String> = []

    /// `hash` is replaceable so tests can force the collisions FNV-1a makes too rarely to meet.
    init(prefix: String, hash: @escaping (String) -> UInt64 = DOTNames.fnv1a64) {
        self.prefix = prefix
        self.hash = hash
    }

    /// The name of `id`, made on first use.
    mutating func name(for id: String) -> String {
        if let name = names[id] { return name }
        let base = prefix + DOTNames.hex(hash(id))
        var name = base
        var suffix = 2
        while taken.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        names[id] = name
        taken.insert(name)
        return name
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash = fnv1a64Basis
        for byte in text.utf8 { hash = fnv1a64(hash, byte) }
        return hash
    }

    /// FNV-1a-64 of `bytes`, continuing from `hash` (the basis for a fresh hash): an id can be
    /// hashed in pieces.
    @inline(__always)
    static func fnv1a64(_ bytes: UnsafeBufferPointer<UInt8>, from hash: UInt64 = fnv1a64Basis) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = fnv1a64(hash, byte) }
        return hash
    }

    static let fnv1a64Basis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    private static func fnv1a64(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
