import Foundation
import Testing

extension ExternalTool {
    /// Runs a Python program that prints one JSON document (ASCII only, so nothing depends on the
    /// pipe's encoding) and decodes it; a failing program fails the test with its stderr.
    static func pythonJSON<T: Decodable>(_ type: T.Type, _ program: String, _ arguments: [String] = []) throws -> T {
        let result = try python(program, arguments)
        try #require(result.status == 0, "python3 failed: \(result.stderr)")
        return try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
    }
}

/// Temporary directory for one test, with the path of `name` inside it.
struct ScratchDirectory: ~Copyable {
    let url: URL

    init() throws { url = try makeTemporaryDirectory() }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The names in the directory, hidden temporary files included.
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}
