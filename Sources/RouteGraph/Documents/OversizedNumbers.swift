#if canImport(Glibc)
import Glibc
#endif

/// JSON numbers that are valid JSON but beyond what simdjson reads: integers outside
/// -2^63 … 2^64-1 and numbers too large for a double. JSON sets no limit on numbers, and Python or
/// JavaScript read such a response without complaint, so rejecting it as "not valid JSON" would be
/// wrong. They are written as strings instead, digits unchanged, and the document is parsed again:
/// a reader then sees the number as text and says which field is out of range (an id cannot be
/// rounded), exactly as for a number saved as a string.
enum OversizedNumbers {
    /// A copy of `bytes` with every oversized number in quotes, or nil if there is none (then the
    /// number simdjson refused is malformed, and the document is not JSON). Scans outside strings
    /// only; a malformed document may come out as malformed as it went in.
    static func quoted(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        let text = bytes.bindMemory(to: UInt8.self)
        var out: [UInt8]?
        var copied = 0
        var i = 0
        let n = text.count
        while i < n {
            let c = text[i]
            if c == UInt8(ascii: "\"") {
                i = endOfString(text, from: i)
                continue
            }
            guard c == UInt8(ascii: "-") || isDigit(c) else {
                i += 1
                continue
            }
            let end = endOfNumber(text, from: i)
            if isOversized(UnsafeBufferPointer(rebasing: text[i..<end])) {
                if out == nil {
                    out = []
                    out!.reserveCapacity(n + 16)
                }
                out!.append(contentsOf: text[copied..<i])
                out!.append(UInt8(ascii: "\""))
                out!.append(contentsOf: text[i..<end])
                out!.append(UInt8(ascii: "\""))
                copied = end
            }
            i = max(end, i + 1)
        }
        guard var result = out else { return nil }
        result.append(contentsOf: text[copied..<n])
        return result
    }

    /// The index just past the string that opens at `start` (or the end of the text).
    private static func endOfString(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start + 1
        while i < text.count {
            switch text[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): return i + 1
            default: i += 1
            }
        }
        return text.count
    }

    /// The index just past the characters a number can hold, from `start`.
    private static func endOfNumber(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < text.count {
            let c = text[i]
            guard isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            else { break }
            i += 1
        }
        return i
    }

    /// Whether `token` is a well-formed JSON number that does not fit: an integer outside the
    /// 64-bit range (signed below zero, unsigned above), or a number whose double is infinite.
    /// Malformed tokens are not oversized: they stay as they are, to be rejected.
    private static func isOversized(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let isInteger = integerOrNot(token) else { return false }
        if isInteger {
            let negative = token[0] == UInt8(ascii: "-")
            var magnitude: UInt64 = 0
            for c in token where isDigit(c) {
                let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
                if o1 || o2 { return true }
                magnitude = plus
            }
            return negative && magnitude > UInt64(Int64.max) + 1
        }
        var chars = Array(token)
        chars.append(0)
        let value = chars.withUnsafeBufferPointer { strtod(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), nil) }
        return value.isInfinite
    }

    /// Whether `token` is an integer (true) or a number with a fraction or exponent (false), by
    /// JSON's grammar, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; nil if it is neither.
    private static func integerOrNot(_ token: UnsafeBufferPointer<UInt8>) -> Bool? {
        var i = 0
        let n = token.count
        if i < n, token[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, isDigit(token[i]) else { return nil }
        if token[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < n, isDigit(token[i]) { i += 1 }
        }
        var isInteger = true
        if i < n, token[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            let digits = i
            while i < n, isDigit(token[i]) { i += 1 }
            guard i > digits else { return nil }
        }
        if i < n, token[i] == UInt8(ascii: "e") || token[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < n, token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-") { i += 1 }
            let digits = i
            while i < n, isDigit(token[i]) { i += 1 }
            guard i > digits else { return nil }
        }
        return i == n ? isInteger : nil
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
