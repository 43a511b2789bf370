extension FragmentMerge.Result {
    /// The `merge --report` file: the fragments merged, the warnings, the merged graph's counts and
    /// the files written, in the same layout as convert's report where they overlap.
    public func json(fragments: [String], outputs: [String]) -> String {
        let w = ReportJSONWriter()
        w.object {
            w.member("fragments") { w.array(fragments) { w.string($0) } }
            w.member("warnings") { w.warnings(warnings) }
            w.member("graph") { w.counts(GraphCounts(graph)) }
            w.member("outputs") { w.array(outputs) { w.string($0) } }
        }
        return w.text + "\n"
    }
}
