/// Integers written in decimal as `String(value)` spells them, straight into memory: every
/// format writes ids and numbers on every row, and route and service node ids end in one.
enum DecimalDigits {
    /// The most bytes `write` writes: a sign and 19 digits (2^63 < 10^19).
    static let maxCount = 20

    /// Writes `value` at `start`, which has room for `maxCount` bytes, and returns how many it
    /// wrote. The length comes from comparisons and the digits two at a time from a table: a
    /// division per digit, twice over (once to count them), was about 110 instructions for an
    /// edge id like `e12345`, on every GraphML edge.
    @inline(__always)
    static func write(_ value: Int64, to start: UnsafeMutablePointer<UInt8>) -> Int {
        // The magnitude as UInt64, so Int64.min has one too.
        var magnitude = value.magnitude
        let sign = value < 0 ? 1 : 0
        if sign == 1 { start[0] = UInt8(ascii: "-") }
        var length = 1
        var bound: UInt64 = 10
        while length < 19 && magnitude >= bound {
            length += 1
            bound &*= 10
        }
        let pairs = digitPairs.utf8Start
        var at = start + sign + length
        while magnitude >= 100 {
            let pair = Int(magnitude % 100) * 2
            magnitude /= 100
            at -= 2
            at[0] = pairs[pair]
            at[1] = pairs[pair + 1]
        }
        if magnitude >= 10 {
            at[-2] = pairs[Int(magnitude) * 2]
            at[-1] = pairs[Int(magnitude) * 2 + 1]
        } else {
            at[-1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude)
        }
        return sign + length
    }

    /// `"\(text):\(number)"`, made in one allocation rather than through string interpolation's
    /// pieces (a third of preparing a route, whose node and every service's end in one).
    static func joined(_ text: String, _ number: Int64) -> String {
        var text = text
        return text.withUTF8 { head in
            String(unsafeUninitializedCapacity: head.count + 1 + maxCount) { buffer in
                let base = buffer.baseAddress!
                if let bytes = head.baseAddress { base.update(from: bytes, count: head.count) }
                base[head.count] = UInt8(ascii: ":")
                return head.count + 1 + write(number, to: base + head.count + 1)
            }
        }
    }

    /// The two digits of 0 to 99, in order.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
}
