import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One output file for `ExportScheduler`: rendered in pieces by any thread, or made whole by
/// another program (pictures, which Graphviz draws).
enum ExportJob: Sendable {
    /// `plan` prepares the file (whatever its pieces share, such as the DOT layout) once.
    case pieces(path: String, plan: @Sendable () throws(OutputError) -> RenderPlan)
    /// `write` makes the file itself, atomically (pictures, which Graphviz writes).
    case external(path: String, write: @Sendable () throws(OutputError) -> Void)
}

/// Writes several files with a few threads sharing one queue of work: the pieces of every file, so
/// all threads stay busy until the last file is done whatever the mix of formats.
///
/// Each piece is rendered into a buffer of its own; the buffers of a file reach it strictly in piece
/// order, written by whichever thread finishes the piece the file waits for. A thread only takes a
/// piece of a file that has fewer than `maxPendingPieces` rendered and not yet written, so memory
/// stays bounded when one piece is slow. Buffers are reused, not freed.
///
/// The buffers are written to the file on a queue of the file's own, not by the rendering threads:
/// a write can wait for the disk (direct I/O waits for the device), and a rendering thread that
/// waits leaves a core idle. A finished file is synced on another thread, but stays a temporary
/// file; once every file is done and synced they are all renamed into place together, in job
/// order, so an interrupted or failed run leaves the previous outputs rather than a mix of old and
/// new ones.
final class ExportScheduler: @unchecked Sendable {
    private struct FileState {
        var claimed = false
        var plan: RenderPlan?
        var file: AtomicFile?
        var nextPiece = 0
        var nextToWrite = 0
        var ready: [Int: PieceBuffer] = [:]
        /// The file's queue is writing its buffers (or the file is being completed): one at a time.
        var writing = false
        var failure: OutputError?
        var done = false
    }

    /// One piece's bytes, passed between threads (under the lock, by one owner at a time).
    private final class PieceBuffer {
        var text = TextBuffer()
    }

    private enum Task {
        case prepare(Int)
        case external(Int)
        case piece(Int, Int, PieceBuffer, RenderPlan)
        case wait
    }

    private let jobs: [ExportJob]
    /// Files by the order threads take their work: pictures first (each is one long task, best
    /// started early), then pieced files, costliest first.
    private let order: [Int]
    private var files: [FileState]
    private var pool: [PieceBuffer] = []
    private let maxPendingPieces: Int
    /// One pieced file at a time, from its plan to its last write (`ExportPace.oneFileAtATime`);
    /// otherwise any number side by side.
    private let oneFileAtATime: Bool
    private let lock = PlainLock()
    /// Finished files are synced here, one after another, rather than on the rendering threads: an
    /// fsync waits for the disk, and a rendering thread that waits leaves a core idle while pieces
    /// of other files are still to render.
    private let syncs = DispatchQueue(label: "routegraph.export.sync")
    /// Each file's rendered pieces are written on its own serial queue, in order; files write side
    /// by side.
    private let writers: [DispatchQueue]
    /// Writes and syncs not yet done: `finish` waits for them.
    private let pendingIO = DispatchGroup()

    /// - Parameter pace: `.oneFileAtATime` for a small graph, whose files take a moment each: they
    ///   are written one after another (the next file is prepared once the last is written).
    ///   Together with `CompactAllocation` that took the 10 MB archives from 34-38 MB to 23-24 MB at
    ///   their peak; written side by side, every file held its plan, staging block and waiting
    ///   pieces at once. Preparing the next file once the last one's pieces were all handed out,
    ///   rather than written, kept two files' memory at once. Side by side, the pieces waiting for
    ///   a file's writes are what the renderers run ahead while its queue waits on the device for a
    ///   direct write: with two per thread, GraphML written alone at 1 GB took 0.77-0.87 s against
    ///   0.48-0.59 s with eight. Mid-sized graphs' files wait less, and there the pieces are most of
    ///   the peak (`ExportPace.shallowRows`).
    init(jobs: [ExportJob], order: [Int], threads: Int, pace: ExportPace = .sideBySide(piecesAheadPerThread: 8)) {
        self.jobs = jobs
        self.oneFileAtATime = pace == .oneFileAtATime
        self.order = order
        files = Array(repeating: FileState(), count: jobs.count)
        writers = jobs.indices.map { DispatchQueue(label: "routegraph.export.write.\($0)") }
        maxPendingPieces = pace.maxPendingPieces(threads: threads)
    }

