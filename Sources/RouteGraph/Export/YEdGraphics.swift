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

    /// The fill colour of a node kind: the DOT fill, in the upper case yEd writes.
    static func fill(_ kind: NodeKind) -> String {
        switch kind {
        case .gateway: "#9FC5E8"
        case .route: "#FFF2CC"
        case .service: "#D9EAD3"
        case .domain: "#FCE5CD"
        case .ipsec: "#D9D2E9"
        case .tunnel: "#EAD1DC"
        case .cidr: "#EEEEEE"
        }
    }

    /// The number of characters (grapheme clusters, as `String.count` counts them) of the valid
    /// UTF-8 `label`. ASCII without CR (which joins a following LF) is one character per byte, the
    /// rule; other labels are counted as a String.
    static func characterCount(utf8 label: UnsafeBufferPointer<UInt8>) -> Int {
        var other: UInt8 = 0
        for byte in label { other |= (byte >= 0x80 ? 1 : 0) | (byte == 0x0D ? 1 : 0) }
        return other == 0 ? label.count : String(decoding: label, as: UTF8.self).count
    }

    static func writeNode(_ node: PackedNode, of graph: PackedGraph, at position: (x: Int, y: Int), to xml: inout XMLStreamWriter) throws(OutputError) {
        let label = graph.text(node.label)
        // Wide enough for the label in yEd's default 12-point font, within reason.
        let width = min(300, max(80, characterCount(utf8: label) * 7 + 20))
        try xml.startElement("data")
        try xml.attribute("key", nodeKey)
        try xml.startElement("y:ShapeNode")
        try xml.startElement("y:Geometry")
        try xml.attribute("x", pointZero: position.x)
        try xml.attribute("y", pointZero: position.y)
        try xml.attribute("width", pointZero: width)
        try xml.attribute("height", "30.0")
        try xml.endElement()
        try xml.startElement("y:Fill")
        try xml.attribute("color", fill(node.kind))
        try xml.attribute("transparent", "false")
        try xml.endElement()
        try xml.startElement("y:BorderStyle")
        try xml.attribute("color", "#000000")
        try xml.attribute("type", "line")
        try xml.attribute("width", "1.0")
        try xml.endElement()
        try xml.startElement("y:NodeLabel")
        try xml.text(utf8: label)
        try xml.endElement()
        try xml.startElement("y:Shape")
        try xml.attribute("type", shape(node.kind))
        try xml.endElement()
        try xml.endElement()  // y:ShapeNode
        try xml.endElement()  // data
    }

    /// An edge's graphics: its kind's line and `label`, the edge label's bytes.
    static func writeEdge(_ kind: EdgeKind, label: UnsafeBufferPointer<UInt8>, to xml: inout XMLStreamWriter) throws(OutputError) {
        try xml.startElement("data")
        try xml.attribute("key", edgeKey)
        try xml.startElement("y:PolyLineEdge")
        try xml.startElement("y:LineStyle")
        try xml.attribute("color", lineColor(kind))
        try xml.attribute("type", lineType(kind))
        try xml.attribute("width", "1.0")
        try xml.endElement()
        try xml.startElement("y:Arrows")
        try xml.attribute("source", "none")
        try xml.attribute("target", "standard")
        try xml.endElement()
        try xml.startElement("y:EdgeLabel")
        try xml.text(utf8: label)
        try xml.endElement()
        try xml.endElement()  // y:PolyLineEdge
        try xml.endElement()  // data
    }
}
