import Synchronization

/// Hands out the work of a conversion to threads: a few whole files at a time, or a share in the
/// JSON Lines input being read, which every thread that asks joins until its chunks run out. Each
/// file comes with its rank in location order (`InputOrder`).
///
/// Files go out a few at a time because a directory of small responses is read at about 17 µs a
/// file: taken one by one, a thread often waited on the lock while the other one held it to open
/// and sort the next subdirectory, and the lock's traffic alone was 2% of such a run.
///
/// One directory named alone is walked as its files are asked for (`DirectoryWalk`), by whichever
/// thread asks, so reading starts with its first file rather than after the whole walk. Its files
/// come in location order, so each one's rank is its place in the walk.
final class InputQueue: Sendable {
    enum Work {
        /// Files named as one document each, in location order, each with its rank.
        case files([(file: InputFile, rank: Int32)])
        case lines(LineChunks, rank: Int32)
    }

    /// How many files one piece of work holds at most: enough work (a few hundred microseconds
    /// of small files) to outlast the other thread's turn in the walk, few enough that the last
    /// pieces still share out evenly.
    static let batchSize = 8

    private struct State {
        var next = 0
        var current: (chunks: LineChunks, rank: Int32)?
        /// A JSON Lines file met while filling a piece of files: handed out next, on its own.
        var held: (file: InputFile, rank: Int32)?
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
            var batch: [(file: InputFile, rank: Int32)] = []
            while batch.count < Self.batchSize {
                let found: (file: InputFile, rank: Int32)
                if let held = state.held {
                    found = held
                    state.held = nil
                } else if let next = take(&state) {
                    found = next
                } else {
                    break
                }
                guard found.file.isJSONLines else {
                    batch.append(found)
                    continue
                }
                // Shared by every thread, so never part of a piece of files.
                guard batch.isEmpty else {
                    state.held = found
                    break
                }
                let chunks = LineChunks(file: found.file, limits: limits)
                state.current = (chunks, found.rank)
                return .lines(chunks, rank: found.rank)
            }
            return batch.isEmpty ? nil : .files(batch)
        }
    }

    /// The next file in location order and its rank, from the walk or the list.
    private func take(_ state: inout State) -> (file: InputFile, rank: Int32)? {
        let found: (InputFile, Int32)
        if let walk = state.walk {
            guard let file = walk.next() else { return nil }
            found = (file, Int32(truncatingIfNeeded: state.next))
        } else {
            guard state.next < files.count else { return nil }
            found = (files[state.next], ranks[state.next])
        }
        state.next += 1
        return found
    }
}
