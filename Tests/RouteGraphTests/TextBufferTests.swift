import Testing

@testable import RouteGraph

/// The byte-level pieces the text exporters render with: they must give exactly the bytes the
/// `String` forms they replace give.
@Suite("Text buffer and its byte-level renderings")
struct TextBufferTests {
    static func text(_ fill: (inout TextBuffer) -> Void) -> String {
        var buffer = TextBuffer(flushLimit: 0)
        fill(&buffer)
        return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    @Test(
        "integers are written as String(value) spells them",
        arguments: [0, 1, -1, 9, 10, 99, 100, -100, 4_294_967_296, Int64.max, Int64.min, Int64.min + 1])
    func decimals(value: Int64) {
        #expect(Self.text { $0.appendDecimal(value) } == String(value))
    }

    @Test("integers at every power of ten, either side of it and negated, are written as String(value) spells them")
    func decimalsAtEveryLength() {
        var values: [Int64] = [Int64.max, Int64.min, Int64.max - 1]
        var power: Int64 = 1
        for _ in 0...18 {
            values += [power - 1, power, power + 1, power * 7 + 3]
            if power <= Int64.max / 10 { power *= 10 }
        }
        values += values.map { $0 == Int64.min ? $0 : -$0 }
        var generator = DOTBytesTests.SplitMix(state: 0xdec)
        values += (0..<2_000).map { _ in Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64.random(in: 0..<63, using: &generator) }
        for value in values {
            #expect(Self.text { $0.appendDecimal(value) } == String(value))
        }
    }

    @Test("a text and a number joined for a node id are the interpolation's")
    func joinedSuffixes() {
        let texts = ["", "gw-d7ccb48b76fa34c6f767be515e60142b", "网关-1", "a:b", String(repeating: "x", count: 40)]
        let numbers: [Int64] = [0, 7, -7, 1000, 123_456_789, Int64.max, Int64.min]
        for text in texts {
            for number in numbers {
                let joined = DecimalDigits.joined(text, number)
                #expect(joined == "\(text):\(number)")
                #expect(joined.utf8.count == text.utf8.count + 1 + String(number).utf8.count)
            }
        }
    }

    @Test("appends of every length from 0 to 40 bytes, each after an odd number of bytes, keep every byte in order")
    func appendsOfEveryLength() {
        var buffer = TextBuffer(flushLimit: 0)
        var expected: [UInt8] = []
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 31 &* length &+ $0) }
            bytes.withUnsafeBytes { buffer.append($0) }
            expected += bytes
            // One byte between appends, so the copies start at every alignment.
            buffer.append(UInt8(ascii: "|"))
            expected.append(UInt8(ascii: "|"))
        }
        #expect(buffer.withBytes { Array($0) } == expected)
    }

    @Test("a buffer grows past its first block and hands everything on")
    func growsAndFlushes() throws {
        let sink = MemorySink()
        var buffer = TextBuffer(flushLimit: 8)
        let long = String(repeating: "订单-", count: 5000)
        buffer.append(string: long)
        try buffer.flushIfFull(into: sink)
        #expect(buffer.count == 0)
        buffer.append("tail" as StaticString)
        try buffer.flush(into: sink)
        #expect(sink.text == long + "tail")
    }

    @Test(
        "DOT quoting into a buffer is DOTString.quoted",
        arguments: ["plain", "", "a\"b", "a\\N", "a\r\nb", "x&amp;", "\u{0}\u{85}", "订单", "tab\there"])
    func dotQuoting(text: String) {
        #expect(Self.text { DOTString.appendQuoted(text, to: &$0) } == DOTString.quoted(text))
    }

    @Test("CSV fields into a buffer are the fields CSVRow writes, formula safety included")
    func csvFields() {
        let fields = ["plain", "", "a,b", "say \"hi\"", "a\nb", " lead", "trail ", "nul\u{0}", "=cmd", "-5", "+x", "订单"]
        for formulaSafe in [false, true] {
            var row = CSVRow(formulaSafe: formulaSafe)
            for field in fields { row.append(field) }
            let expected = String(decoding: row.finish(), as: UTF8.self)
            var lines = CSVLines(encoding: CSVEncoding(formulaSafe: formulaSafe))
            lines.fields(fields)
            lines.endLine()
            let sink = MemorySink()
            try? lines.finish(into: sink)
            #expect(sink.text == expected)
        }
    }

    @Test("attribute values in CSV are their text")
    func csvValues() {
        let values: [AttributeValue?] = [.integer(-7), .integer(Int64.min), .boolean(true), .boolean(false), .string("=1"), nil]
        for formulaSafe in [false, true] {
            var row = CSVRow(formulaSafe: formulaSafe)
            for value in values { row.append(value?.text) }
            let expected = String(decoding: row.finish(), as: UTF8.self)
            var lines = CSVLines(encoding: CSVEncoding(formulaSafe: formulaSafe))
            for value in values { lines.field(value) }
            lines.endLine()
            let sink = MemorySink()
            try? lines.finish(into: sink)
            #expect(sink.text == expected)
        }
    }

    @Test("a decoration that changes nothing gives the plain diagram's bytes")
    func decoratedPathMatchesPlainPath() {
        let graph = DOTWriterTests.sampleWithParallelEdges()
        var identity = DOTDecoration()
        identity.node = { $1 }
        identity.edge = { $1 }
        #expect(!identity.isPlain)
        let sink = MemorySink()
        try? DOTWriter.emit(graph, decoration: identity, into: sink)
        #expect(sink.text == DOTWriter.render(graph))
    }

    @Test("DOT tooltips of edges are Edge.id, labels Edge.label")
    func edgeText() {
        let graph = DOTWriterTests.sampleWithParallelEdges()
        let text = DOTWriter.render(graph)
        for edge in graph.edges {
            #expect(text.contains("[label=\(DOTString.quoted(edge.label)), tooltip=\(DOTString.quoted(edge.id))"))
        }
    }
}

