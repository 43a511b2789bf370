#if canImport(Glibc)
import Glibc
#endif

/// Bytes → a graph file (`graph.jsonl`) → `GraphJSONLinesReader`, the reader `merge` and `diff`
/// go through. A file it reads must come out a canonical graph (nodes in order of id, edges of
/// identity, none twice) whether its lines came in order (appended as read) or not (a union); the
/// graph written back must read back the same; and a merge of it with itself must be a merge of
/// it alone. A merge of the file with itself made packed as it is read (`FragmentMerge.readPacked`)
/// must write what the merge of Swift graphs writes, and a file that cannot be read must fail the
/// same way both ways.
enum GraphFileFuzz {
    static let path = fuzzScratchPath("graph-") + ".jsonl"
    /// Two fragments, the input cut at its first NUL byte (the second empty without one).
    static let halves = [fuzzScratchPath("graph-a-") + ".jsonl", fuzzScratchPath("graph-b-") + ".jsonl"]

    static func run(_ data: UnsafeRawBufferPointer) {
        checkHalves(data)
        fuzzWrite(data, to: path)
        let graph: RouteGraph
        do throws(GraphFileError) {
            graph = try GraphJSONLinesReader().read(path: path)
        } catch {
            do throws(GraphFileError) {
                _ = try FragmentMerge.readPacked(paths: [path])
                fuzzFail("the packed read took a file the Swift read refused: \(error)")
            } catch let packed {
                fuzzCheck("\(packed)" == "\(error)", "the reads fail differently: \(packed) against \(error)")
            }
            return
        }
        checkPackedMerge(graph)
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
        // Written back, the file is canonical: the packed merge takes it.
        checkPackedMerge(again)
        let once = FragmentMerge.merge([graph]).graph, twice = FragmentMerge.merge([graph, graph]).graph
        fuzzCheck(JSONLinesWriter.render(once) == JSONLinesWriter.render(twice), "merging a fragment with itself changed it")
    }

    /// The file merged with itself, packed as read where it is canonical, against the Swift merge.
    static func checkPackedMerge(_ graph: RouteGraph) {
        checkPackedMerge(paths: [path, path], [graph, graph])
    }

    /// Two fragments whose versions of one edge may differ: each half written back canonical (the
    /// packed merge takes only those), then merged both ways.
    static func checkHalves(_ data: UnsafeRawBufferPointer) {
        let cut = data.firstIndex(of: 0) ?? data.count
        let parts = [UnsafeRawBufferPointer(rebasing: data[..<cut]), UnsafeRawBufferPointer(rebasing: data[min(cut + 1, data.count)...])]
        var graphs: [RouteGraph] = []
        for (part, half) in zip(parts, halves) {
            fuzzWrite(part, to: half)
            guard let graph = try? GraphJSONLinesReader().read(path: half) else { return }
            JSONLinesWriter.render(graph).utf8.withContiguousStorageIfAvailable { fuzzWrite(UnsafeRawBufferPointer($0), to: half) }
            graphs.append(graph)
        }
        checkPackedMerge(paths: halves, graphs)
    }

    static func checkPackedMerge(paths: [String], _ graphs: [RouteGraph]) {
        func text(_ packed: PackedGraph) -> [UInt8] {
            let sink = MemorySink()
            try? JSONLinesWriter.plan(packed).emit(into: sink)
            try? GraphMLWriter.plan(packed).emit(into: sink)
            try? DOTWriter.emit(packed, into: sink)
            return sink.bytes
        }
        let read: FragmentMerge.PackedFragments?
        do throws(GraphFileError) { read = try FragmentMerge.readPacked(paths: paths) } catch {
            fuzzFail("the packed read refused a file the Swift read took: \(error)")
        }
        guard let read else { return }
        let packed = FragmentMerge.mergePacked(read), swift = FragmentMerge.merge(graphs)
        fuzzCheck(text(packed.graph) == text(PackedGraph(swift.graph)), "the packed merge writes other bytes")
        fuzzCheck(packed.warnings == swift.warnings, "the packed merge warns otherwise")
    }
}
