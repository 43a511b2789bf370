import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Options of a conversion.
public struct ConversionOptions: Sendable {
    /// Treat every document as this API instead of detecting it (`--api`).
    public var forcedAPI: API?
    /// Limits on single documents (size, nesting).
    public var limits = InputLimits()
    /// Threads reading inputs in parallel; the result is the same for any number.
    public var threads: Int
    /// Counts documents and bytes as they are read, for a progress display; nil counts nothing.
    public var progress: ConversionProgress?

    /// Options with the defaults of the command line.
    public init(
        forcedAPI: API? = nil, limits: InputLimits = InputLimits(), threads: Int = ConversionOptions.defaultThreads,
        progress: ConversionProgress? = nil
    ) {
        self.forcedAPI = forcedAPI
        self.limits = limits
        self.threads = max(1, threads)
        self.progress = progress
    }

    /// One thread per core.
    public static var defaultThreads: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// The graph a conversion built and the report of how.
public struct ConversionResult: Sendable {
    /// The graph; see `takeGraph()` to hand it on without keeping a copy.
    public var graph: RouteGraph
    public var report: ConversionReport
    /// How long reading and building took.
    public var timings: PhaseTimings

    /// Moves the graph out, leaving an empty one: for handing it to `GraphExport.write(releasing:…)`,
    /// which can let it go only if no one else holds it.
    public mutating func takeGraph() -> RouteGraph {
        let graph = self.graph
        self.graph = RouteGraph(nodes: [], edges: [])
        return graph
    }
}

/// A conversion's graph as building leaves it (`AssembledGraph`), with the report: for a caller
/// that only writes the graph out, which `GraphExport.write(releasing:…)` then packs for the
/// writers without making a `RouteGraph` first.
package struct AssembledConversion: Sendable {
    package var graph: AssembledGraph
    package var report: ConversionReport
    package var timings: PhaseTimings

    /// Moves the graph out, leaving an empty one, so that the caller holds the only copy.
    package mutating func takeGraph() -> AssembledGraph {
        var taken = AssembledGraph()
        swap(&taken, &graph)
        return taken
    }
}

/// Reads inputs into the canonical route graph: the library's front door.
public enum Conversion {
    /// Converts files, directories (searched recursively) and `-` (standard input).
    public static func run(inputs: [String], options: ConversionOptions = ConversionOptions()) -> ConversionResult {
        var assembled = assemble(inputs: inputs, options: options)
        let (started, startedCPU) = (PhaseTimings.now(), PhaseTimings.cpuNow())
        let graph = assembled.takeGraph().graph()
        var timings = assembled.timings
        timings.building += PhaseTimings.now() - started
        timings.buildingCPU += PhaseTimings.cpuNow() - startedCPU
        return ConversionResult(graph: graph, report: assembled.report, timings: timings)
    }

    /// Converts as `run` does, but leaves the graph as building made it.
    package static func assemble(inputs: [String], options: ConversionOptions = ConversionOptions()) -> AssembledConversion {
        let (started, startedCPU) = (PhaseTimings.now(), PhaseTimings.cpuNow())
        let queue = InputQueue(arguments: inputs, limits: options.limits)
        let (accumulator, report0) = read(queue, options: options)
        let (read, readCPU) = (PhaseTimings.now(), PhaseTimings.cpuNow())
        var report = report0
        let problems = queue.problems
        report.documents += problems.count
        report.rejections += problems
        report.gatewayRouteRecords = accumulator.gatewayRouteRecords
        report.vpnEntryRecords = accumulator.vpnEntryRecords
        report.supersededSnapshots = accumulator.supersededSnapshots
        let (graph, warnings) = accumulator.assemble()
        report.warnings += warnings
        report.normalise()
        let (built, builtCPU) = (PhaseTimings.now(), PhaseTimings.cpuNow())
        let timings = PhaseTimings(reading: read - started, building: built - read,
                                   readingCPU: readCPU - startedCPU, buildingCPU: builtCPU - readCPU)
        return AssembledConversion(graph: graph, report: report, timings: timings)
    }

