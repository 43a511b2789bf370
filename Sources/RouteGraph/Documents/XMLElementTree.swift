/// The elements of one XML document, held until the whole document is read.
///
/// The tape needs an object's members grouped by name, and a repeated name may recur after other
/// siblings (`<A/><B/><A/>`), so no key can be written before its parent's end tag. Holding the
/// elements costs little: API responses are pages of at most 50 items, kilobytes each. Nodes live
/// in one array linked by index, so a document costs a few allocations, not one per element.
struct ElementTree {
    struct Node {
        var name: String
        /// The element's text while it has no child elements; text beside children is dropped.
        var text = ""
        var isNil = false
        var firstChild = -1
        var lastChild = -1
        var nextSibling = -1

        init(name: String) { self.name = name }
    }

    /// Elements in document order; the root element first.
    private(set) var nodes: [Node] = []

    mutating func append(name: String, parent: Int?) -> Int {
        let index = nodes.count
        nodes.append(Node(name: name))
        if let parent {
            if nodes[parent].firstChild < 0 {
                nodes[parent].firstChild = index
                nodes[parent].text = ""
            } else {
                nodes[nodes[parent].lastChild].nextSibling = index
            }
            nodes[parent].lastChild = index
        }
        return index
    }

    subscript(index: Int) -> Node { nodes[index] }

    /// Adds text to an element that has no child elements yet; once it has, text is ignored.
    mutating func appendText(_ text: String, to index: Int) {
        if nodes[index].firstChild < 0 { nodes[index].text += text }
    }

    mutating func markNil(_ index: Int) {
        nodes[index].isNil = true
    }

    /// The children of an element grouped by name, names in order of first appearance and each
    /// group's members in document order.
    private func groups(of index: Int) -> [(name: String, members: [Int])] {
        var groups: [(name: String, members: [Int])] = []
        var groupOfName: [String: Int] = [:]
        var child = nodes[index].firstChild
        while child >= 0 {
            let name = nodes[child].name
            if let group = groupOfName[name] {
                groups[group].members.append(child)
            } else {
                groupOfName[name] = groups.count
                groups.append((name, [child]))
            }
            child = nodes[child].nextSibling
        }
        return groups
    }

    /// Writes the tape: the root element's content as the root object.
    ///
    /// With an explicit stack rather than recursion, so that a deep document allowed by a raised
    /// depth limit cannot exhaust a worker thread's smaller stack.
    func writeTape() -> TapeStorage {
        let writer = TapeWriter()
        struct Frame {
            let groups: [(name: String, members: [Int])]
            var group = 0
            var member = 0
        }
        writer.startObject()
        // A root element without children (`<Error/>`) still gives an object, as readers expect.
        var stack = [Frame(groups: nodes.isEmpty || nodes[0].isNil ? [] : groups(of: 0))]
        while var frame = stack.last {
            guard frame.group < frame.groups.count else {
                writer.end()
                stack.removeLast()
                continue
            }
            let (name, members) = frame.groups[frame.group]
            let isList = members.count > 1
            if frame.member == members.count {
                if isList { writer.end() }
                frame.group += 1
                frame.member = 0
                stack[stack.count - 1] = frame
                continue
            }
            if frame.member == 0 {
                writer.key(name)
                if isList { writer.startArray() }
            }
            let child = members[frame.member]
            frame.member += 1
            stack[stack.count - 1] = frame
            if nodes[child].isNil {
                writer.null()
            } else if nodes[child].firstChild < 0 {
                writer.string(nodes[child].text)
            } else {
                writer.startObject()
                stack.append(Frame(groups: groups(of: child)))
            }
        }
        return writer.finish()
    }
}
