import Foundation

/// Runs the real consumers of our outputs (xmllint, dot, python3 with networkx) from tests.
enum ExternalTool {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments[0]` found on PATH with the rest as arguments; `input` goes to its stdin.
    static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/env"), arguments, input: input)
    }

    /// Runs `executable` with `arguments` in `directory` (the current one when nil); `input` goes
    /// to its stdin.
    static func run(_ executable: URL, _ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // Files, not pipes: a tool that writes a lot to both streams cannot block the test.
        let scratch = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        let inPipe = Pipe()
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs a Python program given as text, with `arguments` as sys.argv[1...].
    static func python(_ program: String, _ arguments: [String] = []) throws -> Result {
        try run(["python3", "-c", program] + arguments)
    }

    /// True when `name` is on PATH.
    static func available(_ name: String) -> Bool {
        (try? run(["sh", "-c", "command -v \(name)"]).status) == 0
    }
}

/// A fresh temporary directory for one test, removed by the caller's `defer`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("routegraph-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The package root, found from this file's path, so tests can reach `Schemas/` and `Examples/`.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
