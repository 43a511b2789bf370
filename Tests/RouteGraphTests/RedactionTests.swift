import Foundation
import Testing

@testable import RouteGraph

/// `convert --redact`: every account-specific value of the seed examples and of a generated archive
/// is gone from every byte written, the graph keeps its shape, and pseudonyms are stable under one
/// key and only then.
@Suite("Redaction: pseudonyms that keep the graph's shape")
struct RedactionTests {
    static let hasDot = ExternalTool.available("dot")
    static let hasXmllint = ExternalTool.available("xmllint")
    static let seeds = "Examples/responses"

    /// The formats written in these tests: every file convert can write, pictures when Graphviz is there.
    static var formats: String { hasDot ? "graphml,dot,csv,jsonl,svg" : "graphml,dot,csv,jsonl" }

    // MARK: what must not leak

    /// Every value of `graph` that redaction must replace, as text: ids (whole and without the
    /// kind prefix), domains, CIDRs and addresses, names, namespaces, groups, descriptions, paths,
    /// inputs (with and without `:line`), request ids. Numeric ids and AS numbers are too short
    /// to look for in bytes; `valuesDiffer` checks them value by value. Default routes are kept.
    static func sensitiveStrings(of graph: RouteGraph) -> Set<String> {
        var strings = Set<String>()
        func collect(_ attributes: Attributes) {
            for (attribute, value) in attributes.all {
                switch attribute.redaction {
                case .keep, .number, .asPath, .community: continue
                case .endpoints: strings.formUnion(value.text.split(separator: ",").map(String.init))
                case .text(.input):
                    strings.insert(value.text)
                    if let colon = value.text.lastIndex(of: ":") { strings.insert(String(value.text[..<colon])) }
                default: strings.insert(value.text)
                }
            }
        }
        for node in graph.nodes {
            strings.insert(node.id)
            strings.insert(String(node.id.dropFirst(node.kind.idPrefix.count)))
            collect(node.attributes)
        }
        for edge in graph.edges { collect(edge.attributes) }
        strings.subtract(["0.0.0.0/0", "::/0"])
        // The seed's service is literally named "name" in namespace "namespace": words the formats
        // themselves use (column names, pseudonym prefixes). valuesDiffer checks they were replaced.
        strings.subtract(Attribute.allCases.map(\.rawValue) + PseudonymKind.allCases.map(\.rawValue))
        // Shorter strings match ordinary words of the formats themselves; valuesDiffer covers them.
        return strings.filter { $0.utf8.count >= 3 }
    }

    /// Where `needle` occurs in `data` as a token of its own: not run on from a letter or digit,
    /// so `10.1.2.3` is not found inside `10.1.2.30` but is found in `10.1.2.3/24` or `"10.1.2.3"`.
    static func occurs(_ needle: String, in data: Data) -> Bool {
        let bytes = Data(needle.utf8)
        func isWord(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }
        let wordStart = isWord(bytes.first), wordEnd = isWord(bytes.last)
        var from = data.startIndex
        while let range = data.range(of: bytes, in: from..<data.endIndex) {
            let before = range.lowerBound > data.startIndex ? data[range.lowerBound - 1] : nil
            let after = range.upperBound < data.endIndex ? data[range.upperBound] : nil
            if !(wordStart && isWord(before)) && !(wordEnd && isWord(after)) { return true }
            from = range.lowerBound + 1
        }
        return false
    }

