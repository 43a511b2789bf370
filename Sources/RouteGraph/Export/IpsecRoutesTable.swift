/// `ipsec-routes.csv`: one row per IPsec route entry (a `ROUTES` edge). `tunnels` lists the
/// connection's tunnels that are next hop for the entry (`NEXT_HOP_FOR` edges with the entry's key
/// from tunnels the connection has). Columns are documented in `Schemas/ipsec-routes.row.schema.json`.
enum IpsecRoutesTable: FlatTable {
    static let fileName = "ipsec-routes.csv"

    static let columns = [
        "connection", "cidr", "entryType", "nextHop", "tunnels", "weight", "state", "routeSource", "asPath",
        "community", "createdAt",
    ]

    static func rows(_ graph: RouteGraph) -> [[String?]] {
        let index = GraphIndex(graph)
        var rows: [[String?]] = []
        for edge in graph.edges where edge.kind == .routes {
            let a = edge.attributes
            let tunnels = index.edges(from: edge.source, .hasTunnel).compactMap { has -> String? in
                let nextHop = index.edges(from: has.target, .nextHopFor).contains {
                    $0.target == edge.target && $0.key == edge.key
                }
                return nextHop ? String(has.target.dropFirst(NodeKind.tunnel.idPrefix.count)) : nil
            }
            let cidr =
                graph.node(id: edge.target)?.attributes[.cidr]?.text
                ?? String(edge.target.dropFirst(NodeKind.cidr.idPrefix.count))
            rows.append([
                String(edge.source.dropFirst(NodeKind.ipsec.idPrefix.count)), cidr, a[.entryType]?.text,
                a[.nextHop]?.text, tunnels.joined(separator: ";"), a[.weight]?.text, a[.state]?.text,
                a[.routeSource]?.text, a[.asPath]?.text, a[.community]?.text, a[.createdAt]?.text,
            ])
        }
        return rows
    }
}
