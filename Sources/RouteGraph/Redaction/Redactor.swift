/// Replaces every account-specific value of a graph with a stable pseudonym, keeping the graph's
/// shape, so a diagram can be shared outside the company (as inframap's `prune` does for
/// Terraform state).
///
/// What is replaced, and by what (see `Attribute.redaction` for the full list):
/// - resource ids (gateways, IPsec connections, tunnels, next hops naming a connection) by
///   `gw-redacted-3f9a2c1d`, keeping the resource type the id starts with;
/// - numeric ids (gatewayId, routeId, serviceId, domainId) by nine-digit numbers, a table each;
/// - domains by `d-3f9a2c1d.example` (`*.` kept for wildcards);
/// - IPv4 CIDRs and addresses by addresses in 10.0.0.0/8, IPv6 in 2001:db8::/32, prefix length
///   kept; default routes (`0.0.0.0/0`, `::/0`) kept; endpoint ports kept;
/// - names, namespaces, groups, descriptions, path matches, inputs and request ids by
///   `name-…`, `namespace-…`, `group-…`, `description-…`, `/path-…`, `input-…`, `request-…`;
/// - AS numbers in AS paths and communities (the first field of each community) by private AS
///   numbers (RFC 6996), 16-bit for 16-bit: they name the account's own network and its peers;
///   reserved and well-known numbers (65535 communities) stay, as do community values.
///
/// Kept as they are: enumerations (status, protocol, entry type, …), numbers that are not ids
/// (percent, weight, port, counts, prefix length) and times.
///
/// Canonical ids are rebuilt from the pseudonyms of their parts, so edges still meet their nodes,
/// `domain:` ids stay lower case and `cidr:` ids normalised; pseudonyms are one-to-one, so node and
/// edge counts by kind and every node's degree are unchanged.
public struct Redactor: Sendable {
    let hmac: HMACSHA256

    /// A redactor whose pseudonyms are keyed hashes (HMAC-SHA256) under `key`: the same key gives
    /// the same pseudonyms in every run.
    public init(key: RedactionKey) {
        hmac = HMACSHA256(key: key.bytes)
    }

    /// `graph` with every account-specific value replaced.
    public func redact(_ graph: consuming RouteGraph) -> RouteGraph {
        // Two passes through one rewriting code path: the first only registers the values met,
        // so pseudonyms can be assigned over the whole set before the second pass uses them.
        // Nodes and edges are read in place (`for edge in edges` copied each, four retains and
        // four releases), and the second pass moves each edge out as it rewrites it, so the
        // original is let go at once and the two graphs are never held whole side by side.
        var collector = ValueRewriter(hmac: hmac)
        graph.nodes.withUnsafeBufferPointer { nodes in for i in nodes.indices { collector.register(nodes[i]) } }
        graph.edges.withUnsafeBufferPointer { edges in for i in edges.indices { collector.register(edges[i]) } }
        var rewriter = collector.assigned()
        let nodes = graph.nodes.withUnsafeBufferPointer { nodes in nodes.indices.map { rewriter.node(nodes[$0]) } }
        var originals = graph.takeEdges()
        let edges = originals.withUnsafeMutableBufferPointer { originals in
            originals.indices.map { rewriter.edge(Edge.take(&originals[$0])) }
        }
        return RouteGraph(nodes: nodes, edges: edges)
    }
}
