/// Reads canonical JSON Lines (`graph.jsonl`, as `JSONLinesWriter` writes it) back into a graph,
/// one line at a time, so a file of millions of records is never held in memory whole.
///
/// Lines may come in any order (a concatenation of shard files is fine); a node or edge given on
/// several lines is combined as `GraphUnion` combines graphs, the later line winning. `label` is
/// derived from the other fields and is not read. Gzip-compressed files are read as they are.
///
/// The reader is strict about what it does not understand, because a record it dropped would show
/// up as a removal in a diff: an unknown kind or attribute, an attribute of the wrong element or
/// type, or an id that does not begin with its kind stops the read with a `GraphFileError`
/// naming `path:line`. A `null` attribute value is taken as a missing one.
public struct GraphJSONLinesReader: Sendable {
    /// Bounds a line's size and depth, as for responses, so a damaged file cannot exhaust memory.
    public var limits: InputLimits

    /// A reader within `limits`.
    public init(limits: InputLimits = InputLimits()) { self.limits = limits }

    /// Reads the graph in the file at `path`.
    public func read(path: String) throws(GraphFileError) -> RouteGraph {
        var records = GraphRecordCollector()
        var ids = GraphIdTable()
        let keys = GraphRecordKeys()
        var values = [RepeatedText](repeating: RepeatedText(), count: keys.attributeNames.count)
        try forEachRecord(path: path) { root, location throws(GraphFileError) in
            switch try GraphRecord(root, at: location, ids: &ids, values: &values, keys: keys) {
            case .node(let node): records.add(node)
            case .edge(let edge): records.add(edge)
            }
        }
        return records.graph
    }

    /// Reads a merge's fragment: its VPN edges packed into `block` (`PackedFragmentEdges`), every
    /// other record into the graph, as `read(path:)` reads it. A line is checked as `read(path:)`
    /// checks it, and a bad one stops the read with the same error.
    func readFragment(path: String, block: Int) throws(GraphFileError) -> (graph: RouteGraph, edges: PackedFragmentEdges) {
        var records = GraphRecordCollector()
        var ids = GraphIdTable()
        let keys = GraphRecordKeys()
        var values = [RepeatedText](repeating: RepeatedText(), count: keys.attributeNames.count)
        var packed = PackedFragmentEdges(block: block, attributeCount: keys.attributeNames.count)
        try forEachRecord(path: path) { root, location throws(GraphFileError) in
            let record: GraphRecord
            if root.isObject {
                let members = root.lookUp(keys.members)
                if try Self.packEdge(members, at: location, keys: keys, into: &packed) { return }
                record = try GraphRecord(members: members, at: location, ids: &ids, values: &values, keys: keys)
            } else {
                record = try GraphRecord(root, at: location, ids: &ids, values: &values, keys: keys)  // Says it is no record.
            }
            switch record {
            case .node(let node): records.add(node)
            case .edge(let edge): records.add(edge)
            }
        }
        packed.finish()
        return (records.graph, packed)
    }

    /// Packs the line into `packed` if it is a well-formed VPN edge, as far as its members go
    /// (its attributes are checked as they are packed); false leaves it to `GraphRecord`, which
    /// reads it or says what is wrong with it.
    private static func packEdge(
        _ members: ObjectMembers<GraphRecordMember>, at location: InputLocation, keys: GraphRecordKeys,
        into packed: inout PackedFragmentEdges
    ) throws(GraphFileError) -> Bool {
        guard let type = members[.type]?.stringBytes, GraphRecordKeys.spell(type, "edge"),
            let kindName = members[.kind]?.stringBytes, let kind = keys.edgeKind(kindName), PackedFragmentEdges.packs(kind),
            let source = members[.source]?.stringBytes, !source.isEmpty,
            let target = members[.target]?.stringBytes, !target.isEmpty
        else { return false }
        try packed.add(
            kind: kind, source: source, target: target, key: members[.key]?.stringBytes, attributes: members[.attributes],
            names: keys.attributeNames, at: location)
        return true
    }

