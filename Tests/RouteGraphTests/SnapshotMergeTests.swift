import Foundation
import Testing

@testable import RouteGraph

/// DESIGN.md "Merging snapshots": of several responses for one route, the latest `modifiedAt`
/// wins, ties go to the greatest (path, line), never to processing order; the loser contributes
/// nothing; a node several winners mention takes each attribute from the latest that gives it.
@Suite("Snapshot merging")
struct SnapshotMergeTests {
    static let gw = "gw-merge"

    /// A service as a route response lists it; nil fields are left out of the response.
    struct Service {
        var id: Int
        var name: String? = nil
        var namespace: String? = nil
        var port: Int? = nil
        var health: String? = nil
        var percent = 100
    }

    /// A GetGatewayRouteDetail response as one line of JSON.
    static func response(route: Int = 1050, modified: String?, name: String, services: [Service],
                         domain: (name: String, id: Int?)? = nil, fallback: Service? = nil) -> String {
        var data: [String: Any] = ["Id": route, "GatewayUniqueId": gw, "Name": name, "GatewayId": 7]
        if let modified { data["GmtModified"] = modified }
        func item(_ s: Service) -> [String: Any] {
            var o: [String: Any] = ["ServiceId": s.id, "Percent": s.percent]
            if let v = s.name { o["ServiceName"] = v }
            if let v = s.namespace { o["Namespace"] = v }
            if let v = s.port { o["ServicePort"] = v }
            if let v = s.health { o["HealthStatus"] = v }
            return o
        }
        data["RouteServices"] = services.map(item)
        if let fallback { data["FallbackServices"] = [item(fallback)] }
        if let domain {
            data["DomainName"] = domain.name
            if let id = domain.id { data["DomainId"] = id }
        }
        let body: [String: Any] = ["RequestId": "req-\(name)", "Data": data]
        let json = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return String(decoding: json, as: UTF8.self)
    }

    static func routeId(_ id: Int = 1050) -> String { "route:\(gw):\(id)" }
    static func serviceId(_ id: Int) -> String { "service:\(gw):\(id)" }

    /// Every order of `items`.
    static func permutations<T>(_ items: [T]) -> [[T]] {
        if items.count <= 1 { return [items] }
        return items.indices.flatMap { i in
            var rest = items
            let first = rest.remove(at: i)
            return permutations(rest).map { [first] + $0 }
        }
    }

    /// Converts `paths` in every order on one and two threads, checks the graphs are equal and
    /// returns one of them.
    static func convertInEveryOrder(_ paths: [String]) throws -> ConversionResult {
        let reference = convert(paths)
        for order in permutations(paths) {
            for threads in [1, 2] {
                let result = convert(order, threads: threads)
                #expect(result.graph == reference.graph, "order \(order.map { URL(fileURLWithPath: $0).lastPathComponent }), \(threads) threads")
                #expect(result.report.supersededSnapshots == reference.report.supersededSnapshots)
            }
        }
        return reference
    }

    @Test("the latest modifiedAt wins, whatever the order of files and threads, and whatever the paths")
    func latestWins() throws {
        let scratch = try ScratchDirectory()
        // The newest in the smallest path, so that path order alone would pick another.
        let newest = try writeFile("1.json", in: scratch.url, text: Self.response(
            modified: "2022-03-01 08:00:01", name: "newest", services: [Service(id: 782, name: "crm")]))  // UTC+8: 00:00:01Z
        let middle = try writeFile("2.json", in: scratch.url, text: Self.response(
            modified: "2022-03-01T00:00:00.000+0000", name: "middle", services: [Service(id: 783)]))
        let oldest = try writeFile("3.json", in: scratch.url, text: Self.response(
            modified: "2022-01-07T10:07:57Z", name: "oldest", services: [Service(id: 784)]))
        let result = try Self.convertInEveryOrder([newest, middle, oldest])
        let route = try #require(result.graph.node(id: Self.routeId())).attributes
        #expect(route.string(.name) == "newest")
        #expect(route.string(.modifiedAt) == "2022-03-01T00:00:01Z")
        #expect(route.string(.input) == newest)
        #expect(route.string(.requestId) == "req-newest")
        #expect(result.report.gatewayRouteRecords == 3)
        #expect(result.report.supersededSnapshots == 2)
        #expect(result.graph.nodeIds(ofKind: .service) == [Self.serviceId(782)])
    }

    @Test("a snapshot without GmtModified loses to one with it")
    func missingTimeLoses() throws {
        let scratch = try ScratchDirectory()
        let dated = try writeFile("a.json", in: scratch.url, text: Self.response(
            modified: "2020-01-01T00:00:00Z", name: "dated", services: [Service(id: 1)]))
        let undated = try writeFile("b.json", in: scratch.url, text: Self.response(
            modified: nil, name: "undated", services: [Service(id: 2)]))
        let result = try Self.convertInEveryOrder([dated, undated])
        #expect(result.graph.node(id: Self.routeId())?.attributes.string(.name) == "dated")
    }

