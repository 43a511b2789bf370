import Foundation
import Testing

@testable import RouteGraph

/// The two seed responses (`Examples/responses/`) and the graph DESIGN.md makes of them, worked
/// out by hand from the seed pages: issue 2's acceptance check.
@Suite("Seed examples")
struct SeedExampleTests {
    static let gw = "gw-7ea3da97b96543e19f6c597c****"
    static let vco = "vco-p0w2jpkhi2eeop6q6****"
    static let tunnel = "tun-0jothw962cp3bvhbw****"
    static let route = "route:\(gw):1050"
    static func service(_ id: Int) -> String { "service:\(gw):\(id)" }

    let result = convert([ExampleFiles.mseSeed, ExampleFiles.vpnSeed])
    var graph: RouteGraph { result.graph }

    @Test("11 nodes and 10 edges, by kind")
    func counts() {
        #expect(graph.nodes.count == 11)
        #expect(graph.edges.count == 10)
        #expect(graph.nodeCountsByName == ["gateway": 1, "route": 1, "service": 4, "domain": 2, "ipsec": 1, "tunnel": 1, "cidr": 1])
        #expect(graph.edgeCountsByName == [
            "HAS_ROUTE": 1, "ROUTES_TO": 1, "DEFAULTS_TO": 1, "FALLS_BACK_TO": 1, "MIRRORS_TO": 1, "SERVES": 2,
            "HAS_TUNNEL": 1, "ROUTES": 1, "NEXT_HOP_FOR": 1,
        ])
    }

    @Test("every node id, as DESIGN.md builds them")
    func nodeIds() {
        let g = Self.gw
        #expect(graph.nodes.map(\.id) == [
            "cidr:192.168.10.0/24", "domain:123.com", "domain:test.com", "gateway:\(g)", "ipsec:\(Self.vco)",
            "route:\(g):1050", "service:\(g):1", "service:\(g):21", "service:\(g):3", "service:\(g):782",
            "tunnel:\(Self.tunnel)",
        ])
    }

    @Test("every edge: source, target, kind")
    func edgeList() {
        let r = Self.route
        let got = graph.edges.map { "\($0.source) -\($0.kind.rawValue)-> \($0.target)" }
        #expect(got == [
            "gateway:\(Self.gw) -HAS_ROUTE-> \(r)",
            "ipsec:\(Self.vco) -ROUTES-> cidr:192.168.10.0/24",
            "ipsec:\(Self.vco) -HAS_TUNNEL-> tunnel:\(Self.tunnel)",
            "\(r) -SERVES-> domain:123.com",
            "\(r) -SERVES-> domain:test.com",
            "\(r) -FALLS_BACK_TO-> \(Self.service(1))",
            "\(r) -MIRRORS_TO-> \(Self.service(21))",
            "\(r) -DEFAULTS_TO-> \(Self.service(3))",
            "\(r) -ROUTES_TO-> \(Self.service(782))",
            "tunnel:\(Self.tunnel) -NEXT_HOP_FOR-> cidr:192.168.10.0/24",
        ])
    }

    @Test("both documents converted, nothing rejected, no warnings")
    func report() {
        #expect(result.report.documents == 2)
        #expect(result.report.converted == 2)
        #expect(result.report.rejections.isEmpty)
        #expect(result.report.warnings.isEmpty)
        #expect(result.report.byAPI == ["GetGatewayRouteDetail": 1, "DescribeVcoRouteEntries": 1])
    }

    @Test("gateway node")
    func gateway() throws {
        let node = try #require(graph.node(id: "gateway:\(Self.gw)"))
        #expect(node.kind == .gateway)
        #expect(node.attributes.string(.gatewayUniqueId) == Self.gw)
        #expect(node.attributes.integer(.gatewayId) == 1)
    }

    @Test("route node: GmtCreate is UTC+8, so createdAt and modifiedAt are one instant")
    func routeNode() throws {
        let a = try #require(graph.node(id: Self.route)).attributes
        #expect(a.integer(.routeId) == 1050)
        #expect(a.string(.name) == "test")
        #expect(a.integer(.status) == 0)
        #expect(a.string(.statusName) == "unpublished")
        #expect(a.integer(.routeOrder) == 1)
        #expect(a.string(.pathMatch) == "/api")
        #expect(a.string(.pathMatchType) == "PRE")
        #expect(a.boolean(.ignoreCase) == true)
        #expect(a.string(.methods) == "GET")
        #expect(a.string(.destinationType) == "Single")
        #expect(a.boolean(.enableWaf) == true)
        #expect(a.boolean(.fallback) == true)
        #expect(a.string(.createdAt) == "2022-01-07T10:07:57Z")
        #expect(a.string(.modifiedAt) == "2022-01-07T10:07:57Z")
        #expect(a.string(.description) == "a route for xxx")
    }

    @Test("provenance: the input as given and the RequestId of the response")
    func provenance() throws {
        let route = try #require(graph.node(id: Self.route)).attributes
        #expect(route.string(.input) == ExampleFiles.mseSeed)
        #expect(route.string(.requestId) == "FDF2D16C-5D28-5FAA-A56B-30BDE3559880")
        let routes = try #require(graph.edges(ofKind: .routes).first).attributes
        #expect(routes.string(.input) == ExampleFiles.vpnSeed)
        #expect(routes.string(.requestId) == "E18980E8-C8C2-31BD-8156-AE2BBDEC87E1")
        // Only route nodes and ROUTES edges carry provenance.
        for node in graph.nodes where node.kind != .route {
            #expect(node.attributes[.input] == nil && node.attributes[.requestId] == nil, "\(node.id)")
        }
        for edge in graph.edges where edge.kind != .routes {
            #expect(edge.attributes[.input] == nil && edge.attributes[.requestId] == nil, "\(edge.id)")
        }
    }

    @Test("RouteServices wins over the Services string: service 126 is absent")
    func routeServicesPreferred() throws {
        #expect(graph.node(id: Self.service(126)) == nil)
        #expect(!graph.nodes.contains { $0.id.hasSuffix(":126") })
        let routesTo = graph.edges(ofKind: .routesTo)
        #expect(routesTo.map(\.target) == [Self.service(782)])
    }

    @Test("service 782 from RouteServices[0], with its ROUTES_TO share")
    func service782() throws {
        let a = try #require(graph.node(id: Self.service(782))).attributes
        #expect(a.integer(.serviceId) == 782)
        #expect(a.string(.name) == "xkc-crm")
        #expect(a.string(.namespace) == "acs_ecs_dashboard")
        #expect(a.string(.group) == "api")
        #expect(a.string(.sourceType) == "MSE")
        #expect(a.string(.protocol) == "DUBBO")
        #expect(a.integer(.port) == 20880)
        #expect(a.string(.healthStatus) == "Health")
        #expect(a.string(.unhealthyEndpoints) == "192.168.1.2")
        let edge = try #require(graph.edge(Self.route, Self.service(782), .routesTo))
        #expect(edge.attributes.integer(.percent) == 80)
        #expect(edge.attributes.string(.version) == "v1")
        #expect(edge.attributes.names == ["percent", "version"])
    }

    @Test("service 3 from DefaultServiceId: a DEFAULTS_TO edge without attributes")
    func service3() throws {
        let a = try #require(graph.node(id: Self.service(3))).attributes
        #expect(a.integer(.serviceId) == 3)
        #expect(a.string(.name) == "test")
        #expect(a[.port] == nil)
        let edge = try #require(graph.edge(Self.route, Self.service(3), .defaultsTo))
        #expect(edge.attributes.isEmpty)
    }

    @Test("service 1 from FallbackServices[0], FALLS_BACK_TO with percent and version")
    func service1() throws {
        let a = try #require(graph.node(id: Self.service(1))).attributes
        #expect(a.integer(.serviceId) == 1)
        #expect(a.string(.namespace) == "namespace")
        #expect(a.string(.group) == "test")
        #expect(a.string(.protocol) == "DUBBO")
        #expect(a.integer(.port) == 8848)
        let edge = try #require(graph.edge(Self.route, Self.service(1), .fallsBackTo))
        #expect(edge.attributes.integer(.percent) == 80)
        #expect(edge.attributes.string(.version) == "v1")
    }

    @Test("service 21 from FlowMirror (Status on): MIRRORS_TO with percentage and port")
    func service21() throws {
        let a = try #require(graph.node(id: Self.service(21))).attributes
        #expect(a.integer(.serviceId) == 21)
        let edge = try #require(graph.edge(Self.route, Self.service(21), .mirrorsTo))
        #expect(edge.attributes.integer(.percentage) == 90)
        #expect(edge.attributes.integer(.port) == 8790)
        #expect(edge.attributes.names == ["percentage", "port"])
    }

    @Test("domains from DomainName/DomainId and DomainNameList/DomainIdList")
    func domains() throws {
        let first = try #require(graph.node(id: "domain:123.com")).attributes
        #expect(first.string(.name) == "123.com")
        #expect(first.integer(.domainId) == 235)
        let second = try #require(graph.node(id: "domain:test.com")).attributes
        #expect(second.string(.name) == "test.com")
        #expect(second.integer(.domainId) == 1)
        #expect(graph.edges(ofKind: .serves).map(\.target) == ["domain:123.com", "domain:test.com"])
    }

    @Test("ipsec node: bgpRoutes from VpnRouteCounts, and completeness of the custom entries")
    func ipsec() throws {
        let a = try #require(graph.node(id: "ipsec:\(Self.vco)")).attributes
        #expect(a.string(.connectionId) == Self.vco)
        #expect(a.integer(.bgpRoutes) == 3)
        #expect(a[.customRoutes] == nil)
        #expect(a.integer(.declaredTotal) == 1)
        #expect(a.integer(.collected) == 1)
        #expect(a.boolean(.complete) == true)
    }

    @Test("tunnel and cidr nodes")
    func tunnelAndCidr() throws {
        let t = try #require(graph.node(id: "tunnel:\(Self.tunnel)")).attributes
        #expect(t.string(.tunnelId) == Self.tunnel)
        let c = try #require(graph.node(id: "cidr:192.168.10.0/24")).attributes
        #expect(c.string(.cidr) == "192.168.10.0/24")
        #expect(c.integer(.family) == 4)
        #expect(c.integer(.prefixLength) == 24)
    }

    @Test("ROUTES edge: every attribute, CreateTime in UTC, key entryType|nextHop")
    func routesEdge() throws {
        let edge = try #require(graph.edge("ipsec:\(Self.vco)", "cidr:192.168.10.0/24", .routes))
        #expect(edge.key == "custom|\(Self.vco)")
        let a = edge.attributes
        #expect(a.string(.entryType) == "custom")
        #expect(a.string(.nextHop) == Self.vco)
        #expect(a.integer(.weight) == 100)
        #expect(a.string(.state) == "published")
        #expect(a.string(.routeSource) == "CLOUD")
        #expect(a.string(.asPath) == "[12000]")
        #expect(a.string(.community) == "65535:65510")
        #expect(a.string(.createdAt) == "2022-07-19T07:50:08Z")
        let hop = try #require(graph.edge("tunnel:\(Self.tunnel)", "cidr:192.168.10.0/24", .nextHopFor))
        #expect(hop.key == "custom|\(Self.vco)")
        #expect(hop.attributes.names == ["entryType"])
        #expect(hop.attributes.string(.entryType) == "custom")
        #expect(graph.edge("ipsec:\(Self.vco)", "tunnel:\(Self.tunnel)", .hasTunnel) != nil)
    }

    @Test("a 64-bit route id beyond 2^53 stays exact, as a number and as a string",
          arguments: ["9007199254740993", "\"9007199254740993\"", "9223372036854775807"])
    func exactLongIds(written: String) throws {
        let scratch = try ScratchDirectory()
        let seed = try String(contentsOfFile: ExampleFiles.mseSeed, encoding: .utf8)
        #expect(seed.components(separatedBy: "\"Id\": 1050,").count == 2)
        let text = seed.replacingOccurrences(of: "\"Id\": 1050,", with: "\"Id\": \(written),")
            .replacingOccurrences(of: "\"ServiceId\": 782,", with: "\"ServiceId\": \(written),")
        let path = try writeFile("big-id.json", in: scratch.url, text: text)
        let graph = convert([path]).graph
        let exact = written.replacingOccurrences(of: "\"", with: "")
        let expected = try #require(Int64(exact))
        let route = try #require(graph.node(id: "route:\(Self.gw):\(exact)"), "nodes: \(graph.nodes.map(\.id))")
        #expect(route.attributes.integer(.routeId) == expected)
        let service = try #require(graph.node(id: "service:\(Self.gw):\(exact)"))
        #expect(service.attributes.integer(.serviceId) == expected)
        // A Double would have rounded 2^53 + 1 down to 2^53.
        #expect(graph.node(id: "route:\(Self.gw):9007199254740992") == nil)
    }

    @Test("the Message of a successful response does not make it an error")
    func messageIsNotAnError() {
        let single = convert([ExampleFiles.mseSeed])
        #expect(single.report.rejections.isEmpty)
        #expect(single.graph.nodeCounts[.route] == 1)
    }
}
