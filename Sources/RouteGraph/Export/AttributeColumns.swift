/// The attribute columns of a format in order, and a walk over a row's attributes in that order
/// that reads each value where it is.
///
/// Looking each column up with `attributes[column]` scans the row once per column and copies
/// every value found (a retain and a release of its string); over a million rows that was a large
/// part of the writing time. Rows almost always hold their attributes in column order already
/// (they are built that way), so `forEachPresent` checks that once, by tag, and then visits the
/// values in place; other rows take the lookups.
struct AttributeColumns: Sendable {
    /// The columns, in order.
    let attributes: [Attribute]
    /// The column of each attribute by its case index, -1 where it is not one.
    private let columnOfCase: [Int16]

    init(_ attributes: [Attribute]) {
        self.attributes = attributes
        CaseTag.checkPlain(Attribute.self)
        var columns = [Int16](repeating: -1, count: Attribute.allCases.count)
        for (caseIndex, attribute) in Attribute.allCases.enumerated() {
            if let column = attributes.firstIndex(of: attribute) { columns[caseIndex] = Int16(column) }
        }
        columnOfCase = columns
    }

    static let node = AttributeColumns(Attribute.nodeAttributes)
    static let edge = AttributeColumns(Attribute.edgeAttributes)

    /// The column of `attribute`, or -1.
    @inline(__always)
    func column(of attribute: Attribute) -> Int { Int(columnOfCase[CaseTag.of(attribute)]) }

    /// Calls `body` with the column and value of every attribute of `attributes` that is one of the
    /// columns, in column order.
    @inline(__always)
    func forEachPresent(in attributes: Attributes, _ body: (Int, AttributeValue) -> Void) {
        var last = -1
        var inOrder = true
        attributes.forEach { attribute, _ in
            let column = column(of: attribute)
            if column >= 0 {
                if column <= last { inOrder = false }
                last = column
            }
        }
        if inOrder {
            attributes.forEach { attribute, value in
                let column = column(of: attribute)
                if column >= 0 { body(column, value) }
            }
        } else {
            for (column, attribute) in self.attributes.enumerated() {
                if let value = attributes[attribute] { body(column, value) }
            }
        }
    }
}
