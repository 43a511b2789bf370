extension FragmentMerge.Result {
    /// The `merge --report` file: the fragments merged, the warnings, the merged graph's counts and
    /// the files written, in the same layout as convert's report where they overlap.
    public func json(fragments: [String], outputs: [String]) -> String {
        let w = ReportJSONWriter()
        w.object {
            w.member("fragments") { w.array(fragments) { w.string($0) } }
            w.member("warnings") {
                w.array(warnings) { warning in
                    w.object {
                        if let location = warning.location {
                            w.member("input", location.input)
                            if let line = location.line { w.member("line", line) }
                        }
                        w.member("message", warning.message)
                    }
                }
            }
            w.member("graph") {
                w.object {
                    w.member("nodes") {
                        w.object {
                            w.member("total", graph.nodes.count)
                            w.member("byKind") {
                                w.counts(
                                    Dictionary(
                                        uniqueKeysWithValues: graph.nodeCounts.map { ($0.key.rawValue, $0.value) }))
                            }
                        }
                    }
                    w.member("edges") {
                        w.object {
                            w.member("total", graph.edges.count)
                            w.member("byKind") {
                                w.counts(
                                    Dictionary(
                                        uniqueKeysWithValues: graph.edgeCounts.map { ($0.key.rawValue, $0.value) }))
                            }
                        }
                    }
                }
            }
            w.member("outputs") { w.array(outputs) { w.string($0) } }
        }
        return w.text + "\n"
    }
}