    /// The sensitive strings found in any file of `directory`, as `file: string`.
    static func leaks(of strings: Set<String>, in directory: String) throws -> [String] {
        var found: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            for string in strings.sorted() where occurs(string, in: data) { found.append("\(name): \(string)") }
        }
        return found
    }

    static func writeKey(_ path: String, byte: UInt8) throws {
        try Data((0..<32).map { UInt8(truncatingIfNeeded: Int($0) * 7) ^ byte }).write(to: URL(fileURLWithPath: path))
    }

    static func key(_ byte: UInt8) -> RedactionKey {
        // swift-format-ignore
        try! RedactionKey(bytes: (0..<32).map { UInt8(truncatingIfNeeded: Int($0) * 7) ^ byte })
    }

    /// Converts `inputs` with `--redact-key` (or `--redact` when `keyFile` is nil) into `output`.
    static func runConvert(_ inputs: [String], output: String, keyFile: String?, extra: [String] = []) throws {
        let redaction = keyFile.map { ["--redact-key", $0] } ?? ["--redact"]
        let result = try RouteGraphCLI.run(["convert"] + inputs + ["--output", output, "--format", formats, "-q"] + redaction + extra)
        try #require(result.status == 0, "\(result.stderr)")
    }

    static func generatedArchive(in scratch: borrowing ScratchDirectory) throws -> (directory: String, graph: RouteGraph) {
        let directory = scratch.path("archive")
        let graph = try GeneratedArchive.convert(
            ["--seed", "7", "--gateways", "3", "--connections", "3", "--variants", "doc,wrapped,strnum,xml"], into: directory)
        return (directory, graph)
    }

    @Test("seed examples: no id, domain, CIDR, IP, name or path of the input in any file written; without --redact there are")
    func seedExamplesLeakNothing() throws {
        let scratch = try ScratchDirectory()
        let graph = convert([Self.seeds]).graph
        let strings = Self.sensitiveStrings(of: graph)
        #expect(strings.contains("gw-7ea3da97b96543e19f6c597c****"))
        #expect(strings.contains("Examples/responses/mse-route.json"))
        try Self.writeKey(scratch.path("key"), byte: 1)
        try Self.runConvert([Self.seeds], output: scratch.path("redacted"), keyFile: scratch.path("key"))
        let written = try FileManager.default.contentsOfDirectory(atPath: scratch.path("redacted")).sorted()
        #expect(written.contains("graph.graphml") && written.contains("gateway-routes.csv") && written.contains("graph.jsonl"))
        let leaks = try Self.leaks(of: strings, in: scratch.path("redacted"))
        #expect(leaks == [], "\(leaks)")

        // The same scan finds the values when nothing is redacted, so it can fail.
        let plain = try RouteGraphCLI.run(["convert", Self.seeds, "--output", scratch.path("plain"), "--format", Self.formats, "-q"])
        try #require(plain.status == 0, "\(plain.stderr)")
        let plainLeaks = try Self.leaks(of: strings, in: scratch.path("plain"))
        #expect(plainLeaks.contains("graph.graphml: gw-7ea3da97b96543e19f6c597c****"))
        #expect(plainLeaks.contains("ipsec-routes.csv: 192.168.10.0/24"))
    }

    @Test(
        "generated archive: nothing of the input in any file written; GraphML validates, DOT renders",
        )
    func generatedArchiveLeaksNothing() throws {
        let scratch = try ScratchDirectory()
        let (archive, graph) = try Self.generatedArchive(in: scratch)
        let strings = Self.sensitiveStrings(of: graph)
        #expect(strings.count > 200)
        #expect(strings.contains { $0.contains(":") && CIDR($0)?.family == 6 }, "the archive has IPv6 CIDRs")
        try Self.writeKey(scratch.path("key"), byte: 2)
        let out = scratch.path("redacted")
        try Self.runConvert([archive, Self.seeds], output: out, keyFile: scratch.path("key"))
        let leaks = try Self.leaks(of: strings.union(Self.sensitiveStrings(of: convert([Self.seeds]).graph)), in: out)
        #expect(leaks == [], "\(leaks)")

        if Self.hasXmllint {
            let schema = packageRoot.appendingPathComponent("Schemas/graphml/graphml.xsd").path
            let lint = try ExternalTool.run(["xmllint", "--noout", "--schema", schema, out + "/graph.graphml"])
            #expect(lint.status == 0 && lint.stderr.contains("validates"), "\(lint.stderr)")
        }
        if Self.hasDot {
            let render = try ExternalTool.run(["dot", "-Tsvg", "-o", "/dev/null", out + "/graph.dot"])
            #expect(render.status == 0, "\(render.stderr)")
        }
    }

    // MARK: shape

    /// Node and edge counts by kind, and each kind's multiset of (in, out) degrees.
    struct Shape: Equatable {
        var nodes: [NodeKind: Int]
        var edges: [EdgeKind: Int]
        var degrees: [NodeKind: [[Int]]]

        init(_ graph: RouteGraph) {
            nodes = graph.nodeCounts
            edges = graph.edgeCounts
            var inDegree: [String: Int] = [:], outDegree: [String: Int] = [:]
            for edge in graph.edges {
                outDegree[edge.source, default: 0] += 1
                inDegree[edge.target, default: 0] += 1
            }
            var degrees: [NodeKind: [[Int]]] = [:]
            for node in graph.nodes { degrees[node.kind, default: []].append([inDegree[node.id] ?? 0, outDegree[node.id] ?? 0]) }
            self.degrees = degrees.mapValues { $0.sorted { $0.lexicographicallyPrecedes($1) } }
        }
    }

    /// Checks that `redacted` has the shape of `original`, edges meeting nodes and canonical ids.
    static func expectSameShape(_ redacted: RouteGraph, as original: RouteGraph) {
        #expect(Shape(redacted) == Shape(original))
        #expect(redacted.nodes.count == original.nodes.count && redacted.edges.count == original.edges.count)
        let ids = Set(redacted.nodes.map(\.id))
        #expect(ids.count == redacted.nodes.count)
        #expect(Set(redacted.edges.map(\.identity)).count == redacted.edges.count)
        for edge in redacted.edges { #expect(ids.contains(edge.source) && ids.contains(edge.target), "\(edge.id)") }
        for node in redacted.nodes {
            #expect(node.id.hasPrefix(node.kind.idPrefix))
            let rest = String(node.id.dropFirst(node.kind.idPrefix.count))
            switch node.kind {
            case .domain:
                #expect(rest == rest.lowercased() && rest.hasSuffix(".example"), "\(node.id)")
                #expect(node.attributes.string(.name)?.lowercased() == rest)
            case .cidr:
                if let cidr = CIDR(rest) {
                    #expect(cidr.text == rest, "cidr ids stay normalised")
                    #expect(node.attributes.string(.cidr) == rest)
                    #expect(cidr.family == 4 ? rest.hasPrefix("10.") || rest == "0.0.0.0/0" : rest.hasPrefix("2001:db8:") || rest == "::/0", "\(rest)")
                    #expect(node.attributes.integer(.prefixLength) == Int64(cidr.prefixLength))
                } else {
                    #expect(rest.hasPrefix("cidr-"))
                }
            case .gateway: #expect(rest.hasPrefix("gw-redacted-") && node.attributes.string(.gatewayUniqueId) == rest)
            case .ipsec: #expect(rest.contains("-redacted-") && node.attributes.string(.connectionId) == rest)
            case .tunnel: #expect(rest.contains("-redacted-") && node.attributes.string(.tunnelId) == rest)
            case .route, .service: #expect(rest.contains("-redacted-"))
            }
        }
    }

    /// No replaced value (numeric ids and AS numbers included) equals any original value of that
    /// attribute; AS numbers are private or reserved ones.
    static func expectValuesDiffer(_ redacted: RouteGraph, from original: RouteGraph) {
        func values(_ graph: RouteGraph, _ attribute: Attribute) -> Set<String> {
            Set(graph.nodes.compactMap { $0.attributes[attribute]?.text } + graph.edges.compactMap { $0.attributes[attribute]?.text })
        }
        for attribute in Attribute.allCases where attribute.redaction != .keep && attribute != .community && attribute != .cidr {
            let before = values(original, attribute), after = values(redacted, attribute)
            #expect(before.isEmpty == after.isEmpty, "\(attribute)")
            #expect(before.intersection(after).isEmpty, "\(attribute): \(before.intersection(after))")
        }
        let reserved: Set<UInt64> = [0, 23456, 65535]
        for edge in redacted.edges {
            for value in [edge.attributes[.asPath]?.text, edge.attributes[.community]?.text].compactMap({ $0 }) {
                for number in value.split(whereSeparator: { !$0.isNumber }).compactMap({ UInt64($0) }) {
                    let isPrivate = (64512...65534).contains(number) || (4_200_000_000...4_294_967_294).contains(number)
                    #expect(isPrivate || reserved.contains(number) || value.contains(":\(number)"), "\(value)")
                }
            }
        }
    }

    @Test("shape kept: counts by kind, degree multisets, edges meet nodes, canonical ids; no value kept", arguments: [false, true])
    func shapeKeptOnSamples(hostile: Bool) {
        let original = SampleGraphs.everyKind(hostile: hostile)
        let redacted = Redactor(key: Self.key(3)).redact(original)
        Self.expectSameShape(redacted, as: original)
        Self.expectValuesDiffer(redacted, from: original)
    }

    @Test("shape kept on the seed examples")
    func shapeKeptOnSeeds() {
        let original = convert([Self.seeds]).graph
        let redacted = Redactor(key: Self.key(4)).redact(original)
        Self.expectSameShape(redacted, as: original)
        Self.expectValuesDiffer(redacted, from: original)
        let route = redacted.nodes.first { $0.kind == .route }
        #expect(route?.attributes.string(.pathMatch)?.hasPrefix("/path-") == true)
        #expect(route?.attributes.string(.statusName) == "unpublished", "enumerations stay")
        let mirror = redacted.edges.first { $0.kind == .mirrorsTo }
        #expect(mirror?.attributes[.percentage] == .integer(90) && mirror?.attributes[.port] == .integer(8790), "numbers stay")
        let routes = redacted.edges.first { $0.kind == .routes }
        #expect(routes?.attributes[.community]?.text == "65535:65510", "well-known communities stay")
        #expect(routes?.key == "custom|" + (routes?.attributes[.nextHop]?.text ?? "-"), "the edge key follows its next hop")
        #expect(routes?.attributes[.nextHop]?.text == String(routes?.source.dropFirst("ipsec:".count) ?? ""), "a next hop naming its connection keeps naming it")
    }

    @Test(
        "shape kept on a generated archive",
        )
    func shapeKeptOnGeneratedArchive() throws {
        let scratch = try ScratchDirectory()
        let original = try Self.generatedArchive(in: scratch).graph
        let redacted = Redactor(key: Self.key(5)).redact(original)
        Self.expectSameShape(redacted, as: original)
        Self.expectValuesDiffer(redacted, from: original)
    }

    // MARK: keys

    @Test("same key: byte-identical files in two runs; another key: other pseudonyms; no key: two runs differ")
    func keys() throws {
        let scratch = try ScratchDirectory()
        try Self.writeKey(scratch.path("a.key"), byte: 6)
        try Self.writeKey(scratch.path("b.key"), byte: 7)
        try Self.runConvert([Self.seeds], output: scratch.path("a1"), keyFile: scratch.path("a.key"))
        try Self.runConvert([Self.seeds], output: scratch.path("a2"), keyFile: scratch.path("a.key"))
        try Self.runConvert([Self.seeds], output: scratch.path("b"), keyFile: scratch.path("b.key"))
        try Self.runConvert([Self.seeds], output: scratch.path("r1"), keyFile: nil)
        try Self.runConvert([Self.seeds], output: scratch.path("r2"), keyFile: nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path("a1")).sorted()
        #expect(names.count >= 7)
        func bytes(_ run: String, _ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: scratch.path(run + "/" + name))) }
        for name in names {
            #expect(try bytes("a1", name) == bytes("a2", name), "\(name)")
        }
        #expect(try bytes("a1", "graph.jsonl") != bytes("b", "graph.jsonl"))
        #expect(try bytes("r1", "graph.jsonl") != bytes("r2", "graph.jsonl"))

        // Pseudonyms under two keys share nothing but the values kept on purpose.
        let original = convert([Self.seeds]).graph
        let a = Set(Redactor(key: Self.key(6)).redact(original).nodes.map(\.id))
        let b = Set(Redactor(key: Self.key(7)).redact(original).nodes.map(\.id))
        #expect(a.intersection(b).isEmpty, "\(a.intersection(b))")
        #expect(a == Set(Redactor(key: Self.key(6)).redact(original).nodes.map(\.id)))
    }

    @Test("merge --redact-key writes what convert --redact-key writes; merge --redact leaks nothing")
    func mergeRedacts() throws {
        let scratch = try ScratchDirectory()
        try Self.writeKey(scratch.path("key"), byte: 9)
        let fragment = try RouteGraphCLI.run(["convert", Self.seeds, "--output", scratch.path("fragment"), "--format", "jsonl", "-q"])
        try #require(fragment.status == 0, "\(fragment.stderr)")
        try Self.runConvert([Self.seeds], output: scratch.path("converted"), keyFile: scratch.path("key"))
        func merge(into output: String, _ redaction: [String]) throws {
            let merged = try RouteGraphCLI.run(
                ["merge", scratch.path("fragment/graph.jsonl"), "--output", output, "--format", Self.formats, "-q"] + redaction)
            try #require(merged.status == 0, "\(merged.stderr)")
        }
        try merge(into: scratch.path("merged"), ["--redact-key", scratch.path("key")])
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path("converted")).sorted()
        #expect(names.count >= 7)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("merged")).sorted() == names)
        for name in names {
            let (merged, converted) = try (
                Data(contentsOf: URL(fileURLWithPath: scratch.path("merged/" + name))),
                Data(contentsOf: URL(fileURLWithPath: scratch.path("converted/" + name))))
            #expect(merged == converted, "\(name)")
        }
        try merge(into: scratch.path("random"), ["--redact"])
        let leaks = try Self.leaks(of: Self.sensitiveStrings(of: convert([Self.seeds]).graph), in: scratch.path("random"))
        #expect(leaks == [], "\(leaks)")
    }

    @Test("same key, inputs in another order and on more threads: the same pseudonyms")
    func orderIndependent() throws {
        let graph = convert([ExampleFiles.vpnSeed, ExampleFiles.mseSeed], threads: 2).graph
        let reversed = convert([ExampleFiles.mseSeed, ExampleFiles.vpnSeed]).graph
        let key = Self.key(8)
        #expect(Redactor(key: key).redact(graph).withoutProvenance == Redactor(key: key).redact(reversed).withoutProvenance)
    }

    @Test("--redact-key: a missing or short key file is refused before converting, naming what to do")
    func badKeyFiles() throws {
        let scratch = try ScratchDirectory()
        let missing = try RouteGraphCLI.run(["convert", Self.seeds, "--output", scratch.path("o"), "--redact-key", scratch.path("none")])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("cannot read the redaction key file") && missing.stderr.contains("/dev/urandom"))
        try Data("short\n".utf8).write(to: URL(fileURLWithPath: scratch.path("short")))
        let short = try RouteGraphCLI.run(["convert", Self.seeds, "--output", scratch.path("o"), "--redact-key", scratch.path("short")])
        #expect(short.status == 64)
        #expect(short.stderr.contains("holds 6 bytes, fewer than the 16"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("o")))

        #expect(throws: RedactionKeyError.tooShort(path: scratch.path("short"), length: 6, minimum: 16)) {
            try RedactionKey(contentsOf: scratch.path("short"))
        }
        #expect(throws: RedactionKeyError.self) { try RedactionKey(contentsOf: scratch.url.path) }
        try Data(count: RedactionKey.maximumLength + 1).write(to: URL(fileURLWithPath: scratch.path("big")))
        #expect(throws: RedactionKeyError.self) { try RedactionKey(contentsOf: scratch.path("big")) }
    }

    @Test("focus, then redact: --gateway takes the real id and the picture shows only pseudonyms")
    func focusThenRedact() throws {
        let scratch = try ScratchDirectory()
        let result = try RouteGraphCLI.run([
            "convert", Self.seeds, "--output", scratch.path("o"), "--format", "jsonl", "-q", "--redact",
            "--gateway", "gw-7ea3da97b96543e19f6c597c****",
        ])
        try #require(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: scratch.path("o/graph.jsonl"), encoding: .utf8)
        #expect(text.contains("gw-redacted-") && !text.contains("vco-") && !text.contains("gw-7ea3"))
    }
}
