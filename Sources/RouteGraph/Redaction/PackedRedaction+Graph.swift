/// Making the redacted graph from the values' results: the nodes sorted by their new ids, then
/// the nodes and the edges (in their new order) made on a core each.
extension PackedRedaction {
    /// The bytes of `span`, of the graph or of the new text.
    private func bytes(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> {
        guard span.block == textBlock else { return graph.text(span) }
        let start = UnsafePointer(text.base) + span.offset
        guard span.isLong else { return UnsafeBufferPointer(start: start, count: span.rawCount) }
        return UnsafeBufferPointer(start: start, count: Int(UnsafeRawPointer(start - 8).loadUnaligned(as: UInt64.self)))
    }

    private func resultSpan(_ index: Int32) -> ByteSpan { ByteSpan(bits: values[index].result) }

    /// The nodes sorted by their new ids, then the nodes and the edges (in their new order) made
    /// on a core each, with an attribute block each; labels that are neither a name nor part of an
    /// id go in a text block of the nodes' own, so that the edges' sort can read the new text
    /// while the nodes are made.
    consuming func redactedGraph() -> PackedGraph {
        let newIds = nodeIds.map { resultSpan($0) }
        var order = Array(0..<Int32(graph.nodes.count))
        order.sort { compare(newIds[Int($0)], newIds[Int($1)]) < 0 }
        // `position` takes an old node index to its new one.
        var position = [Int32](repeating: 0, count: order.count)
        for (k, old) in order.enumerated() { position[Int(old)] = Int32(k) }
        let (me, nodeOrder, positions) = (self, order, position)
        let (nodes, edges) = Self.halves(
            graph.edges.count, { me.nodes(in: nodeOrder, newIds: newIds) }, { me.edges(position: positions, newIds: newIds) })
        return PackedGraph(
            nodes: nodes.records.value, edges: edges.records.value, byteBlocks: graph.byteBlocks + [text, nodes.labels],
            attributeBlocks: [nodes.attributes, edges.attributes])
    }

    private func nodes(in order: [Int32], newIds: [ByteSpan])
        -> (records: Shared<UnsafeMutableBufferPointer<PackedNode>>, attributes: GrowingBuffer<PackedAttribute>, labels: GrowingBuffer<UInt8>)
    {
        let nodes = graph.nodes
        var attributes = GrowingBuffer<PackedAttribute>(capacity: Int(nodeValueStarts.last ?? 0) + nodes.count)
        var labels = GrowingBuffer<UInt8>()
        let records = UnsafeMutableBufferPointer<PackedNode>.allocate(capacity: nodes.count)
        for (k, old) in order.enumerated() {
            let node = nodes[Int(old)]
            let run = copy(node.attributes, values: Int(nodeValueStarts[Int(old)]), into: &attributes, block: 0)
            let id = newIds[Int(old)]
            let label = label(of: node.kind, id: id, attributes: run, in: attributes, labels: &labels)
            (records.baseAddress! + k).initialize(to: PackedNode(id: id, label: label, attributes: run, kind: node.kind))
        }
        return (Shared(records), attributes, labels)
    }

    private func edges(position: [Int32], newIds: [ByteSpan])
        -> (records: Shared<UnsafeMutableBufferPointer<PackedEdge>>, attributes: GrowingBuffer<PackedAttribute>)
    {
        let edges = graph.edges
        let end = { (node: Int32, value: Int32) -> (ByteSpan, Int32) in
            node >= 0 ? (newIds[Int(node)], position[Int(node)]) : (self.resultSpan(value), -1)
        }
        var attributes = GrowingBuffer<PackedAttribute>(capacity: graph.attributeCount)
        let records = UnsafeMutableBufferPointer<PackedEdge>.allocate(capacity: edges.count)
        for (k, old) in edgeOrder(position: position, newIds: newIds).enumerated() {
            let i = Int(old)
            let edge = edges[i]
            let (source, sourceNode) = end(edge.sourceNode, edgeSources[i])
            let (target, targetNode) = end(edge.targetNode, edgeTargets[i])
            let run = copy(edge.attributes, values: Int(edgeValueStarts[i]), into: &attributes, block: 1)
            (records.baseAddress! + k).initialize(
                to: PackedEdge(
                    source: source, target: target, key: edgeKeys[i] < 0 ? edge.key : resultSpan(edgeKeys[i]),
                    sourceNode: sourceNode, targetNode: targetNode, attributes: run, kind: edge.kind))
        }
        return (Shared(records), attributes)
    }

    /// The attributes of `run`, each redacted one taking its value's result (the values from
    /// `first` on in `attributeValues`), appended in the same order.
    private func copy(_ run: AttributeRun, values first: Int, into attributes: inout GrowingBuffer<PackedAttribute>, block: UInt16) -> AttributeRun {
        let start = attributes.count
        var next = first
        for attribute in graph.attributes(run) {
            guard Self.redacts[CaseTag.of(attribute.attribute)] else {
                attributes.append(attribute)
                continue
            }
            let value = values[attributeValues[next]]
            next += 1
            attributes.append(PackedAttribute(payload: value.result, attribute: attribute.attribute, tag: value.resultTag))
        }
        precondition(attributes.count <= Int(UInt32.max), "packed graph of more than 4G attribute values")
        return AttributeRun(first: UInt32(start), count: UInt16(attributes.count - start), block: block)
    }

    /// `Node.label`'s span: the name where the kind has one, else the id after its kind's prefix.
    private func label(of kind: NodeKind, id: ByteSpan, attributes run: AttributeRun, in attributes: GrowingBuffer<PackedAttribute>,
                       labels: inout GrowingBuffer<UInt8>) -> ByteSpan {
        if kind == .route || kind == .service || kind == .domain {
            for i in Int(run.first)..<Int(run.first) + Int(run.count) {
                let attribute = attributes[i]
                if attribute.attribute == .name, attribute.tag == .string, !bytes(attribute.span).isEmpty { return attribute.span }
            }
        }
        let idBytes = bytes(id)
        let prefixCount = kind.idPrefix.utf8.count
        // Dropping the prefix's characters drops as many bytes when every byte up to and including
        // the first kept one is ASCII other than CR (which joins a following LF), as in `NodeLabel`.
        if !id.isLong, idBytes.count >= prefixCount, !idBytes.prefix(prefixCount + 1).contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
            let tail = UnsafeBufferPointer(rebasing: idBytes[prefixCount...])
            return ByteSpan(start: id.rawStart + prefixCount, count: tail.count, isPlain: PlainText.isPlain(tail))
        }
        let label = String(String(decoding: idBytes, as: UTF8.self).dropFirst(kind.idPrefix.count))
        var copy = label
        return copy.withUTF8 { labels.appendText($0, start: ByteSpan.blockStart(textBlock + 1)) }
    }

