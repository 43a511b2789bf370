/// One output file as a row of pieces that can be rendered independently, in any order and on any
/// thread, and that give the file when concatenated in order.
///
/// A large file rendered front to back keeps one core busy however many there are; cut into pieces
/// (a header, ranges of nodes and of edges, a footer), every core can render some while one writes
/// them out in order, and the bytes stay exactly those of a single pass.
///
/// Pieces are kept under a megabyte. Every piece rendered and not yet written holds a buffer of its
/// own, and a buffer is reused at the size of the largest piece it held: with pieces of 1–3 MB the
/// buffers grew to 30–86 MB in all, and the 100 MB twin archive peaked about 10 MB higher, at the
/// end of writing, than with pieces a quarter of that size, which render and write as fast
/// (docs/performance.md, twelfth session).
struct RenderPlan: @unchecked Sendable {
    /// How many pieces the file has.
    let pieceCount: Int
    /// Appends piece `index` to the buffer. Must only read shared state, so that pieces of the same
    /// file can be rendered at the same time (the writers only read the graph and what the plan
    /// prepared). `@unchecked Sendable` because of this closure: the plans of views (the diff's
    /// decorations) capture non-Sendable closures and are only ever rendered on one thread.
    let render: (Int, inout TextBuffer) throws(OutputError) -> Void

    /// Renders every piece in order into `sink`: the single-threaded way, for memory sinks and views.
    func emit<Sink: TextSink>(into sink: Sink) throws(OutputError) {
        var out = TextBuffer()
        for index in 0..<pieceCount {
            try render(index, &out)
            try out.flush(into: sink)
        }
    }

    /// Writes the file to `path` on this thread, atomically.
    func write(to path: String) throws(OutputError) {
        try AtomicFile.write(to: path) { file throws(OutputError) in try emit(into: file) }
    }
}

/// What one piece of a graph file holds: the fixed text before the rows, a range of nodes, a range
/// of edges, or the fixed text after them.
enum GraphPiece {
    case head
    case nodes(Range<Int>)
    case edges(Range<Int>)
    case tail

    /// Cuts a file of `nodeCount` node rows and then `edgeCount` edge rows into pieces of at most
    /// `rowsPerPiece` rows, with a `head` and a `tail` piece where the format has one.
    struct Layout {
        let head: Bool
        let tail: Bool
        let nodeCount: Int
        let edgeCount: Int
        let rowsPerPiece: Int

        private var nodePieces: Int { (nodeCount + rowsPerPiece - 1) / rowsPerPiece }
        private var edgePieces: Int { (edgeCount + rowsPerPiece - 1) / rowsPerPiece }

        var count: Int { (head ? 1 : 0) + nodePieces + edgePieces + (tail ? 1 : 0) }

        /// The `index`th piece.
        func piece(_ index: Int) -> GraphPiece {
            var i = index
            if head {
                if i == 0 { return .head }
                i -= 1
            }
            if i < nodePieces { return .nodes(i * rowsPerPiece..<min(nodeCount, (i + 1) * rowsPerPiece)) }
            i -= nodePieces
            if i < edgePieces { return .edges(i * rowsPerPiece..<min(edgeCount, (i + 1) * rowsPerPiece)) }
            return .tail
        }
    }
}