    /// Calls `body` with each line's parsed root, in order; the first bad line stops the read.
    private func forEachRecord(path: String, _ body: (Element, InputLocation) throws(GraphFileError) -> Void) throws(GraphFileError) {
        let parser = JSONParser(maxDepth: limits.maxDepth)
        var failure: GraphFileError?
        let stream = DocumentStream(file: InputFile(path: path), limits: limits, alwaysLines: true)
        do throws(InputError) {
            try stream.read(
                handle: { bytes, capacity, location in
                    guard failure == nil else { return }
                    do throws(GraphFileError) {
                        let tape: Tape
                        do throws(DocumentError) {
                            tape = try parser.parse(bytes, capacity: capacity)
                        } catch {
                            throw .invalidLine(location, reason: error.message)
                        }
                        try body(tape.root, location)
                    } catch {
                        failure = error
                    }
                },
                reject: { rejection in
                    if failure == nil { failure = .invalidLine(rejection.location, reason: rejection.reason) }
                })
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        if let failure { throw failure }
    }

    /// True when the file at `path` (gzip or not) begins with a canonical node or edge record: a
    /// JSON object on the first line with `type` `node` or `edge`, a `kind` and an `attributes`
    /// object. Only the first line is read (up to 1 MiB); anything unreadable is not a graph file.
    public static func isGraphFile(path: String) -> Bool {
        guard path != "-", let line = firstLine(of: path, limit: 1 << 20) else { return false }
        // Copied out while the bytes are borrowed: a view of them must not outlive the closure.
        let text = line.withUnsafeBytes { Array(ByteText.trimmed(ByteText.withoutBOM($0))) }
        guard text.first == UInt8(ascii: "{") else { return false }
        // The tape lives in its parser, so the parser must outlive every look at the tape.
        let parser = JSONParser()
        return withExtendedLifetime(parser) {
            guard let tape = try? parser.parse(String(decoding: text, as: UTF8.self)) else { return false }
            let root = tape.root
            guard let type = root["type"]?.string, type == "node" || type == "edge" else { return false }
            return root["kind"]?.isString == true && root["attributes"]?.isObject == true
        }
    }

    /// The bytes of the first line, without its line end; nil when the file cannot be read or the
    /// line is longer than `limit`.
    private static func firstLine(of path: String, limit: Int) -> [UInt8]? {
        guard let file = try? FileByteSource(path: path) else { return nil }
        var source: ByteSource = file
        var line: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        var first = true
        while line.count <= limit {
            guard let n = try? source.read(into: chunk) else { return nil }
            if n == 0 { return line }
            var bytes = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
            if first, n >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
                guard let gzip = try? GzipByteSource(file, path: path, pending: Array(bytes)) else { return nil }
                source = gzip
                first = false
                continue
            }
            first = false
            if let newline = bytes.firstIndex(of: 0x0A) {
                bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<newline])
                line.append(contentsOf: bytes)
                return line
            }
            line.append(contentsOf: bytes)
        }
        return nil
    }
}

/// One line of `graph.jsonl`, decoded.
enum GraphRecord {
    case node(Node)
    case edge(Edge)

    /// The record of a line; ids, edge ends and keys are taken from `ids`, string values that
    /// repeat the last of their attribute from `values` (by `GraphAttributeNames.Entry.number`),
    /// members and attributes found by `keys`.
    init(
        _ root: Element, at location: InputLocation, ids: inout GraphIdTable, values: inout [RepeatedText], keys: GraphRecordKeys
    ) throws(GraphFileError) {
        guard root.isObject else { throw .notARecord(location, reason: "the line is not a JSON object") }
        try self.init(members: root.lookUp(keys.members), at: location, ids: &ids, values: &values, keys: keys)
    }