    @Test("ties go to the greatest path, compared as UTF-8 bytes")
    func tieByPath() throws {
        let scratch = try ScratchDirectory()
        let time = "2022-01-07T10:07:57Z"
        // "a.json" > "B.json" in bytes (0x61 > 0x42), though not in a case-blind order.
        let upper = try writeFile("B.json", in: scratch.url, text: Self.response(modified: time, name: "upper", services: [Service(id: 1)]))
        let lower = try writeFile("a.json", in: scratch.url, text: Self.response(modified: time, name: "lower", services: [Service(id: 2)]))
        let sub = try writeFile("A/z.json", in: scratch.url, text: Self.response(modified: time, name: "sub", services: [Service(id: 3)]))
        let result = try Self.convertInEveryOrder([upper, lower, sub])
        let route = try #require(result.graph.node(id: Self.routeId())).attributes
        #expect(route.string(.name) == "lower")
        #expect(route.string(.input) == lower)
        #expect(result.graph.nodeIds(ofKind: .service) == [Self.serviceId(2)])
    }

    @Test("ties within one JSON Lines file go to the greatest line, compared as numbers (10 after 2)")
    func tieByLine() throws {
        let scratch = try ScratchDirectory()
        let time = "2022-01-07 18:07:57"
        var lines: [String] = []
        for line in 1...11 {
            switch line {
            case 2: lines.append(Self.response(modified: time, name: "line-2", services: [Service(id: 2)]))
            case 10: lines.append(Self.response(modified: time, name: "line-10", services: [Service(id: 10)]))
            case 11: lines.append(Self.response(modified: "2022-01-07T10:07:56Z", name: "line-11-older", services: [Service(id: 11)]))
            default: lines.append(Self.response(route: 2000 + line, modified: time, name: "other-\(line)", services: [Service(id: 500)]))
            }
        }
        let path = try writeFile("routes.jsonl", in: scratch.url, text: lines.joined(separator: "\n") + "\n")
        // The same lines in another file whose path sorts first: it loses every tie.
        let copy = try writeFile("earlier.jsonl", in: scratch.url, text: lines.reversed().joined(separator: "\n") + "\n")
        let result = try Self.convertInEveryOrder([path, copy])
        let route = try #require(result.graph.node(id: Self.routeId())).attributes
        #expect(route.string(.name) == "line-10")
        #expect(route.string(.input) == "\(path):10")
        #expect(result.graph.edge(Self.routeId(), Self.serviceId(10), .routesTo) != nil)
        #expect(result.graph.nodeCounts[.route] == 9)
    }

