import Synchronization

/// Hands out the work of a conversion to threads: whole files, or a share in the JSON Lines input
/// being read, which every thread that asks joins until its chunks run out. Each piece comes with
/// its input's rank in location order (`InputOrder`).
final class InputQueue: Sendable {
    enum Work {
        case file(InputFile, rank: Int32)
        case lines(LineChunks, rank: Int32)
    }

    private let files: [InputFile]
    private let ranks: [Int32]
    private let limits: InputLimits
    private let state = Mutex<(next: Int, current: (chunks: LineChunks, rank: Int32)?)>((0, nil))

    init(files: [InputFile], limits: InputLimits) {
        self.files = files
        ranks = InputOrder.ranks(of: files)
        self.limits = limits
    }

    /// The next piece of work, or nil when there is none left.
    func next() -> Work? {
        state.withLock { state in
            if let current = state.current, !current.chunks.isFinished { return .lines(current.chunks, rank: current.rank) }
            state.current = nil
            guard state.next < files.count else { return nil }
            let (file, rank) = (files[state.next], ranks[state.next])
            state.next += 1
            guard file.isJSONLines else { return .file(file, rank: rank) }
            let chunks = LineChunks(file: file, limits: limits)
            state.current = (chunks, rank)
            return .lines(chunks, rank: rank)
        }
    }
}
