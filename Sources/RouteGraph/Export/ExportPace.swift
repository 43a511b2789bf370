/// How `ExportScheduler` trades memory for speed while it writes a graph's files: how many files
/// are open at once, and how many rendered pieces may wait for each file's writes.
enum ExportPace: Sendable, Equatable {
    /// One file after another, from its plan to its last write, two pieces per thread waiting at
    /// most: for graphs whose files take a moment each.
    case oneFileAtATime
    /// Every file side by side, with up to `piecesAheadPerThread` pieces per thread rendered and
    /// waiting for each file's writes.
    case sideBySide(piecesAheadPerThread: Int)

    /// The pace for a graph of `rows` nodes and edges (`ExportScheduler.init` says what each
    /// costs and saves).
    static func forGraph(rows: Int) -> ExportPace {
        if rows <= oneFileAtATimeRows { return .oneFileAtATime }
        return .sideBySide(piecesAheadPerThread: rows <= shallowRows ? 2 : 8)
    }

    /// 17,500 rows for the 10 MB archives, which take a tenth of a second.
    static let oneFileAtATimeRows = 50_000

    /// The 100 MB archives' graph has 163,000 rows, the directory's of 95,000 files 792,000 and the
    /// 1 GB archive's 1.42 million. With eight pieces per thread, the 100 MB archive and its twin
    /// peaked at 85-94 MB at the end of writing (seven files, each with up to sixteen pieces of up
    /// to a megabyte waiting), with two at 70-73 MB, as fast (0.40 s both, 7 runs by turns). The
    /// directory took 2.36 s with eight, 2.53 s with two (5 runs): its larger files are written
    /// directly, and their renderers wait for the device when few pieces may wait.
    static let shallowRows = 400_000

    /// The most pieces rendered and not yet written that one file may have with `threads` threads.
    func maxPendingPieces(threads: Int) -> Int {
        switch self {
        case .oneFileAtATime: max(2, 2 * threads)
        case .sideBySide(let perThread): max(perThread, perThread * threads)
        }
    }
}