    @Test("the loser contributes nothing: its edges, and the nodes only it mentioned, are absent")
    func loserContributesNothing() throws {
        let scratch = try ScratchDirectory()
        let winner = try writeFile("w.json", in: scratch.url, text: Self.response(
            modified: "2023-06-01T00:00:00Z", name: "winner", services: [Service(id: 1, name: "kept")],
            domain: ("new.example.com", 11)))
        let loser = try writeFile("z.json", in: scratch.url, text: Self.response(
            modified: "2023-05-01T00:00:00Z", name: "loser",
            services: [Service(id: 1, name: "loser-name", port: 9999, health: "Unhealthy", percent: 50), Service(id: 900, name: "gone")],
            domain: ("old.example.com", 12), fallback: Service(id: 901)))
        let result = try Self.convertInEveryOrder([winner, loser])
        let graph = result.graph
        #expect(graph.nodes.map(\.id) == ["domain:new.example.com", "gateway:\(Self.gw)", Self.routeId(), Self.serviceId(1)])
        #expect(graph.edges.map { "\($0.kind.rawValue) \($0.target)" } == [
            "HAS_ROUTE \(Self.routeId())", "SERVES domain:new.example.com", "ROUTES_TO \(Self.serviceId(1))",
        ])
        // Not even attributes the winner leaves open come from the loser.
        let service = try #require(graph.node(id: Self.serviceId(1))).attributes
        #expect(service.string(.name) == "kept")
        #expect(service[.port] == nil)
        #expect(service[.healthStatus] == nil)
        #expect(graph.edge(Self.routeId(), Self.serviceId(1), .routesTo)?.attributes.integer(.percent) == 100)
    }

    @Test("a node mentioned by two routes takes each attribute from the latest record that gives it",
          arguments: [false, true])
    func sharedNodeAttributes(secondIsNewer: Bool) throws {
        let scratch = try ScratchDirectory()
        let early = "2022-01-01T00:00:00Z", late = "2022-02-01T00:00:00Z"
        // Route 1 gives name, namespace and port; route 2 gives name and namespace, no port.
        let first = try writeFile("r1.json", in: scratch.url, text: Self.response(
            route: 1, modified: secondIsNewer ? early : late, name: "one",
            services: [Service(id: 5, name: "svc-by-1", namespace: "ns-1", port: 80)], domain: ("Shared.Example.com", 40)))
        let second = try writeFile("r2.json", in: scratch.url, text: Self.response(
            route: 2, modified: secondIsNewer ? late : early, name: "two",
            services: [Service(id: 5, name: "svc-by-2", namespace: "ns-2")], domain: ("shared.example.com", nil)))
        // An older snapshot of route 2 that loses: its health status must not reach service 5.
        let stale = try writeFile("r2-old.json", in: scratch.url, text: Self.response(
            route: 2, modified: "2021-01-01T00:00:00Z", name: "two-old",
            services: [Service(id: 5, name: "stale", namespace: "stale", port: 1, health: "Unhealthy")]))
        let result = try Self.convertInEveryOrder([first, second, stale])
        let service = try #require(result.graph.node(id: Self.serviceId(5))).attributes
        #expect(service.string(.name) == (secondIsNewer ? "svc-by-2" : "svc-by-1"))
        #expect(service.string(.namespace) == (secondIsNewer ? "ns-2" : "ns-1"))
        #expect(service.integer(.port) == 80, "only route 1 gives a port")
        #expect(service[.healthStatus] == nil, "the stale snapshot lost")
        // One domain node for both spellings; its name from the latest, its id from the only one that gives it.
        #expect(result.graph.nodeIds(ofKind: .domain) == ["domain:shared.example.com"])
        let domain = try #require(result.graph.node(id: "domain:shared.example.com")).attributes
        #expect(domain.string(.name) == (secondIsNewer ? "shared.example.com" : "Shared.Example.com"))
        #expect(domain.integer(.domainId) == 40)
        #expect(result.graph.edges(ofKind: .serves).count == 2)
        #expect(result.graph.node(id: Self.routeId(2))?.attributes.string(.name) == "two")
    }

    @Test("a node mentioned by two routes of the same time: the greatest path decides")
    func sharedNodeTie() throws {
        let scratch = try ScratchDirectory()
        let time = "2022-01-01T00:00:00Z"
        let a = try writeFile("a.json", in: scratch.url, text: Self.response(
            route: 1, modified: time, name: "one", services: [Service(id: 5, name: "from-a", port: 80)]))
        let b = try writeFile("b.json", in: scratch.url, text: Self.response(
            route: 2, modified: time, name: "two", services: [Service(id: 5, name: "from-b")]))
        let result = try Self.convertInEveryOrder([a, b])
        let service = try #require(result.graph.node(id: Self.serviceId(5))).attributes
        #expect(service.string(.name) == "from-b")
        #expect(service.integer(.port) == 80)
    }

    @Test("routes of one time set a shared node in (path bytes, line) order: the greatest path, then line, is applied last")
    func sharedNodeTieAcrossPathsAndLines() throws {
        let scratch = try ScratchDirectory()
        let time = "2022-01-01T00:00:00Z"
        // Byte order of the paths: "B.json" < "a.json" < "a/z.json" < "b.json" < "c.jsonl" ('.' is
        // 0x2E, '/' 0x2F, upper case before lower case). Each route names service 5 with a name of
        // its own; an older route, in the greatest path of all, must not count.
        var paths: [String] = []
        for (i, name) in ["b.json", "a/z.json", "B.json", "a.json"].enumerated() {
            paths.append(try writeFile(name, in: scratch.url, text: Self.response(
                route: 10 + i, modified: time, name: "r-\(name)", services: [Service(id: 5, name: "from-\(name)")])))
        }
        var lines: [String] = []
        for line in 1...10 {
            let give = line == 2 || line == 10
            lines.append(Self.response(route: 100 + line, modified: time, name: "line-\(line)",
                                       services: give ? [Service(id: 5, name: "from-line-\(line)")] : [Service(id: 6)]))
        }
        paths.append(try writeFile("c.jsonl", in: scratch.url, text: lines.joined(separator: "\n") + "\n"))
        paths.append(try writeFile("z.json", in: scratch.url, text: Self.response(
            route: 99, modified: "2021-12-31T23:59:59Z", name: "older", services: [Service(id: 5, name: "from-older")])))
        let result = convert(paths)
        for order in [paths.reversed(), Array(paths.dropFirst(2) + paths.prefix(2))] {
            for threads in [1, 2] {
                #expect(convert(order, threads: threads).graph == result.graph)
            }
        }
        let service = try #require(result.graph.node(id: Self.serviceId(5))).attributes
        #expect(service.string(.name) == "from-line-10")

        // Without the JSON Lines file, the greatest path of the tied files decides.
        let files = convert(paths.filter { !$0.hasSuffix(".jsonl") })
        #expect(try #require(files.graph.node(id: Self.serviceId(5))).attributes.string(.name) == "from-b.json")
    }
}
