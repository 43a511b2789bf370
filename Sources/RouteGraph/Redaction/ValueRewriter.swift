/// Rewrites nodes and edges value by value. Collecting, it registers each value and returns it
/// unchanged; once assigned, it returns pseudonyms. Both passes run this one code (`register`
/// asks for every value `node` and `edge` ask for), so the values registered are exactly the
/// values later asked for.
struct ValueRewriter: Sendable {
    private let hmac: HMACSHA256
    /// One table per kind, in the order of `PseudonymKind.allCases`: found by the kind's place
    /// there, as a dictionary keyed by kind hashed the kind's name at every value (a few million).
    private var tables: [PseudonymTable]
    private var collecting = true
    /// Ids and keys already rewritten, by their original text: a graph names each node once as a
    /// node and again at every edge that meets it, and taking an id apart and putting its
    /// pseudonyms together at every edge took a third of redacting a graph (at 1 GB, 19.7 s of
    /// building with it, 13.5 s without). Collecting, the originals met so far (whose values are
    /// registered already).
    private var rewritten: [String: String] = [:]
    private var rewrittenKeys: [String: String] = [:]
    /// Next hops likewise: every entry of a connection names one, and trying each as an IPv4 and
    /// an IPv6 address before taking it as a connection id took another 3 s at 1 GB.
    private var rewrittenHops: [String: String] = [:]

    init(hmac: HMACSHA256) {
        self.hmac = hmac
        tables = PseudonymKind.allCases.map { PseudonymTable(kind: $0) }
    }

    /// Takes in the values `other` registered, as if they had been registered here: registering
    /// only adds to sets, so halves of the values can be registered apart and joined.
    mutating func register(contentsOf other: ValueRewriter) {
        for i in tables.indices { tables[i].register(contentsOf: other.tables[i]) }
    }

    /// A rewriter that returns pseudonyms for every value registered so far.
    func assigned() -> ValueRewriter {
        var copy = self
        for i in copy.tables.indices { copy.tables[i].assign(hmac: hmac) }
        copy.collecting = false
        // Rewriting meets every id, key and hop that collecting met: room for them all at once,
        // rather than the tables growing (and rehashing) step by step.
        copy.rewritten = Dictionary(minimumCapacity: rewritten.count)
        copy.rewrittenKeys = Dictionary(minimumCapacity: rewrittenKeys.count)
        copy.rewrittenHops = Dictionary(minimumCapacity: rewrittenHops.count)
        return copy
    }

    /// Where `kind`'s table is in `tables`.
    private static func slot(_ kind: PseudonymKind) -> Int { PseudonymKind.allCases.firstIndex(of: kind)! }

    mutating func value(_ kind: PseudonymKind, _ value: String) -> String {
        if collecting {
            tables[Self.slot(kind)].register(value)
            return value
        }
        return tables[Self.slot(kind)].pseudonym(for: value, hmac: hmac)
    }

    mutating func node(_ node: Node) -> Node {
        Node(id: id(node.id), kind: node.kind, attributes: node.attributes.mapValues { attribute($0, $1, of: node.kind) })
    }

    mutating func edge(_ edge: Edge) -> Edge {
        Edge(
            source: id(edge.source), target: id(edge.target), kind: edge.kind, key: key(edge.key, of: edge.kind),
            attributes: edge.attributes.mapValues { attribute($0, $1, of: nil) })
    }

    /// What `node` asks of the rewriter, without making the node: collecting, the rewritten node
    /// would be thrown away.
    mutating func register(_ node: Node) {
        _ = id(node.id)
        node.attributes.forEach { _ = attribute($0, $1, of: node.kind) }
    }

    /// What `edge` asks of the rewriter, without making the edge.
    mutating func register(_ edge: Edge) {
        _ = id(edge.source)
        _ = id(edge.target)
        _ = key(edge.key, of: edge.kind)
        edge.attributes.forEach { _ = attribute($0, $1, of: nil) }
    }

    /// A canonical id rebuilt from the pseudonyms of its parts. The kind is read from the id
    /// itself, so a node and an edge naming it always agree.
    mutating func id(_ id: String) -> String {
        if let known = rewritten[id] { return known }
        let result = rewrite(id: id)
        rewritten[id] = result
        return result
    }

    private mutating func rewrite(id: String) -> String {
        guard let colon = id.firstIndex(of: ":"), let kind = NodeKind(rawValue: String(id[..<colon])) else {
            return value(.resource, id)
        }
        let rest = String(id[id.index(after: colon)...])
        switch kind {
        case .gateway, .ipsec, .tunnel:
            return kind.idPrefix + value(.resource, rest)
        case .route, .service:
            // `{GatewayUniqueId}:{Id}`, scoped by gateway.
            guard let last = rest.lastIndex(of: ":") else { return kind.idPrefix + value(.resource, rest) }
            return kind.idPrefix + value(.resource, String(rest[..<last])) + ":"
                + value(kind == .route ? .routeId : .serviceId, String(rest[rest.index(after: last)...]))
        case .domain:
            return kind.idPrefix + value(.domain, rest.lowercased())
        case .cidr:
            return kind.idPrefix + cidr(rest)
        }
    }

