import Foundation
import Synchronization
import Testing
@testable import RouteGraph

/// Directories of many small files: the order files are found in, and each file read whole in
/// one go (plain, gzip, empty, over the limit, or not a plain file at all).
@Suite("Directory input")
struct DirectoryInputTests {
    private static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("files are found in the byte order of their whole paths, subdirectories included")
    func order() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.path("in")
        // `/` sorts between `.` and `-`/`0`, so a directory's files fall between its siblings'
        // names: sorting each directory by bare names would put `a/x.json` first.
        let names = [
            "a.json", "a/x.json", "a/b/y.xml", "a-b.json", "a0.json", "ab/z.json", "B.json", "b.JSON",
            "é.json", "z/w.ndjson", "c.json.gz", "d.jsonl", "e.XML", "ü/f.json",
        ]
        for name in names { try Self.write("{}", to: root + "/" + name) }
        for skipped in [".hidden.json", "notes.txt", ".dir/g.json", "h.json.bak"] { try Self.write("{}", to: root + "/" + skipped) }
        try FileManager.default.createSymbolicLink(atPath: root + "/link.json", withDestinationPath: root + "/a.json")
        try FileManager.default.createSymbolicLink(atPath: root + "/linkdir", withDestinationPath: root + "/a")

        let (files, problems) = InputDiscovery.expand([root, root + "/"])
        #expect(problems.isEmpty)
        let expected = (names + ["link.json"]).map { root + "/" + $0 }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Given twice, with and without a trailing `/`: the same paths each time.
        #expect(files.map(\.path) == expected + expected)
    }

    @Test("a walked file is opened by its name in its directory, held open until the file is let go")
    func openedInItsDirectory() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.path("in")
        try Self.write("{\"a\":1}", to: root + "/sub/a.json")
        try Self.write("{}", to: root + "/sub/b.json")
        let queue = InputQueue(arguments: [root], limits: InputLimits())
        guard case .files(let files) = queue.next() else {
            Issue.record("expected a piece of files")
            return
        }
        #expect(files.map(\.file.path) == [root + "/sub/a.json", root + "/sub/b.json"])
        #expect(files.allSatisfy { $0.file.parent != nil })
        // Moved after the walk found it, the file is no longer at its path, but its directory,
        // still open, finds it by name: it is opened relative to the directory, not by the path.
        try FileManager.default.moveItem(atPath: root, toPath: scratch.path("moved"))
        #expect(throws: InputError.self) { _ = try FileByteSource.open(InputFile(path: files[0].file.path)) }
        let descriptor = try FileByteSource.open(files[0].file)
        var bytes = [UInt8](repeating: 0, count: 16)
        defer { close(descriptor) }
        let count = try bytes.withUnsafeMutableBytes { buffer throws(InputError) in
            try FileByteSource.read(descriptor, into: buffer, path: files[0].file.path)
        }
        #expect(String(decoding: bytes.prefix(count), as: UTF8.self) == "{\"a\":1}")
        // How a file was found does not make it another file.
        #expect(files[0].file == InputFile(path: files[0].file.path))
        #expect(Set([files[0].file, InputFile(path: files[0].file.path)]).count == 1)
    }

    @Test("a directory named alone is walked as it is read: each file once, in the whole walk's order and ranks, on two threads")
    func walkedAsRead() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.path("in")
        // More directories than files in each: the threads step the walk many times.
        var names: [String] = []
        for d in 0..<40 { for f in 0..<3 { names.append("d\(d % 7)/s\(d)/f\(f).json") } }
        // b.jsonl comes after three files, in the middle of a piece of files: it is held back and
        // shared on its own.
        names += ["a.json", "a/x.json", "a-b.json", "b.jsonl", "z.jsonl"]
        for name in names { try Self.write("{}", to: root + "/" + name) }
        let (files, problems) = InputDiscovery.expand([root])
        #expect(problems.isEmpty)
        #expect(files.count == names.count)
        // Found whole, the files are in location order: each one's rank is its place.
        #expect(InputOrder.ranks(of: files) == files.indices.map { Int32($0) })

        let queue = InputQueue(arguments: [root], limits: InputLimits())
        #expect(queue.workerCount(threads: 3) == 3)
        let handedOut = Mutex<[(path: String, rank: Int32)]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while let work = queue.next() {
                switch work {
                case .files(let files):
                    #expect(files.count <= InputQueue.batchSize)
                    #expect(!files.contains { $0.file.isJSONLines })
                    handedOut.withLock { $0 += files.map { ($0.file.path, $0.rank) } }
                case .lines(let chunks, let rank):
                    // Every thread that asks joins a JSON Lines file until its chunks run out: the
                    // file counts once.
                    handedOut.withLock { if !$0.contains(where: { $0.rank == rank }) { $0.append((chunks.file.path, rank)) } }
                    var buffer = ChunkBuffer()
                    while (try? chunks.next(into: &buffer)) ?? nil != nil {}
                }
            }
        }
        let byRank = handedOut.withLock { $0 }.sorted { $0.rank < $1.rank }
        #expect(byRank.map(\.path) == files.map(\.path))
        #expect(byRank.map(\.rank) == files.indices.map { Int32($0) })
        #expect(queue.problems.isEmpty)
    }

    @Test("routes saved at the same second are added in one order whether a directory is walked as read or its files are named")
    func walkedAsReadRanks() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.path("in")
        let route = try String(contentsOfFile: ExampleFiles.mseSeed, encoding: .utf8)
        // Three routes naming one service, saved at the same second: they are added in location
        // order, so the service takes the attributes the last location gives it.
        for (directory, id, namespace) in [("b", 1051, "second"), ("a", 1050, "first"), ("c/d", 1052, "third")] {
            let copy = route.replacingOccurrences(of: #""Id": 1050,"#, with: "\"Id\": \(id),")
                .replacingOccurrences(of: #""Namespace": "acs_ecs_dashboard""#, with: "\"Namespace\": \"\(namespace)\"")
            try Self.write(copy, to: "\(root)/\(directory)/route.json")
        }
        let walked = Conversion.run(inputs: [root], options: ConversionOptions(threads: 2))
        let named = Conversion.run(
            inputs: ["c/d", "a", "b"].map { "\(root)/\($0)/route.json" }, options: ConversionOptions(threads: 2))
        #expect(walked.graph.nodes.filter { $0.kind == .route }.count == 3)
        let service = walked.graph.nodes.first { $0.kind == .service && $0.attributes[.serviceId] == .integer(782) }
        #expect(service?.attributes[.namespace] == .string("third"))
        #expect(walked.graph == named.graph)
    }

    /// What DocumentStream makes of one file: the documents' text and the rejections. `knownRegular`
    /// reads it as a directory walk that saw a regular file has it read: without asking its size.
    private func read(_ path: String, limit: Int = InputLimits().maxDocumentBytes, knownRegular: Bool = false,
                      buffer: inout ChunkBuffer) throws -> (documents: [String], rejections: [Rejection])
    {
        var documents: [String] = []
        var rejections: [Rejection] = []
        var file = InputFile(path: path)
        file.isKnownRegular = knownRegular
        try DocumentStream(file: file, limits: InputLimits(maxDocumentBytes: limit)).read(
            buffer: &buffer,
            handle: { bytes, capacity, location in
                #expect(capacity >= bytes.count + JSONParser.padding)
                #expect(location == InputLocation(input: path))
                documents.append(String(decoding: bytes, as: UTF8.self))
            },
            reject: { rejections.append($0) })
        return (documents, rejections)
    }

    @Test("each file is read whole into one reused buffer, larger or smaller than the one before, its size asked or not",
          arguments: [false, true])
    func wholeFiles(knownRegular: Bool) throws {
        let scratch = try ScratchDirectory()
        let big = "{\"a\":\"" + String(repeating: "x", count: 200_000) + "\"}"
        // The first read without the size asks for 64 KiB: files of that size and either side of
        // it, and ones of the buffer's size once it grew, end exactly where a read does.
        let edge = 1 << 16
        let texts = ["{\"a\":1}", String(repeating: " ", count: edge - 2) + "{}", String(repeating: " ", count: edge - 3) + "{}",
                     String(repeating: " ", count: edge - 1) + "{}", big, "{}", "", "  {\"b\":[1,2]}\n", big + " ",
                     String(repeating: " ", count: 2 * edge) + "[]"]
        var buffer = ChunkBuffer()
        for (i, text) in texts.enumerated() {
            let path = scratch.path("\(i).json")
            try Self.write(text, to: path)
            let (documents, rejections) = try read(path, knownRegular: knownRegular, buffer: &buffer)
            #expect(documents == [text], "file \(i)")
            #expect(rejections.isEmpty)
        }
    }

    @Test("the walk tells regular files from what a link leads to: a named pipe behind one is read as a pipe")
    func knownRegularFiles() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.path("in")
        try Self.write("{\"a\":1}", to: root + "/a.json")
        try FileManager.default.createSymbolicLink(atPath: root + "/b.json", withDestinationPath: root + "/a.json")
        #expect(mkfifo(scratch.path("fifo"), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: root + "/c.json", withDestinationPath: scratch.path("fifo"))
        let (files, problems) = InputDiscovery.expand([root])
        #expect(problems.isEmpty)
        #expect(files.map(\.path) == ["a", "b", "c"].map { root + "/\($0).json" })
        #expect(files.map(\.isKnownRegular) == [true, true, false])
        // Named on the command line, a file's kind is asked when it is opened.
        #expect(InputFile(path: root + "/a.json").isKnownRegular == false)
    }

    @Test("a file named .json holding gzip is unpacked, however large")
    func gzipNamedJSON() throws {
        let scratch = try ScratchDirectory()
        // Random digits compress poorly, so the compressed file is larger than gzip's input buffer.
        var generator = SystemRandomNumberGenerator()
        let text = "[" + (0..<200_000).map { _ in String(generator.next() % 1000) }.joined(separator: ",") + "]"
        let plain = scratch.path("plain.json")
        try Self.write(text, to: plain)
        let packed = scratch.path("packed.json")
        #expect(try ExternalTool.run(["sh", "-c", "gzip -c '\(plain)' > '\(packed)'"]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: packed)[.size] as! Int > 1 << 18)
        for knownRegular in [false, true] {
            var buffer = ChunkBuffer()
            let (documents, rejections) = try read(packed, knownRegular: knownRegular, buffer: &buffer)
            #expect(documents == [text])
            #expect(rejections.isEmpty)
        }
    }

    @Test("the document limit: a file of exactly the limit is read, one byte more is refused, its size asked or not",
          arguments: [false, true])
    func limit(knownRegular: Bool) throws {
        let scratch = try ScratchDirectory()
        var buffer = ChunkBuffer()
        let exact = scratch.path("exact.json"), over = scratch.path("over.json")
        try Self.write("[1,2,3]", to: exact)
        try Self.write("[1,2,34]", to: over)
        #expect(try read(exact, limit: 7, knownRegular: knownRegular, buffer: &buffer).documents == ["[1,2,3]"])
        let refused = try read(over, limit: 7, knownRegular: knownRegular, buffer: &buffer)
        #expect(refused.documents.isEmpty)
        #expect(refused.rejections.map(\.code) == [.tooLarge])
        // Larger than the buffer and than the first read: refused once the reads pass the limit.
        let large = scratch.path("large.json"), text = "[" + String(repeating: "1,", count: 100_000) + "1]"
        try Self.write(text, to: large)
        #expect(try read(large, limit: text.utf8.count - 1, knownRegular: knownRegular, buffer: &buffer).rejections.map(\.code) == [.tooLarge])
        #expect(try read(large, limit: text.utf8.count, knownRegular: knownRegular, buffer: &buffer).documents == [text])
    }

    @Test("a missing file is an error naming it; a named pipe is read to its end")
    func notPlainFiles() throws {
        let scratch = try ScratchDirectory()
        var buffer = ChunkBuffer()
        #expect(throws: InputError.self) { try read(scratch.path("missing.json"), buffer: &buffer) }

        let fifo = scratch.path("pipe.json")
        #expect(mkfifo(fifo, 0o600) == 0)
        let text = "{\"piped\":true}"
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "printf '%s' '\(text)' > '\(fifo)'"]
        try writer.run()
        let (documents, rejections) = try read(fifo, buffer: &buffer)
        writer.waitUntilExit()
        #expect(documents == [text])
        #expect(rejections.isEmpty)
    }
}
