import Foundation
import Testing

@testable import RouteGraph

/// Synthetic archives from `gen-archive.py` (the workspace's shared/tools), for tests on realistic
/// graphs. A copy is vendored in `Tests/RouteGraphTests/Fixtures/` so a fresh clone runs every test.
enum GeneratedArchive {
    /// The vendored generator: every test that generates archives uses this one.
    static let generator = packageRoot.appendingPathComponent("Tests/RouteGraphTests/Fixtures/gen-archive.py").path

    /// Generates an archive into `directory` with `arguments` (e.g. `--gateways 3`) and converts it.
    static func convert(_ arguments: [String], into directory: String) throws -> RouteGraph {
        let result = try ExternalTool.run(["python3", generator, "--out-dir", directory] + arguments)
        try #require(result.status == 0, "gen-archive.py failed: \(result.stderr)")
        let conversion = Conversion.run(inputs: [directory], options: ConversionOptions(threads: 2))
        try #require(conversion.report.converted > 0)
        return conversion.graph
    }
}
