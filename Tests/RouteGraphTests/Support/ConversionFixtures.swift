import Foundation
import Testing

@testable import RouteGraph

/// Paths of the shipped examples, and conversions of them, for the reader-side tests.
enum ExampleFiles {
    /// The absolute path of `Examples/<relative>`.
    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent("Examples/" + relative).path }

    /// The seed MSE response and the seed VPN response.
    static var mseSeed: String { path("responses/mse-route.json") }
    static var vpnSeed: String { path("responses/vpn-routes.json") }

    /// The graph of the MSE seed alone and of the VPN seed alone, without provenance.
    static func seedGraph(_ api: API) -> RouteGraph {
        convert([api == .gatewayRoute ? mseSeed : vpnSeed]).graph.withoutProvenance
    }
}

/// Converts `inputs` with the library's front door.
func convert(_ inputs: [String], threads: Int = 1, api: API? = nil) -> ConversionResult {
    Conversion.run(inputs: inputs, options: ConversionOptions(forcedAPI: api, threads: threads))
}

/// Writes `text` (or `data`) to `name` in `directory` and returns its path.
@discardableResult
func writeFile(_ name: String, in directory: URL, text: String) throws -> String {
    try writeFile(name, in: directory, data: Data(text.utf8))
}

@discardableResult
func writeFile(_ name: String, in directory: URL, data: Data) throws -> String {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
    return url.path
}

extension RouteGraph {
    /// The edges of one kind, in graph order.
    func edges(ofKind kind: EdgeKind) -> [Edge] { edges.filter { $0.kind == kind } }

    /// The one edge from `source` to `target` of `kind` (any key), or nil.
    func edge(_ source: String, _ target: String, _ kind: EdgeKind) -> Edge? {
        edges.first { $0.source == source && $0.target == target && $0.kind == kind }
    }

    /// Node ids of one kind.
    func nodeIds(ofKind kind: NodeKind) -> [String] { nodes.filter { $0.kind == kind }.map(\.id) }

    /// Counts by kind with the kinds that have none left out, keyed by raw name as gen-archive.py prints them.
    var nodeCountsByName: [String: Int] {
        nodeCounts.filter { $0.value > 0 }.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }
    }

    var edgeCountsByName: [String: Int] {
        edgeCounts.filter { $0.value > 0 }.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }
    }

    /// The canonical JSON Lines text, the interchange form that must be byte-identical.
    var jsonLines: String { JSONLinesWriter.render(self) }
}

extension Attributes {
    func string(_ attribute: Attribute) -> String? {
        if case .string(let s)? = self[attribute] { return s }
        return nil
    }

    func integer(_ attribute: Attribute) -> Int64? {
        if case .integer(let i)? = self[attribute] { return i }
        return nil
    }

    func boolean(_ attribute: Attribute) -> Bool? {
        if case .boolean(let b)? = self[attribute] { return b }
        return nil
    }

    /// The attribute names present, sorted, to assert a node carries exactly these.
    var names: [String] { all.map(\.0.rawValue).sorted() }
}

extension ResponseReader {
    /// Reads `lines` as the lines of a JSON Lines archive `input`, each padded as `DocumentStream`
    /// pads a line for the parser, into `accumulator` and `report`.
    func readLines(_ lines: [String], of input: String, into accumulator: inout GraphAccumulator,
                   report: inout ConversionReport) {
        for (index, line) in lines.enumerated() {
            var bytes = Array(line.utf8)
            let count = bytes.count
            bytes += Array(repeating: 0x20, count: JSONParser.padding)
            bytes.withUnsafeBytes { raw in
                _ = read(UnsafeRawBufferPointer(rebasing: raw[..<count]), capacity: raw.count,
                         location: InputLocation(input: input, line: index + 1), container: .jsonLines,
                         into: &accumulator, report: &report)
            }
        }
    }
}
