import Foundation
import Testing
@testable import RouteGraph

/// `diff` on generated archives: a copy of an archive with a few planted changes, and new request
/// ids everywhere, must show exactly the planted changes.
@Suite("Diff on generated archives")
struct DiffGeneratedArchiveTests {
    /// An archive and its changed copy; the planted changes as "change kind id [attribute]" rows.
    struct Pair {
        var old: String
        var new: String
        var planted: Set<String>
    }

    static func makePair(in directory: URL) throws -> Pair {
        let old = directory.appendingPathComponent("old").path
        let generator = GeneratedArchive.generator
        let gen = try ExternalTool.run([
            "python3", generator, "--out-dir", old, "--variants", "doc", "--seed", "11",
            "--gateways", "2", "--routes-per-gateway", "6", "--connections", "2",
        ])
        try #require(gen.status == 0, "\(gen.stderr)")
        let new = directory.appendingPathComponent("new").path
        try FileManager.default.copyItem(atPath: old, toPath: new)

        // Every response gets a new request id: noise that must never show up as a change.
        let files = try FileManager.default.subpathsOfDirectory(atPath: new).filter { $0.hasSuffix(".json") }.sorted()
        var routeFiles: [String] = []
        for file in files {
            let path = new + "/" + file
            var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
            object["RequestId"] = "REQUEST-" + UUID().uuidString
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
            if file.hasPrefix("mse/") { routeFiles.append(path) }
        }

        var planted = Set<String>()
        func edit(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
            var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
            change(&object)
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        }
        // 1. A route sends a different share to its first service.
        try edit(routeFiles[0]) { object in
            var data = object["Data"] as! [String: Any]
            var services = data["RouteServices"] as! [[String: Any]]
            let percent = services[0]["Percent"] as! Int
            services[0]["Percent"] = percent == 100 ? 70 : percent + 5
            data["RouteServices"] = services
            object["Data"] = data
            let route = "route:\(data["GatewayUniqueId"]!):\(data["Id"]!)"
            planted.insert("changed ROUTES_TO \(route)>service:\(data["GatewayUniqueId"]!):\(services[0]["ServiceId"]!) percent")
        }
        // 2. Another route is renamed and starts serving a new domain.
        try edit(routeFiles[1]) { object in
            var data = object["Data"] as! [String: Any]
            data["Name"] = "renamed-route"
            var names = data["DomainNameList"] as! [String]
            names.append("brand-new.example.org")
            data["DomainNameList"] = names
            data.removeValue(forKey: "DomainIdList")
            object["Data"] = data
            let route = "route:\(data["GatewayUniqueId"]!):\(data["Id"]!)"
            planted.insert("changed route \(route) name")
            planted.insert("added domain domain:brand-new.example.org")
            planted.insert("added SERVES \(route)>domain:brand-new.example.org")
        }
        return Pair(old: old, new: new, planted: planted)
    }

    static func rows(_ diff: GraphDiff) -> Set<String> {
        var rows = Set<String>()
        for delta in diff.changedNodes {
            if delta.change == .changed {
                for c in delta.attributeChanges { rows.insert("changed \(delta.node.kind.rawValue) \(delta.node.id) \(c.attribute.rawValue)") }
            } else {
                rows.insert("\(delta.change.rawValue) \(delta.node.kind.rawValue) \(delta.node.id)")
            }
        }
        for delta in diff.changedEdges {
            let id = "\(delta.edge.source)>\(delta.edge.target)"
            if delta.change == .changed {
                for c in delta.attributeChanges { rows.insert("changed \(delta.edge.kind.rawValue) \(id) \(c.attribute.rawValue)") }
            } else {
                rows.insert("\(delta.change.rawValue) \(delta.edge.kind.rawValue) \(id)")
            }
        }
        return rows
    }

    @Test("every planted change is found, nothing else, and swapping the sides swaps added and removed")
    func plantedChanges() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pair = try Self.makePair(in: directory)
        let old = convert([pair.old]).graph
        let new = convert([pair.new]).graph
        #expect(old.nodes.count > 20)

        let forward = GraphDiff(old: old, new: new)
        #expect(Self.rows(forward) == pair.planted)

        let backward = GraphDiff(old: new, new: old)
        let swapped = Set(pair.planted.map {
            $0.hasPrefix("added ") ? "removed " + $0.dropFirst("added ".count) : $0
        })
        #expect(Self.rows(backward) == swapped)
        let percent = backward.changedEdges.first { $0.edge.kind == .routesTo }?.attributeChanges.first
        let forwardPercent = forward.changedEdges.first { $0.edge.kind == .routesTo }?.attributeChanges.first
        #expect(percent?.old == forwardPercent?.new && percent?.new == forwardPercent?.old)

        #expect(GraphDiff(old: old, new: old).isEmpty)
        #expect(GraphDiff(old: new, new: convert([pair.new], threads: 2).graph).isEmpty)
    }
}
