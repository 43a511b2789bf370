@testable import RouteGraph

/// Hand-made graphs for exporter tests, independent of the readers.
enum SampleGraphs {
    /// Strings that break formats written carelessly: quotes, backslashes, line breaks, markup,
    /// control characters (NUL included), Chinese, emoji, CSV and DOT syntax.
    static let hostileStrings: [String] = [
        #"say "hello", \ then"#,
        "line one\nline two\r\nline three",
        "<tag attr='x'>&amp; ]]> </tag>",
        "ctrl:\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}end",
        "订单服务 / 訂單服務",
        "emoji 🚀👩‍💻 done",
        "a,b;c\td",
        "} -> { digraph strict graph [label=\"x\"] //",
        "=cmd|' /C calc'!A0",
        "\u{FFFE}\u{FFFF}",
    ]

    /// One of every node kind and edge kind, with every attribute type, and hostile strings in
    /// names, descriptions and ids.
    static func everyKind(hostile: Bool = true) -> RouteGraph {
        let gw = "gw-7ea3da97b96543e19f6c597c****"
        let text = { (i: Int) in hostile ? hostileStrings[i % hostileStrings.count] : "plain \(i)" }
        var nodes: [Node] = []
        var edges: [Edge] = []

        var g = Attributes()
        g.set(.gatewayUniqueId, gw)
        g.set(.gatewayId, Int64(1))
        nodes.append(Node(id: "gateway:\(gw)", kind: .gateway, attributes: g))

        let route = "route:\(gw):1050"
        var r = Attributes()
        r.set(.routeId, Int64(1050))
        r.set(.name, text(0))
        r.set(.status, Int64(3))
        r.set(.statusName, "published")
        r.set(.routeOrder, Int64(1))
        r.set(.pathMatch, "/api")
        r.set(.pathMatchType, "PRE")
        r.set(.ignoreCase, true)
        r.set(.methods, "GET,POST")
        r.set(.destinationType, "Single")
        r.set(.enableWaf, false)
        r.set(.fallback, true)
        r.set(.createdAt, "2022-01-07T10:07:57Z")
        r.set(.modifiedAt, "2022-01-07T10:07:57Z")
        r.set(.description, text(1))
        r.set(.input, "archive/route.jsonl:7")
        r.set(.requestId, "FDF2D16C-5D28-5FAA-A56B-30BDE3559880")
        nodes.append(Node(id: route, kind: .route, attributes: r))
        edges.append(Edge(source: "gateway:\(gw)", target: route, kind: .hasRoute))

        for (i, kind) in [EdgeKind.routesTo, .defaultsTo, .fallsBackTo, .mirrorsTo].enumerated() {
            let sid = "service:\(gw):\(782 + i)"
            var s = Attributes()
            s.set(.serviceId, Int64(782 + i))
            s.set(.name, text(i + 2))
            s.set(.namespace, "acs_ecs_dashboard")
            s.set(.group, "api")
            s.set(.sourceType, "MSE")
            s.set(.protocol, "DUBBO")
            s.set(.port, Int64(20880))
            s.set(.healthStatus, "Health")
            s.set(.unhealthyEndpoints, "192.168.1.2")
            nodes.append(Node(id: sid, kind: .service, attributes: s))
            var e = Attributes()
            switch kind {
            case .routesTo, .fallsBackTo:
                e.set(.percent, Int64(80))
                e.set(.version, "v1")
            case .mirrorsTo:
                e.set(.percentage, Int64(90))
                e.set(.port, Int64(8790))
            default: break
            }
            edges.append(Edge(source: route, target: sid, kind: kind, attributes: e))
        }
        for (i, name) in ["123.com", hostile ? "测试.例子.com" : "test.com"].enumerated() {
            var d = Attributes()
            d.set(.name, name)
            d.set(.domainId, Int64(235 + i))
            nodes.append(Node(id: "domain:\(name)", kind: .domain, attributes: d))
            edges.append(Edge(source: route, target: "domain:\(name)", kind: .serves))
        }

        let vco = "vco-p0w2jpkhi2eeop6q6****"
        var c = Attributes()
        c.set(.connectionId, vco)
        c.set(.bgpRoutes, Int64(3))
        c.set(.declaredTotal, Int64(1))
        c.set(.collected, Int64(1))
        c.set(.complete, true)
        nodes.append(Node(id: "ipsec:\(vco)", kind: .ipsec, attributes: c))
        for tunnel in ["tun-0jothw962cp3bvhbw****", "tun-second_one/x"] {
            var t = Attributes()
            t.set(.tunnelId, tunnel)
            nodes.append(Node(id: "tunnel:\(tunnel)", kind: .tunnel, attributes: t))
            edges.append(Edge(source: "ipsec:\(vco)", target: "tunnel:\(tunnel)", kind: .hasTunnel))
            var n = Attributes()
            n.set(.entryType, "custom")
            edges.append(Edge(source: "tunnel:\(tunnel)", target: "cidr:192.168.10.0/24", kind: .nextHopFor, key: "custom|\(vco)", attributes: n))
        }
        var cidr = Attributes()
        cidr.set(.cidr, "192.168.10.0/24")
        cidr.set(.family, Int64(4))
        cidr.set(.prefixLength, Int64(24))
        nodes.append(Node(id: "cidr:192.168.10.0/24", kind: .cidr, attributes: cidr))
        var v6 = Attributes()
        v6.set(.cidr, "2408:4000::/64")
        v6.set(.family, Int64(6))
        v6.set(.prefixLength, Int64(64))
        nodes.append(Node(id: "cidr:2408:4000::/64", kind: .cidr, attributes: v6))
        var e = Attributes()
        e.set(.entryType, "custom")
        e.set(.nextHop, vco)
        e.set(.weight, Int64(100))
        e.set(.state, "published")
        e.set(.routeSource, "CLOUD")
        e.set(.asPath, "[12000]")
        e.set(.community, "65535:65510")
        e.set(.createdAt, "2022-07-19T08:30:08Z")
        e.set(.input, text(3))
        e.set(.requestId, "E18980E8-C8C2-31BD-8156-AE2BBDEC87E1")
        edges.append(Edge(source: "ipsec:\(vco)", target: "cidr:192.168.10.0/24", kind: .routes, key: "custom|\(vco)", attributes: e))
        var b = Attributes()
        b.set(.entryType, "bgp")
        b.set(.nextHop, "169.254.0.1")
        b.set(.routeSource, "VPN_BGP")
        edges.append(Edge(source: "ipsec:\(vco)", target: "cidr:2408:4000::/64", kind: .routes, key: "bgp|169.254.0.1", attributes: b))
        return RouteGraph(nodes: nodes, edges: edges)
    }
}
