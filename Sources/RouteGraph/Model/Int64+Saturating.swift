extension Int64 {
    /// The sum, held at the largest or smallest integer instead of overflowing: totals come from
    /// the responses as written, and two of a corrupt size must not stop a conversion.
    func addingSaturated(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
