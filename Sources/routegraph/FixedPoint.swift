/// Numbers written with a fixed count of decimals (what `%.1f` and `%.3f` give), without
/// Foundation's `String(format:)`.
enum FixedPoint {
    /// `value` rounded to `places` decimals: `text(12.345, places: 1)` is `12.3`. Values an `Int`
    /// cannot hold so scaled (none that a clock or a byte count gives) are written as `%g` would
    /// start them: `nan`, `inf`, or the plain `description`.
    static func text(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaledValue = (abs(value) * Double(scale)).rounded()
        guard scaledValue < 9e15 else {
            if value.isNaN { return "nan" }
            if value.isInfinite { return value < 0 ? "-inf" : "inf" }
            return value.description
        }
        let scaled = Int(scaledValue)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % scale)
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
