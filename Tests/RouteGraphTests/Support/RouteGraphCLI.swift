import Foundation
import Testing

/// The built `routegraph` executable, run as a user runs it: from the package root, with relative paths.
enum RouteGraphCLI {
    enum LocateError: Error, CustomStringConvertible {
        case notBuilt([String])
        var description: String {
            switch self {
            case .notBuilt(let places):
                return "routegraph executable not found (looked at \(places.joined(separator: ", "))); "
                    + "build it first with `swift build --product routegraph`"
            }
        }
    }

    /// `swift test` builds every product of the package into the directory the test runner itself
    /// lives in, so the executable is found beside the runner; the package's default build directory
    /// is the fallback for runners started from elsewhere.
    static func executable() throws -> URL {
        var places: [URL] = []
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        places.append(runner.deletingLastPathComponent().appendingPathComponent("routegraph"))
        if let main = Bundle.main.executableURL {
            places.append(main.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("routegraph"))
        }
        places.append(packageRoot.appendingPathComponent(".build/debug/routegraph"))
        for place in places where FileManager.default.isExecutableFile(atPath: place.path) {
            return place
        }
        throw LocateError.notBuilt(places.map(\.path))
    }

    /// Runs `routegraph arguments...` with `directory` (the package root unless given) as the current
    /// directory and `input` on stdin.
    static func run(_ arguments: [String], input: Data? = nil, in directory: URL = packageRoot) throws -> ExternalTool.Result {
        try ExternalTool.run(try executable(), arguments, input: input, in: directory)
    }
}

/// The `--report` JSON, as far as the CLI contract promises it.
struct ConversionReportFile: Decodable {
    struct Inputs: Decodable {
        var documents: Int
        var converted: Int
        var rejected: Int
        var byApi: [String: Int]
        var byShape: [String: Int]
        var rejectedByReason: [String: Int]
    }
    struct Rejected: Decodable, Hashable {
        var input: String
        var line: Int?
        var code: String
        var reason: String
    }
    struct Warning: Decodable {
        var input: String
        var message: String
    }
    struct Counts: Decodable, Equatable {
        var total: Int
        var byKind: [String: Int]
    }
    struct Graph: Decodable {
        var nodes: Counts
        var edges: Counts
    }
    var inputs: Inputs
    var rejected: [Rejected]
    var warnings: [Warning]
    var graph: Graph
    var outputs: [String]

    static func read(_ path: String) throws -> ConversionReportFile {
        try JSONDecoder().decode(ConversionReportFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
