extension FragmentMerge.Result {
    /// The `merge --report` file: the fragments merged, the warnings, the merged graph's counts and
    /// the files written, in the same layout as convert's report where they overlap. `counts` are
    /// the merged graph's, taken before it was handed to the writers (`GraphCounts(graph)`).
    public func json(fragments: [String], outputs: [String], counts: GraphCounts) -> String {
        FragmentMerge.reportJSON(warnings: warnings, fragments: fragments, outputs: outputs, counts: counts)
    }
}

extension FragmentMerge {
    /// The `merge --report` file of a merge that gave `warnings` (`Result.json`).
    package static func reportJSON(warnings: [ConversionWarning], fragments: [String], outputs: [String], counts: GraphCounts) -> String {
        let w = ReportJSONWriter()
        w.object {
            w.member("fragments") { w.array(fragments) { w.string($0) } }
            w.member("warnings") { w.warnings(warnings) }
            w.member("graph") { w.counts(counts) }
            w.member("outputs") { w.array(outputs) { w.string($0) } }
        }
        return w.text + "\n"
    }
}
