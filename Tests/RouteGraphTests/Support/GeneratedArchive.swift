import Foundation
import Testing

@testable import RouteGraph

/// Synthetic archives from `gen-archive.py` (shared/tools), for tests on realistic graphs. The
/// generator is looked for in `Tests/RouteGraphTests/Fixtures/gen-archive.py`, then at the path in
/// the environment variable `ROUTEGRAPH_GEN_ARCHIVE`; tests that need it are disabled without it.
enum GeneratedArchive {
    static let generator: String? = {
        let vendored = packageRoot.appendingPathComponent("Tests/RouteGraphTests/Fixtures/gen-archive.py").path
        if FileManager.default.fileExists(atPath: vendored) { return vendored }
        if let path = ProcessInfo.processInfo.environment["ROUTEGRAPH_GEN_ARCHIVE"],
            FileManager.default.fileExists(atPath: path)
        {
            return path
        }
        return nil
    }()

    static var isAvailable: Bool { generator != nil }

    /// Generates an archive into `directory` with `arguments` (e.g. `--gateways 3`) and converts it.
    static func convert(_ arguments: [String], into directory: String) throws -> RouteGraph {
        let generator = try #require(generator)
        let result = try ExternalTool.run(["python3", generator, "--out-dir", directory] + arguments)
        try #require(result.status == 0, "gen-archive.py failed: \(result.stderr)")
        let conversion = Conversion.run(inputs: [directory], options: ConversionOptions(threads: 2))
        try #require(conversion.report.converted > 0)
        return conversion.graph
    }
}
