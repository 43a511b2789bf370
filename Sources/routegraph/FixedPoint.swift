/// Numbers written with a fixed count of decimals (what `%.1f` and `%.3f` give), without
/// Foundation's `String(format:)`.
enum FixedPoint {
    /// `value` rounded to `places` decimals: `text(12.345, places: 1)` is `12.3`.
    static func text(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % scale)
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
