import Synchronization

/// Hands out the work of a conversion to threads: whole files, or a share in the JSON Lines input
/// being read, which every thread that asks joins until its chunks run out.
final class InputQueue: Sendable {
    enum Work {
        case file(InputFile)
        case lines(LineChunks)
    }

    private let files: [InputFile]
    private let limits: InputLimits
    private let state = Mutex<(next: Int, current: LineChunks?)>((0, nil))

    init(files: [InputFile], limits: InputLimits) {
        self.files = files
        self.limits = limits
    }

    /// The next piece of work, or nil when there is none left.
    func next() -> Work? {
        state.withLock { state in
            if let current = state.current, !current.isFinished { return .lines(current) }
            state.current = nil
            guard state.next < files.count else { return nil }
            let file = files[state.next]
            state.next += 1
            guard file.isJSONLines else { return .file(file) }
            let chunks = LineChunks(file: file, limits: limits)
            state.current = chunks
            return .lines(chunks)
        }
    }
}