    /// Writes every file with `threads` threads; returns each job's error, if any, by job index.
    static func run(_ jobs: [ExportJob], order: [Int], threads: Int, pace: ExportPace = .sideBySide(piecesAheadPerThread: 8)) -> [OutputError?] {
        let scheduler = ExportScheduler(jobs: jobs, order: order, threads: threads, pace: pace)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, 64))) { _ in
            CompactAllocation.adoptOnThisThread()
            scheduler.work()
        }
        return scheduler.finish()
    }

    private func work() {
        while true {
            lock.lock()
            let task = claim()
            lock.unlock()
            switch task {
            case nil: return
            case .wait?: usleep(100)
            case .prepare(let f)?: prepare(f)
            case .external(let f)?:
                writeExternal(f)
                lock.withLock { files[f].done = true }
            case .piece(let f, let index, let buffer, let plan)?: render(f, index, buffer, plan)
            }
        }
    }

    /// The next task, under the lock; nil when nothing is left that this thread could ever do.
    private func claim() -> Task? {
        // Files with pieces still to hand out (or still being prepared).
        var open = 0
        for f in order where files[f].claimed && !files[f].done && files[f].failure == nil {
            guard case .pieces = jobs[f] else { continue }
            // One at a time: open until written, so that the next file's plan and staging block are
            // made after this one's are let go, not beside them.
            if oneFileAtATime || files[f].plan.map({ files[f].nextPiece < $0.pieceCount }) ?? true { open += 1 }
        }
        for f in order where !files[f].claimed {
            if case .pieces = jobs[f] {
                guard !oneFileAtATime || open == 0 else { break }
                files[f].claimed = true
                return .prepare(f)
            }
            files[f].claimed = true
            return .external(f)
        }
        var busy = order.contains { !files[$0].claimed }  // Waiting for a file to finish handing out.
        for f in order where files[f].failure == nil {
            guard let plan = files[f].plan else {
                if !files[f].done { busy = true }  // Being prepared.
                continue
            }
            let state = files[f]
            guard state.nextPiece < plan.pieceCount else { continue }
            guard state.nextPiece - state.nextToWrite < maxPendingPieces else {
                busy = true
                continue
            }
            files[f].nextPiece += 1
            let buffer = pool.popLast() ?? PieceBuffer()
            return .piece(f, state.nextPiece, buffer, plan)
        }
        return busy ? .wait : nil
    }

    private func writeExternal(_ f: Int) {
        guard case .external(_, let write) = jobs[f] else { return }
        do throws(OutputError) { try write() } catch { fail(f, error) }
    }

    private func prepare(_ f: Int) {
        guard case .pieces(let path, let makePlan) = jobs[f] else { return }
        // Written one after another, each file frees its plan, pieces and staging block before the
        // next is prepared; handed back now, those pages are not resident beside the next file's,
        // whose sizes differ and so reuse them only in part. On the 10 MB archives that took 1.5-4 MB
        // off the peak, for seven purges; at scale (files side by side) it would only add faults.
        if oneFileAtATime { ReleasedMemory.returnToSystem() }
        let plan: RenderPlan
        let file: AtomicFile
        do throws(OutputError) {
            plan = try makePlan()
            file = try AtomicFile(path: path, direct: true)
        } catch {
            fail(f, error)
            lock.withLock { files[f].done = true }
            return
        }
        lock.withLock {
            files[f].file = file
            files[f].plan = plan
            if plan.pieceCount == 0 { files[f].writing = true }
        }
        if plan.pieceCount == 0 { complete(f, file) }
    }

    private func render(_ f: Int, _ index: Int, _ buffer: PieceBuffer, _ plan: RenderPlan) {
        buffer.text.removeAll()
        do throws(OutputError) {
            try plan.render(index, &buffer.text)
        } catch {
            fail(f, error)
            lock.withLock { pool.append(buffer) }
            return
        }
        // Hand the buffer over; if the file's queue is idle and this is the piece it awaits, start
        // it writing this buffer and every one that follows in order.
        lock.lock()
        if files[f].failure == nil { files[f].ready[index] = buffer } else { pool.append(buffer) }
        let start = !files[f].writing && files[f].failure == nil && files[f].ready[files[f].nextToWrite] != nil
        if start { files[f].writing = true }
        lock.unlock()
        if start {
            writers[f].async(group: pendingIO) { [self] in
                CompactAllocation.adoptOnThisThread()
                writeReady(f, plan)
            }
        }
    }

    /// On the file's queue: writes the ready buffers in piece order until the next is not rendered
    /// yet, and completes the file after its last piece.
    private func writeReady(_ f: Int, _ plan: RenderPlan) {
        lock.lock()
        var next = files[f].ready.removeValue(forKey: files[f].nextToWrite)
        let file = files[f].file
        lock.unlock()
        guard let file else { return }
        var finished = false
        while let piece = next {
            let failure = piece.text.withBytes { bytes -> OutputError? in
                do throws(OutputError) { try file.writeBlock(bytes) } catch { return error }
                return nil
            }
            if let failure { fail(f, failure) }
            lock.lock()
            pool.append(piece)
            files[f].nextToWrite += 1
            next = nil
            if files[f].failure == nil {
                next = files[f].ready.removeValue(forKey: files[f].nextToWrite)
                finished = next == nil && files[f].nextToWrite == plan.pieceCount
            }
            if next == nil && !finished { files[f].writing = false }
            lock.unlock()
        }
        if finished { complete(f, file) }
    }

    /// Hands a file all of whose pieces were written to the sync thread; `finish` renames it. Its
    /// last bytes are written here and its plan let go, so neither is held while it waits for the
    /// sync and the other files are written.
    private func complete(_ f: Int, _ file: AtomicFile) {
        do throws(OutputError) { try file.finishWriting() } catch { fail(f, error) }
        syncLater(f, file)
        lock.withLock {
            files[f].done = true
            files[f].writing = false
            files[f].plan = nil
        }
    }

    /// Syncs `file` on the sync thread; a failure fails that file only, as a write failure would.
    private func syncLater(_ f: Int, _ file: AtomicFile) {
        let finished = FinishedFile(file: file)
        syncs.async(group: pendingIO) { [self] in
            CompactAllocation.adoptOnThisThread()
            do throws(OutputError) { try finished.file.sync() } catch { fail(f, error) }
        }
    }

    private func fail(_ f: Int, _ error: OutputError) {
        lock.withLock {
            if files[f].failure == nil { files[f].failure = error }
            for (_, buffer) in files[f].ready { pool.append(buffer) }
            files[f].ready.removeAll()
        }
    }

    /// After every thread returned: renames every file written into place, removes the temporary
    /// files of the others, and returns the errors.
    private func finish() -> [OutputError?] {
        pendingIO.wait()
        for f in files.indices {
            if files[f].failure == nil {
                do throws(OutputError) { try files[f].file?.commit() } catch { files[f].failure = error }
            } else {
                files[f].file?.discard()
            }
        }
        return files.map(\.failure)
    }
}

/// A file no rendering thread touches any more, handed to the sync thread: only that thread uses it
/// until `finish`, which waits for it first.
private struct FinishedFile: @unchecked Sendable {
    let file: AtomicFile
}

/// A pthread mutex, for the scheduler's short critical sections that hand buffers and files between
/// threads (a `Mutex`'s closure cannot return the non-Sendable values they pass).
private final class PlainLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    func withLock<R>(_ body: () -> R) -> R {
        lock()
        defer { unlock() }
        return body()
    }
}
