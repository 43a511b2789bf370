/// Runs one document through the whole reading path (parse, classify, read, accumulate, build),
/// as detected, and as each forced API (`--api`), and checks the report adds up.
enum ResponseFuzzing {
    nonisolated(unsafe) static let readers: [ResponseReader] = [
        ResponseReader(limits: InputLimits(), forcedAPI: nil),
        ResponseReader(limits: InputLimits(), forcedAPI: .gatewayRoute),
        ResponseReader(limits: InputLimits(), forcedAPI: .vpnRoutes),
    ]

    static func read(_ data: UnsafeRawBufferPointer) {
        withPaddedCopy(data) { bytes, capacity in
            for reader in readers {
                var accumulator = GraphAccumulator()
                var report = ConversionReport()
                let outcome = reader.read(bytes, capacity: capacity, location: InputLocation(input: "fuzz"), container: .json,
                                          into: &accumulator, report: &report)
                fuzzCheck(report.documents == 1, "one document counted once")
                fuzzCheck(report.converted + report.rejected == 1, "a document is converted or rejected, never both or neither")
                fuzzCheck((outcome.rejection == nil) == (report.converted == 1), "the outcome agrees with the report")
                if let rejection = outcome.rejection { fuzzCheck(!rejection.reason.isEmpty, "a rejection has a reason") }
                let (graph, _) = accumulator.build()
                for edge in graph.edges {
                    fuzzCheck(graph.node(id: edge.source) != nil && graph.node(id: edge.target) != nil,
                              "edge \(edge.id) has both its nodes")
                }
            }
        }
    }
}

/// Bytes → ResponseReader (JSON via simdjson, or XML when the bytes start with `<`) → GraphAccumulator.
enum JSONResponseFuzz {
    static func run(_ data: UnsafeRawBufferPointer) { ResponseFuzzing.read(data) }
}

/// Bytes → XMLDocumentReader directly (whatever the first byte), then the whole path.
enum XMLResponseFuzz {
    static let reader = XMLDocumentReader(maxDepth: 256)

    static func run(_ data: UnsafeRawBufferPointer) {
        withPaddedCopy(data) { bytes, _ in
            do throws(DocumentError) {
                let document = try reader.parse(bytes)
                // Walk the tape: every container's end must lie inside the tape.
                document.withRoot { root in
                    var stack = [root]
                    var visited = 0
                    while let element = stack.popLast(), visited < 1_000_000 {
                        visited += 1
                        fuzzCheck(element.end > element.index, "a tape value ends after it starts")
                        for member in element.members { stack.append(member.value) }
                        stack.append(contentsOf: element.elements)
                        _ = element.text
                    }
                }
            } catch {
                fuzzCheck(!error.message.isEmpty, "a refusal has a reason")
            }
        }
        ResponseFuzzing.read(data)
    }
}
