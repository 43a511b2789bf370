/// The outcome of a diff for people and scripts: the stderr summary and the `--report` JSON.
public struct DiffReport: Sendable {
    /// The side compared from.
    public var old: DiffSide
    /// The side compared to.
    public var new: DiffSide
    /// The comparison of `old.graph` with `new.graph`.
    public var diff: GraphDiff
    /// `diff` tallied by kind, computed once at init.
    public var counts: DiffCounts

    /// A report on `diff` between `old` and `new`.
    public init(old: DiffSide, new: DiffSide, diff: GraphDiff) {
        self.old = old
        self.new = new
        self.diff = diff
        counts = DiffCounts(diff)
    }

    /// The summary for stderr: each side's size and skipped inputs, then the counts by kind.
    public var summary: String {
        var lines: [String] = []
        for (name, side) in [("old", old), ("new", new)] {
            var line = "\(name): \(side.graph.nodes.count) nodes, \(side.graph.edges.count) edges"
            var sources: [String] = []
            if side.report.documents > 0 {
                sources.append("\(side.report.converted) of \(side.report.documents) response documents")
            }
            if !side.graphFiles.isEmpty { sources.append("\(side.graphFiles.count) graph file\(side.graphFiles.count == 1 ? "" : "s")") }
            if !sources.isEmpty { line += " from " + sources.joined(separator: " and ") }
            if side.report.rejected > 0 { line += "; \(side.report.rejected) skipped" }
            lines.append(line)
            for rejection in side.report.rejections.prefix(5) { lines.append("  skipped \(rejection.location): \(rejection.reason)") }
            if side.report.rejected > 5 { lines.append("  … and \(side.report.rejected - 5) more (see --report)") }
            for error in side.graphFileErrors { lines.append("  \(error)") }
        }
        lines.append(tallyLine("nodes", counts.nodeTotal))
        for kind in NodeKind.allCases { if let t = counts.nodes[kind] { lines.append(tallyLine("  " + kind.rawValue, t)) } }
        lines.append(tallyLine("edges", counts.edgeTotal))
        for kind in EdgeKind.allCases { if let t = counts.edges[kind] { lines.append(tallyLine("  " + kind.rawValue, t)) } }
        lines.append(diff.isEmpty ? "the graphs hold the same facts" : "the graphs differ")
        return lines.joined(separator: "\n") + "\n"
    }

    private func tallyLine(_ name: String, _ t: DiffCounts.Tally) -> String {
        "\(name): \(t.added) added, \(t.removed) removed, \(t.changed) changed"
    }

    /// The `--report` file: a JSON object with stable keys.
    ///
    /// `same` (boolean); `old` and `new`, each with `inputs` (response documents, converted,
    /// rejected, graph files) and the graph's `nodes` and `edges` counts; `nodes` and `edges`, each
    /// `added`, `removed`, `changed` and `byKind` (only kinds with a change); `ignored`, the
    /// attributes left out of the comparison; `outputs`, the files written.
    public func json(outputs: [String]) -> String {
        let w = ReportJSONWriter()
        w.object {
            w.member("same", diff.isEmpty)
            for (name, side) in [("old", old), ("new", new)] {
                w.member(name) {
                    w.object {
                        w.member("documents", side.report.documents)
                        w.member("converted", side.report.converted)
                        w.member("rejected", side.report.rejected)
                        w.member("graphFiles") { w.array(side.graphFiles) { w.string($0) } }
                        w.member("nodes", side.graph.nodes.count)
                        w.member("edges", side.graph.edges.count)
                    }
                }
            }
            w.member("nodes") { tally(counts.nodeTotal, byKind: counts.nodes.map { ($0.key.rawValue, $0.value) }, w) }
            w.member("edges") { tally(counts.edgeTotal, byKind: counts.edges.map { ($0.key.rawValue, $0.value) }, w) }
            w.member("ignored") { w.array(diff.ignored.map(\.rawValue).sorted()) { w.string($0) } }
            w.member("outputs") { w.array(outputs) { w.string($0) } }
        }
        return w.text + "\n"
    }

    private func tally(_ total: DiffCounts.Tally, byKind: [(String, DiffCounts.Tally)], _ w: ReportJSONWriter) {
        w.object {
            w.member("added", total.added)
            w.member("removed", total.removed)
            w.member("changed", total.changed)
            w.member("byKind") {
                w.object {
                    for (kind, t) in byKind.sorted(by: { $0.0 < $1.0 }) {
                        w.member(kind) {
                            w.object {
                                w.member("added", t.added)
                                w.member("removed", t.removed)
                                w.member("changed", t.changed)
                            }
                        }
                    }
                }
            }
        }
    }
}
