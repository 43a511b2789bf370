/// The yFiles graphics of the yEd GraphML style: one shape and fill colour per node kind (the
/// colours of the DOT output, so both pictures read alike) and line styles per edge kind.
///
/// yEd does not lay out a file on opening, so every node gets a starting position: one column per
/// node kind, in the order of `NodeKind.allCases` (gateways, routes, services, domains, then the VPN
/// side), nodes stacked in graph order. Layout → Hierarchical in yEd then gives the real picture.
enum YEdGraphics {
    /// yFiles' GraphML extension namespace, bound to the prefix `y`.
    static let namespace = "http://www.yworks.com/xml/graphml"
    static let nodeKey = "n_graphics"
    static let edgeKey = "e_graphics"

    /// A yEd `ShapeNode` shape type.
    static func shape(_ kind: NodeKind) -> String {
        switch kind {
        case .gateway: "rectangle3d"
        case .route: "roundrectangle"
        case .service: "rectangle"
        case .domain: "parallelogram"
        case .ipsec: "hexagon"
        case .tunnel: "octagon"
        case .cidr: "trapezoid"
        }
    }

    /// The yEd line type of an edge kind: fallbacks dashed and mirrors dotted, as in DOT.
    static func lineType(_ kind: EdgeKind) -> String {
        switch kind {
        case .fallsBackTo: "dashed"
        case .mirrorsTo: "dotted"
        default: "line"
        }
    }

    static func lineColor(_ kind: EdgeKind) -> String {
        kind == .hasRoute || kind == .hasTunnel ? "#888888" : "#000000"
    }

    /// Declares the two graphics keys; yEd finds them by `yfiles.type`, not by id.
    static func writeKeys(to xml: inout XMLStreamWriter) throws(OutputError) {
        for (id, domain, type) in [(nodeKey, "node", "nodegraphics"), (edgeKey, "edge", "edgegraphics")] {
            try xml.startElement("key")
            try xml.attribute("id", id)
            try xml.attribute("for", domain)
            try xml.attribute("yfiles.type", type)
            try xml.endElement()
        }
    }

    /// Tracks the next free position of each kind's column.
    struct Placement {
        private var rows: [NodeKind: Int] = [:]

        mutating func next(_ kind: NodeKind) -> (x: Int, y: Int) {
            let row = rows[kind, default: 0]
            rows[kind] = row + 1
            return (NodeKind.allCases.firstIndex(of: kind)! * 320, row * 50)
        }
    }

    static func writeNode(_ node: Node, at position: (x: Int, y: Int), to xml: inout XMLStreamWriter) throws(OutputError) {
        let label = node.label
        // Wide enough for the label in yEd's default 12-point font, within reason.
        let width = min(300, max(80, label.count * 7 + 20))
        try xml.startElement("data")
        try xml.attribute("key", nodeKey)
        try xml.startElement("y:ShapeNode")
        try xml.startElement("y:Geometry")
        try xml.attribute("x", "\(position.x).0")
        try xml.attribute("y", "\(position.y).0")
        try xml.attribute("width", "\(width).0")
        try xml.attribute("height", "30.0")
        try xml.endElement()
        try xml.startElement("y:Fill")
        try xml.attribute("color", DOTStyle.fill(node.kind).uppercased())
        try xml.attribute("transparent", "false")
        try xml.endElement()
        try xml.startElement("y:BorderStyle")
        try xml.attribute("color", "#000000")
        try xml.attribute("type", "line")
        try xml.attribute("width", "1.0")
        try xml.endElement()
        try xml.startElement("y:NodeLabel")
        try xml.text(label)
        try xml.endElement()
        try xml.startElement("y:Shape")
        try xml.attribute("type", shape(node.kind))
        try xml.endElement()
        try xml.endElement()  // y:ShapeNode
        try xml.endElement()  // data
    }

    static func writeEdge(_ edge: Edge, to xml: inout XMLStreamWriter) throws(OutputError) {
        try xml.startElement("data")
        try xml.attribute("key", edgeKey)
        try xml.startElement("y:PolyLineEdge")
        try xml.startElement("y:LineStyle")
        try xml.attribute("color", lineColor(edge.kind))
        try xml.attribute("type", lineType(edge.kind))
        try xml.attribute("width", "1.0")
        try xml.endElement()
        try xml.startElement("y:Arrows")
        try xml.attribute("source", "none")
        try xml.attribute("target", "standard")
        try xml.endElement()
        try xml.startElement("y:EdgeLabel")
        try xml.text(edge.label)
        try xml.endElement()
        try xml.endElement()  // y:PolyLineEdge
        try xml.endElement()  // data
    }
}
