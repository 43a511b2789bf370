import Dispatch
import Synchronization

/// `inspect`: what each input holds, without building a graph.
public enum Inspection {
    /// One outcome per document, in input order, plus inputs that could not be read at all.
    ///
    /// Files are shared out among `options.threads` threads, each with a reader of its own; the
    /// outcomes are put back in input order, so the listing is the same on any number of threads.
    /// One JSON Lines archive is read by one thread.
    public static func run(inputs: [String], options: ConversionOptions = ConversionOptions()) -> [DocumentOutcome] {
        let (files, problems) = InputDiscovery.expand(inputs)
        let perFile = Mutex<[[DocumentOutcome]]>(Array(repeating: [], count: files.count))
        let nextFile = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.threads, files.count))) { _ in
            let reader = ResponseReader(limits: options.limits, forcedAPI: options.forcedAPI)
            while true {
                let index = nextFile.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { return }
                let outcomes = inspect(files[index], with: reader, limits: options.limits)
                perFile.withLock { $0[index] = outcomes }
            }
        }
        return problems.map { DocumentOutcome(location: $0.location, rejection: $0) } + perFile.withLock { $0.joined() }
    }

    private static func inspect(_ file: InputFile, with reader: ResponseReader, limits: InputLimits) -> [DocumentOutcome] {
        var outcomes: [DocumentOutcome] = []
        var report = ConversionReport()
        let stream = DocumentStream(file: file, limits: limits)
        do throws(InputError) {
            try stream.read(
                handle: { bytes, capacity, location in
                    // A fresh accumulator per document: inspect keeps nothing between them.
                    var accumulator = GraphAccumulator()
                    outcomes.append(reader.read(bytes, capacity: capacity, location: location,
                                                container: location.line == nil ? .json : .jsonLines,
                                                into: &accumulator, report: &report))
                },
                reject: { outcomes.append(DocumentOutcome(location: $0.location, rejection: $0)) })
        } catch {
            let rejection = Rejection(location: InputLocation(input: file.path), code: .unreadable, reason: error.reason)
            outcomes.append(DocumentOutcome(location: rejection.location, rejection: rejection))
        }
        return outcomes
    }
}