extension TextBufferTests {
    @Test("edge labels written into a buffer are Edge.label, for every kind and value")
    func edgeLabels() {
        var edges = DOTWriterTests.sampleWithParallelEdges().edges
        for kind in EdgeKind.allCases {
            for attribute in [Attribute.percent, .percentage, .weight] {
                for value: Int64 in [0, 7, -3, Int64.min] {
                    var attributes = Attributes()
                    attributes.set(attribute, value)
                    edges.append(Edge(source: "a", target: "b", kind: kind, attributes: attributes))
                }
            }
            edges.append(Edge(source: "a", target: "b", kind: kind))
        }
        for edge in edges {
            let written = withUnsafePointer(to: edge) { pointer in Self.text { EdgeLabel.append(pointer, to: &$0) } }
            #expect(written == edge.label)
            // GraphML's writer copies labels as plain text, without a scan.
            #expect(PlainTextTests.withBytes(written) { PlainText.isPlain($0) }, "\(written.debugDescription)")
        }
    }
}

extension TextBufferTests {
    @Test("edge label fields in CSV are the label's field, neutralised when asked")
    func csvLabelFields() {
        var attributes = Attributes()
        attributes.set(.percent, Int64(-5))
        let edges = [
            Edge(source: "a", target: "b", kind: .routesTo, attributes: attributes),
            Edge(source: "a", target: "b", kind: .hasRoute),
        ]
        for formulaSafe in [false, true] {
            for edge in edges {
                var row = CSVRow(formulaSafe: formulaSafe)
                row.append(edge.label)
                let expected = String(decoding: row.finish(), as: UTF8.self)
                var lines = CSVLines(encoding: CSVEncoding(formulaSafe: formulaSafe))
                let packed = PackedGraph(RouteGraph(sortedNodes: [], sortedEdges: [edge]))
                lines.labelField(of: packed.edges[0], in: packed)
                lines.endLine()
                let sink = MemorySink()
                try? lines.finish(into: sink)
                #expect(sink.text == expected)
            }
        }
        var safe = CSVRow(formulaSafe: true)
        safe.append(edges[0].label)
        #expect(String(decoding: safe.finish(), as: UTF8.self) == "'-5%\n")
    }
}
