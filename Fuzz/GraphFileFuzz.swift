#if canImport(Glibc)
import Glibc
#endif

/// Bytes → a graph file (`graph.jsonl`) → `GraphJSONLinesReader`, the reader `merge` and `diff`
/// go through. A file it reads must come out a canonical graph (nodes in order of id, edges of
/// identity, none twice) whether its lines came in order (appended as read) or not (a union); the
/// graph written back must read back the same; and a merge of it with itself must be a merge of
/// it alone.
enum GraphFileFuzz {
    static let path = fuzzScratchPath("graph-") + ".jsonl"

    static func run(_ data: UnsafeRawBufferPointer) {
        fuzzWrite(data, to: path)
        guard let graph = try? GraphJSONLinesReader().read(path: path) else { return }
        for (a, b) in zip(graph.nodes, graph.nodes.dropFirst()) {
            fuzzCheck(ByteOrder.precedes(a.id, b.id), "nodes out of order or repeated: \(a.id), \(b.id)")
        }
        for (a, b) in zip(graph.edges, graph.edges.dropFirst()) {
            fuzzCheck(Edge.precedes(a, b), "edges out of order or repeated: \(a.id), \(b.id)")
        }
        let text = JSONLinesWriter.render(graph)
        text.utf8.withContiguousStorageIfAvailable { fuzzWrite(UnsafeRawBufferPointer($0), to: path) }
        guard let again = try? GraphJSONLinesReader().read(path: path) else {
            fuzzFail("a graph written by JSONLinesWriter did not read back")
        }
        fuzzCheck(again == graph, "a graph read back differs from the one written")
        let once = FragmentMerge.merge([graph]).graph, twice = FragmentMerge.merge([graph, graph]).graph
        fuzzCheck(JSONLinesWriter.render(once) == JSONLinesWriter.render(twice), "merging a fragment with itself changed it")
    }
}