    /// The edges' old indices in canonical order of the redacted edges: by the new positions of
    /// their ends, then kind, then the rank of the new key, as `RouteGraph(nodes:edges:)` orders
    /// them; by the bytes of their ends where one is not a node.
    private func edgeOrder(position: [Int32], newIds: [ByteSpan]) -> [Int32] {
        let edges = graph.edges
        let keyRanks = self.keyRanks()
        guard !edgeSources.contains(where: { $0 >= 0 }) && !edgeTargets.contains(where: { $0 >= 0 }) else {
            return bytewiseEdgeOrder(newIds: newIds, keyRanks: keyRanks)
        }
        let ranks = edges.indices.map { i in
            let edge = edges[i]
            let key = edgeKeys[i] < 0 ? 0 : keyRanks[Int(edgeKeys[i])]
            return EdgeRank(source: UInt32(position[Int(edge.sourceNode)]), target: UInt32(position[Int(edge.targetNode)]), kind: edge.kind, key: key, index: Int32(i))
        }
        return EdgeRank.order(ranks)
    }

    /// The rank of each key value's result among all keys' results, by index of value (0 for
    /// values that are no keys, and for the empty key): equal texts rank equal.
    private func keyRanks() -> [UInt32] {
        var ranks = [UInt32](repeating: 0, count: values.values.count)
        var keys = values.values.indices.filter { if case .key = values.values[$0].origin { true } else { false } }
        keys.sort { compare(resultSpan(Int32($0)), resultSpan(Int32($1))) < 0 }
        var rank: UInt32 = 0
        for (k, index) in keys.enumerated() {
            if k == 0 || compare(resultSpan(Int32(keys[k - 1])), resultSpan(Int32(index))) != 0 { rank += 1 }
            ranks[index] = rank
        }
        return ranks
    }

    /// The canonical order compared by bytes, for graphs with an edge to a node they lack.
    private func bytewiseEdgeOrder(newIds: [ByteSpan], keyRanks: [UInt32]) -> [Int32] {
        let edges = graph.edges
        let end = { (node: Int32, value: Int32) -> ByteSpan in node >= 0 ? newIds[Int(node)] : self.resultSpan(value) }
        var order = Array(0..<Int32(edges.count))
        order.sort { a, b in
            let (i, j) = (Int(a), Int(b))
            let (x, y) = (edges[i], edges[j])
            let s = compare(end(x.sourceNode, edgeSources[i]), end(y.sourceNode, edgeSources[j]))
            if s != 0 { return s < 0 }
            let t = compare(end(x.targetNode, edgeTargets[i]), end(y.targetNode, edgeTargets[j]))
            if t != 0 { return t < 0 }
            if x.kind != y.kind { return x.kind.canonicalRank < y.kind.canonicalRank }
            let (k1, k2) = (edgeKeys[i] < 0 ? 0 : keyRanks[Int(edgeKeys[i])], edgeKeys[j] < 0 ? 0 : keyRanks[Int(edgeKeys[j])])
            return k1 != k2 ? k1 < k2 : a < b
        }
        return order
    }

    private func compare(_ a: ByteSpan, _ b: ByteSpan) -> Int { ByteOrder.compare(bytes(a), bytes(b)) }
}
