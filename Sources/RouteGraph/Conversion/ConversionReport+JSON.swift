/// The `--report` file: a JSON object with stable keys, for scripts.
extension ConversionReport {
    /// The report as JSON text; `graph` adds node and edge counts, `outputs` the files written.
    public func json(graph: RouteGraph?, outputs: [String]) -> String {
        json(counts: graph.map(GraphCounts.init), outputs: outputs)
    }

    /// The report as JSON text, with the graph's counts given rather than the graph.
    public func json(counts: GraphCounts?, outputs: [String]) -> String {
        let w = ReportJSONWriter()
        w.object {
            w.member("inputs") {
                w.object {
                    w.member("documents", documents)
                    w.member("converted", converted)
                    w.member("rejected", rejected)
                    w.member("byApi") { w.counts(byAPI) }
                    w.member("byShape") { w.counts(byShape) }
                    w.member("rejectedByReason") { w.counts(Dictionary(uniqueKeysWithValues: rejectedByCode.map { ($0.key.rawValue, $0.value) })) }
                }
            }
            w.member("records") {
                w.object {
                    w.member("gatewayRoutes", gatewayRouteRecords)
                    w.member("vpnRouteEntries", vpnEntryRecords)
                    w.member("supersededSnapshots", supersededSnapshots)
                }
            }
            w.member("rejected") {
                w.array(rejections) { r in
                    w.object {
                        w.member("input", r.location.input)
                        if let line = r.location.line { w.member("line", line) }
                        w.member("code", r.code.rawValue)
                        w.member("reason", r.reason)
                    }
                }
            }
            w.member("warnings") { w.warnings(warnings) }
            if let counts { w.member("graph") { w.counts(counts) } }
            w.member("outputs") { w.array(outputs) { w.string($0) } }
        }
        return w.text + "\n"
    }
}

/// A small JSON writer with sorted, pretty output, for reports (not for graph data).
final class ReportJSONWriter {
    /// Warnings as every report writes them: `input`, `line` where there is one, `message`.
    func warnings(_ warnings: [ConversionWarning]) {
        array(warnings) { warning in
            object {
                if let location = warning.location {
                    member("input", location.input)
                    if let line = location.line { member("line", line) }
                }
                member("message", warning.message)
            }
        }
    }

    /// A graph's node and edge totals and counts by kind.
    func counts(_ graph: GraphCounts) {
        object {
            member("nodes") {
                object {
                    member("total", graph.nodeTotal)
                    member("byKind") { counts(Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.key.rawValue, $0.value) })) }
                }
            }
            member("edges") {
                object {
                    member("total", graph.edgeTotal)
                    member("byKind") { counts(Dictionary(uniqueKeysWithValues: graph.edges.map { ($0.key.rawValue, $0.value) })) }
                }
            }
        }
    }

    private(set) var text = ""
    private var indent = 0
    private var first = [true]

    private func separator() {
        if !first[first.count - 1] { text += "," }
        first[first.count - 1] = false
        if indent > 0 { text += "\n" + String(repeating: "  ", count: indent) }
    }

    func object(_ body: () -> Void) {
        text += "{"
        indent += 1
        first.append(true)
        body()
        let empty = first.removeLast()
        indent -= 1
        if !empty { text += "\n" + String(repeating: "  ", count: indent) }
        text += "}"
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        text += "["
        indent += 1
        first.append(true)
        for item in items {
            separator()
            body(item)
        }
        let empty = first.removeLast()
        indent -= 1
        if !empty { text += "\n" + String(repeating: "  ", count: indent) }
        text += "]"
    }

    func member(_ key: String, _ value: () -> Void) {
        separator()
        string(key)
        text += ": "
        value()
    }

    func member(_ key: String, _ value: Int) { member(key) { text += String(value) } }
    func member(_ key: String, _ value: String) { member(key) { string(value) } }
    func member(_ key: String, _ value: Bool) { member(key) { text += value ? "true" : "false" } }

    func counts(_ dictionary: [String: Int]) {
        object {
            for key in dictionary.keys.sorted() { member(key, dictionary[key]!) }
        }
    }

    func string(_ value: String) {
        var bytes: [UInt8] = []
        JSONText.appendString(value, to: &bytes)
        text += String(decoding: bytes, as: UTF8.self)
    }
}
