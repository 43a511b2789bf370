import Synchronization

/// Hands out the work of a conversion to threads: whole files, or a share in the JSON Lines input
/// being read, which every thread that asks joins until its chunks run out. Each piece comes with
/// its input's rank in location order (`InputOrder`).
///
/// One directory named alone is walked as its files are asked for (`DirectoryWalk`), by whichever
/// thread asks, so reading starts with its first file rather than after the whole walk. Its files
/// come in location order, so each one's rank is its place in the walk.
final class InputQueue: Sendable {
    enum Work {
        case file(InputFile, rank: Int32)
        case lines(LineChunks, rank: Int32)
    }

    private struct State {
        var next = 0
        var current: (chunks: LineChunks, rank: Int32)?
        /// The directory still being walked, when the files are found as they are asked for.
        var walk: DirectoryWalk?
    }

    private let files: [InputFile]
    private let ranks: [Int32]
    private let limits: InputLimits
    private let argumentProblems: [Rejection]
    private let state: Mutex<State>

    /// The files that `arguments` name (`InputDiscovery`); a directory named alone is walked as
    /// its files are asked for.
    init(arguments: [String], limits: InputLimits) {
        self.limits = limits
        var walk: DirectoryWalk?
        if arguments.count == 1 {
            // Looked at once: `expand` would look at the argument again.
            switch InputDiscovery.open(arguments[0]) {
            case .directory(let opened): (files, argumentProblems, walk) = ([], [], opened)
            case .file(let file): (files, argumentProblems) = ([file], [])
            case .problem(let problem): (files, argumentProblems) = ([], [problem])
            }
        } else {
            (files, argumentProblems) = InputDiscovery.expand(arguments)
        }
        ranks = InputOrder.ranks(of: files)
        state = Mutex(State(walk: walk))
    }

    /// How many threads to read with: one per file at most, unless a file is shared or the files
    /// are not all found yet.
    func workerCount(threads: Int) -> Int {
        state.withLock { $0.walk != nil } ? max(1, threads) : Conversion.workerCount(files: files, threads: threads)
    }

    /// The arguments and directories that could not be read; complete once every file was handed
    /// out.
    var problems: [Rejection] {
        argumentProblems + state.withLock { $0.walk?.problems ?? [] }
    }

    /// The next piece of work, or nil when there is none left.
    func next() -> Work? {
        state.withLock { state in
            if let current = state.current, !current.chunks.isFinished { return .lines(current.chunks, rank: current.rank) }
            state.current = nil
            let file: InputFile, rank: Int32
            if let walk = state.walk {
                guard let found = walk.next() else { return nil }
                (file, rank) = (found, Int32(truncatingIfNeeded: state.next))
            } else {
                guard state.next < files.count else { return nil }
                (file, rank) = (files[state.next], ranks[state.next])
            }
            state.next += 1
            guard file.isJSONLines else { return .file(file, rank: rank) }
            let chunks = LineChunks(file: file, limits: limits)
            state.current = (chunks, rank)
            return .lines(chunks, rank: rank)
        }
    }
}