    /// `entryType|nextHop` for route entries; other kinds carry no key.
    mutating func key(_ key: String, of kind: EdgeKind) -> String {
        if key.isEmpty { return key }
        // Only `ROUTES` and `NEXT_HOP_FOR` edges have keys, and they take them apart alike.
        if kind == .routes || kind == .nextHopFor, let known = rewrittenKeys[key] { return known }
        let result = rewrite(key: key, of: kind)
        if kind == .routes || kind == .nextHopFor { rewrittenKeys[key] = result }
        return result
    }

    private mutating func rewrite(key: String, of kind: EdgeKind) -> String {
        guard kind == .routes || kind == .nextHopFor, let bar = key.firstIndex(of: "|") else {
            return value(.edgeKey, key)
        }
        let hop = String(key[key.index(after: bar)...])
        return key[...bar] + (hop.isEmpty ? "" : nextHop(hop))
    }

    mutating func attribute(_ attribute: Attribute, _ original: AttributeValue, of kind: NodeKind?) -> AttributeValue {
        let text = original.text
        switch attribute.redaction {
        case .keep: return original
        case .number(let k):
            let pseudonym = value(k, text)
            if case .integer = original, let n = Int64(pseudonym) { return .integer(n) }
            return .string(pseudonym)
        case .resource: return .string(value(.resource, text))
        case .name: return .string(kind == .domain ? value(.domain, text.lowercased()) : value(.name, text))
        case .text(let k): return .string(value(k, text))
        case .cidr: return .string(cidr(text))
        case .nextHop: return .string(nextHop(text))
        case .endpoints:
            return .string(text.split(separator: ",", omittingEmptySubsequences: false).map { endpoint(String($0)) }.joined(separator: ","))
        case .asPath: return .string(asPath(text))
        case .community: return .string(community(text))
        }
    }

    /// A CIDR as the graph holds it: normalised when it parses, else as written.
    mutating func cidr(_ text: String) -> String {
        guard let parsed = CIDR(text) else { return value(.cidrText, text) }
        return value(parsed.family == 4 ? .ipv4 : .ipv6, parsed.text)
    }

    /// A bare IPv4 or IPv6 address, mapped as its host route so it agrees with that CIDR; nil when
    /// `text` is not an address.
    mutating func address(_ text: String) -> String? {
        for (suffix, family, kind) in [("/32", 4, PseudonymKind.ipv4), ("/128", 6, .ipv6)] {
            if let parsed = CIDR(text + suffix), parsed.family == family {
                return String(value(kind, parsed.text).dropLast(suffix.count))
            }
        }
        return nil
    }

    /// A next hop: an address, or the id of a connection.
    mutating func nextHop(_ text: String) -> String {
        if let known = rewrittenHops[text] { return known }
        let result = address(text) ?? value(.resource, text)
        rewrittenHops[text] = result
        return result
    }

    /// `address`, `address:port` or `[v6]:port`, the port kept.
    mutating func endpoint(_ text: String) -> String {
        if text.isEmpty { return text }
        if let mapped = address(text) { return mapped }
        if let colon = text.lastIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            var host = String(text[..<colon])
            let bracketed = host.hasPrefix("[") && host.hasSuffix("]")
            if bracketed { host = String(host.dropFirst().dropLast()) }
            if !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }), let mapped = address(host) {
                return (bracketed ? "[\(mapped)]" : mapped) + ":" + port
            }
        }
        return value(.endpoint, text)
    }

    /// Every AS number in the path replaced; brackets, separators and repetitions kept.
    mutating func asPath(_ text: String) -> String {
        var result = ""
        var digits = ""
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            if !digits.isEmpty { result += value(.asn, digits) }
            digits = ""
            result.append(character)
        }
        if !digits.isEmpty { result += value(.asn, digits) }
        return result
    }

    /// Communities `asn:value` (or `asn:value:value`), separated by spaces, commas or semicolons:
    /// the AS number replaced, the values kept; anything else replaced whole.
    mutating func community(_ text: String) -> String {
        var result = ""
        var token = ""
        func flush(_ rewriter: inout ValueRewriter) {
            if token.isEmpty { return }
            let fields = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            if fields.count == 2, !fields[0].isEmpty, fields[0].allSatisfy({ $0.isASCII && $0.isNumber }) {
                result += rewriter.value(.asn, String(fields[0])) + ":" + fields[1]
            } else {
                result += rewriter.value(.community, token)
            }
            token = ""
        }
        for character in text {
            if character == " " || character == "," || character == ";" {
                flush(&self)
                result.append(character)
            } else {
                token.append(character)
            }
        }
        flush(&self)
        return result
    }
}