    /// The record of a line whose root is an object with `members`.
    init(
        members: ObjectMembers<GraphRecordMember>, at location: InputLocation, ids: inout GraphIdTable,
        values: inout [RepeatedText], keys: GraphRecordKeys
    ) throws(GraphFileError) {
        func bytes(_ member: GraphRecordMember) throws(GraphFileError) -> UnsafeBufferPointer<UInt8> {
            guard let bytes = members[member]?.stringBytes else {
                throw .notARecord(location, reason: "'\(member)' is missing or not a string")
            }
            return bytes
        }
        let type = try bytes(.type)
        if GraphRecordKeys.spell(type, "node") {
            let idBytes = try bytes(.id)
            let id = ids.string(idBytes)
            let kindName = try bytes(.kind)
            guard let (kind, isItsId) = keys.nodeKind(kindName, id: idBytes) else {
                throw .notARecord(location, reason: "unknown node kind '\(String(decoding: kindName, as: UTF8.self))'")
            }
            guard isItsId else {
                throw .notARecord(location, reason: "node id '\(id)' does not begin with its kind, '\(kind.idPrefix)'")
            }
            let attributes = try GraphRecord.attributes(
                members[.attributes], onNodes: true, names: keys.attributeNames, values: &values, at: location)
            self = .node(Node(id: id, kind: kind, attributes: attributes))
        } else if GraphRecordKeys.spell(type, "edge") {
            let source = ids.source(try bytes(.source)), target = ids.string(try bytes(.target))
            let kindName = try bytes(.kind)
            guard let kind = keys.edgeKind(kindName) else {
                throw .notARecord(location, reason: "unknown edge kind '\(String(decoding: kindName, as: UTF8.self))'")
            }
            guard !source.isEmpty, !target.isEmpty else {
                throw .notARecord(location, reason: "an edge needs a source and a target")
            }
            // `key` is always written; an edge from a tool that leaves it out has none.
            let key = members[.key]?.stringBytes.map { ids.string($0) } ?? ""
            let attributes = try GraphRecord.attributes(
                members[.attributes], onNodes: false, names: keys.attributeNames, values: &values, at: location)
            self = .edge(Edge(source: source, target: target, kind: kind, key: key, attributes: attributes))
        } else {
            throw .notARecord(location, reason: "'type' is '\(String(decoding: type, as: UTF8.self))', not 'node' or 'edge'")
        }
    }

    private static func attributes(
        _ object: Element?, onNodes: Bool, names: GraphAttributeNames, values: inout [RepeatedText], at location: InputLocation
    ) throws(GraphFileError) -> Attributes {
        var attributes = Attributes(capacity: object.map { $0.isObject ? $0.count : 0 } ?? 0)
        try forEachAttribute(of: object, onNodes: onNodes, names: names, at: location) { attribute, number, value in
            switch value {
            case .string(let bytes): attributes[attribute] = .string(values[number].text(bytes))
            case .integer(let i): attributes[attribute] = .integer(i)
            case .boolean(let b): attributes[attribute] = .boolean(b)
            }
        }
        return attributes
    }

    /// A value of `attributes` as a line holds it: a string's bytes are the line's, valid while it
    /// is read.
    enum LineValue {
        case string(UnsafeBufferPointer<UInt8>)
        case integer(Int64)
        case boolean(Bool)
    }

    /// Calls `body` with each attribute of the `attributes` object, in the line's order, its
    /// number (`GraphAttributeNames.Entry.number`) and its value checked against its type; a
    /// `null` value is skipped. The one place the form of an attribute is checked, for records
    /// made as values and records packed as they are read alike.
    static func forEachAttribute(
        of object: Element?, onNodes: Bool, names: GraphAttributeNames, at location: InputLocation,
        _ body: (Attribute, Int, LineValue) throws(GraphFileError) -> Void
    ) throws(GraphFileError) {
        guard let object, object.isObject else {
            throw .notARecord(location, reason: "'attributes' is missing or not an object")
        }
        try object.forEachMember { (key, value) throws(GraphFileError) in
            func name() -> String { String(decoding: key, as: UTF8.self) }
            guard let entry = names.entry(named: key) else {
                throw .badAttribute(location, name: name(), reason: "is not an attribute of the canonical graph")
            }
            guard onNodes ? entry.onNodes : entry.onEdges else {
                throw .badAttribute(location, name: name(), reason: "does not belong on this kind of element")
            }
            if value.isNull { return }
            let attribute = entry.attribute
            switch attribute.type {
            case .string:
                guard let bytes = value.stringBytes else { throw .badAttribute(location, name: name(), reason: "must be a string") }
                try body(attribute, entry.number, .string(bytes))
            case .int, .long:
                // Numbers only: `int64` would also accept digits in a string, which the form never writes.
                guard !value.isString, let i = value.int64 else {
                    throw .badAttribute(location, name: name(), reason: "must be an integer")
                }
                try body(attribute, entry.number, .integer(i))
            case .boolean:
                guard value.type == .true || value.type == .false else {
                    throw .badAttribute(location, name: name(), reason: "must be true or false")
                }
                try body(attribute, entry.number, .boolean(value.type == .true))
            }
        }
    }
}