    /// Reads files on `options.threads` threads, each into an accumulator of its own, merged at
    /// the end; merging is order-independent, so the graph is the same on any number of threads.
    /// Threads share out whole files, and all of them join in on a JSON Lines file, chunk by chunk.
    static func read(_ queue: InputQueue, options: ConversionOptions) -> (GraphAccumulator, ConversionReport) {
        let workers = queue.workerCount(threads: options.threads)
        let results = WorkerResults(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            CompactAllocation.adoptOnThisThread()
            let reader = ResponseReader(limits: options.limits, forcedAPI: options.forcedAPI, progress: options.progress, keepsRuns: true)
            var accumulator = GraphAccumulator()
            var report = ConversionReport()
            var buffer = ChunkBuffer()
            while let work = queue.next() {
                switch work {
                case .files(let files):
                    for (file, rank) in files {
                        read(file: file, rank: rank, buffer: &buffer, with: reader, limits: options.limits, into: &accumulator, report: &report)
                    }
                case .lines(let chunks, let rank):
                    read(chunks: chunks, rank: rank, buffer: &buffer, with: reader, limits: options.limits, into: &accumulator, report: &report)
                }
            }
            reader.buildPendingRoutes(in: &accumulator)
            results.store(worker, accumulator, report)
        }
        // Merging copies every record of the accumulator merged in, so the largest one is the
        // start rather than merged into an empty one; taken, not shared, so it grows in place, and
        // each other one is let go as soon as it is merged (holding them all to the end kept every
        // record twice at the peak of the run).
        var parts = results.takeAll()
        let largest = parts.indices.max { parts[$0].0.recordsHeld < parts[$1].0.recordsHeld } ?? 0
        var (accumulator, report) = parts.isEmpty ? (GraphAccumulator(), ConversionReport()) : parts.remove(at: largest)
        while let (a, r) = parts.popLast() {
            accumulator.merge(a)
            report.merge(r)
        }
        return (accumulator, report)
    }

    /// How many threads read `files`: every thread can share in one JSON Lines file, so only other
    /// files cap the count (capping it by the number of files read a single archive on one thread).
    static func workerCount(files: [InputFile], threads: Int) -> Int {
        let shareable = files.contains { $0.isJSONLines }
        return max(1, shareable ? threads : min(threads, files.count))
    }

    /// Takes chunks of a JSON Lines input until none are left.
    static func read(chunks: LineChunks, rank: Int32, buffer: inout ChunkBuffer, with reader: ResponseReader, limits: InputLimits,
                     into accumulator: inout GraphAccumulator, report: inout ConversionReport) {
        let stream = DocumentStream(file: chunks.file, limits: limits)
        while true {
            let chunk: LineChunks.Chunk
            do throws(InputError) {
                guard let next = try chunks.next(into: &buffer) else { return }
                chunk = next
            } catch {
                report.documents += 1
                report.rejections.append(Rejection(location: InputLocation(input: chunks.file.path), code: .unreadable, reason: error.reason))
                return
            }
            stream.split(
                chunk, in: buffer,
                handle: { bytes, capacity, location in
                    reader.read(bytes, capacity: capacity, location: location, inputRank: rank, container: .jsonLines,
                                into: &accumulator, report: &report)
                },
                reject: { rejection in
                    report.documents += 1
                    report.rejections.append(rejection)
                })
        }
    }

    static func read(file: InputFile, rank: Int32, buffer: inout ChunkBuffer, with reader: ResponseReader, limits: InputLimits,
                     into accumulator: inout GraphAccumulator, report: inout ConversionReport) {
        let stream = DocumentStream(file: file, limits: limits)
        let container: DocumentFormat = file.isJSONLines ? .jsonLines : .json
        do throws(InputError) {
            try stream.read(
                buffer: &buffer,
                handle: { bytes, capacity, location in
                    reader.read(bytes, capacity: capacity, location: location, inputRank: rank,
                                container: location.line == nil ? container : .jsonLines,
                                into: &accumulator, report: &report)
                },
                reject: { rejection in
                    report.documents += 1
                    report.rejections.append(rejection)
                })
        } catch {
            report.documents += 1
            report.rejections.append(Rejection(location: InputLocation(input: file.path), code: .unreadable, reason: error.reason))
        }
    }
}
