/// An instant, kept as Unix milliseconds and written as ISO 8601 UTC (`2022-01-07T10:07:57Z`).
///
/// Parsing is by hand: the formats are few and fixed, a saved archive holds millions of them, and
/// Foundation's date formatters are both slow and locale-sensitive.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    /// An instant given as Unix milliseconds, as `CreateTime` and numeric `GmtCreate` are.
    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    /// China Standard Time, UTC+8: the zone of `GmtCreate`, which is written without an offset.
    public static let chinaStandardTimeOffset = 8 * 3600

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// Parses `YYYY-MM-DD[T| ]hh:mm:ss[.fff][Z|±hh:mm|±hhmm|±hh]`. A time without an offset is in
    /// `defaultOffsetSeconds` east of UTC.
    public init?(parsing text: String, defaultOffsetSeconds: Int) {
        var text = text
        let parsed: Int64? = text.withUTF8 { Timestamp.parse($0, defaultOffsetSeconds: defaultOffsetSeconds) }
        guard let parsed else { return nil }
        millisecondsSinceEpoch = parsed
    }

    /// Parses UTF-8 text as `init(parsing:defaultOffsetSeconds:)` does.
    init?(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>, defaultOffsetSeconds: Int) {
        guard let parsed = Timestamp.parse(bytes, defaultOffsetSeconds: defaultOffsetSeconds) else { return nil }
        millisecondsSinceEpoch = parsed
    }

    /// ISO 8601 in UTC; milliseconds only where there are some.
    public var iso8601: String {
        // Years of four digits, all that real responses hold, are written straight into the
        // string's storage: this runs for every timestamp of every route and entry in a graph.
        let written = String(unsafeUninitializedCapacity: Self.iso8601Capacity) { writeISO8601(into: $0) ?? 0 }
        if !written.isEmpty { return written }
        let (seconds, fraction) = Self.flooredDivision(millisecondsSinceEpoch, 1000)
        let (days, secondOfDay) = Self.flooredDivision(seconds, 86400)
        let (y, m, d) = Timestamp.civil(fromDays: days)
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        out += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 { out += "." + pad(fraction, 3) }
        return out + "Z"
    }

    /// Calls `body` with the UTF-8 of `iso8601`, made on the stack where the year has four digits:
    /// for writers that copy the text on, and would otherwise allocate a string for each.
    func withISO8601<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.iso8601Capacity) { buffer in
            if let length = writeISO8601(into: buffer) { return body(UnsafeBufferPointer(rebasing: buffer[..<length])) }
            var text = iso8601
            return text.withUTF8(body)
        }
    }

    /// The longest ISO 8601 text of a four-digit year: `yyyy-mm-ddThh:mm:ss.mmmZ`.
    private static let iso8601Capacity = 24

    /// Writes `iso8601` into `out` (at least `iso8601Capacity` bytes) and returns its length, where
    /// the year has four digits; nil, with nothing written, otherwise.
    private func writeISO8601(into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        // Rounded down without `ms - 999`, which the smallest integer (a value as written) would
        // overflow.
        let (seconds, fraction) = Self.flooredDivision(millisecondsSinceEpoch, 1000)
        let (days, secondOfDay) = Self.flooredDivision(seconds, 86400)
        let (y, m, d) = Timestamp.civil(fromDays: days)
        guard y >= 0 && y <= 9999 else { return nil }
        let length = fraction != 0 ? 24 : 20
        @inline(__always) func put(_ value: Int64, _ width: Int, at position: Int) {
            var rest = value
            var i = position + width - 1
            while i >= position {
                out[i] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                i -= 1
            }
        }
        put(y, 4, at: 0)
        out[4] = 0x2D  // -
        put(m, 2, at: 5)
        out[7] = 0x2D
        put(d, 2, at: 8)
        out[10] = 0x54  // T
        put(secondOfDay / 3600, 2, at: 11)
        out[13] = 0x3A  // :
        put(secondOfDay % 3600 / 60, 2, at: 14)
        out[16] = 0x3A
        put(secondOfDay % 60, 2, at: 17)
        if fraction != 0 {
            out[19] = 0x2E  // .
            put(fraction, 3, at: 20)
        }
        out[length - 1] = 0x5A  // Z
        return length
    }

    /// The quotient rounded down, and the remainder that goes with it (never negative).
    private static func flooredDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (q, r) = value.quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, defaultOffsetSeconds: Int) -> Int64? {
        var i = 0
        var end = b.count
        while i < end, b[i] == 0x20 { i += 1 }
        while end > i, b[end - 1] == 0x20 { end -= 1 }
        // Inlined: called as a function, each field's digits cost a call with its context, most
        // of a parse (which every route snapshot makes twice).
        @inline(__always) func digits(_ n: Int) -> Int64? {
            guard i + n <= end else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let d = b[i + k] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int64(d)
            }
            i += n
            return v
        }
        @inline(__always) func expect(_ c: UInt8) -> Bool {
            guard i < end, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else { return nil }
        guard (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else { return nil }
        guard i < end, b[i] == 0x54 || b[i] == 0x20 || b[i] == 0x74 else { return nil }
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else { return nil }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        var millis: Int64 = 0
        if i < end, b[i] == 0x2E || b[i] == 0x2C {
            i += 1
            var scale: Int64 = 100
            var any = false
            while i < end, b[i] &- 0x30 < 10 {
                millis += Int64(b[i] &- 0x30) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        var offset = Int64(defaultOffsetSeconds)
        if i < end {
            if b[i] == 0x5A || b[i] == 0x7A {
                offset = 0
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D {
                let sign: Int64 = b[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                var om: Int64 = 0
                if i < end {
                    _ = expect(0x3A)
                    guard let m = digits(2) else { return nil }
                    om = m
                }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == end else { return nil }
        let days = daysFromCivil(year, month, day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset
        return seconds * 1000 + millis
    }

    /// The days of a month of the proleptic Gregorian calendar: 2022-02-30 is no date, and must not
    /// quietly become 2022-03-02.
    static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
