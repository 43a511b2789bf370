/// The inputs of a set of records, ranked in byte order, so that records can be sorted by
/// location with integers: a path compared at every comparison of a sort (with a retain and
/// release of each) was a large part of ordering a directory's routes.
///
/// Records of one input usually come one after another (a JSON Lines file's lines), so the last
/// input is checked before the table of inputs seen.
struct InputRanks {
    private var inputs: [String] = []
    private var index: [String: Int32] = [:]
    private var last: (input: String, id: Int32)?

    /// A number for `input`, the same for every record of that input: an index into `ranks()`.
    mutating func id(of input: String) -> Int32 {
        if let last, last.input == input { return last.id }
        let id: Int32
        if let known = index[input] {
            id = known
        } else {
            id = Int32(inputs.count)
            inputs.append(input)
            index[input] = id
        }
        last = (input, id)
        return id
    }

    /// The rank in byte order of each input, by its id.
    func ranks() -> [Int32] {
        var rank = [Int32](repeating: 0, count: inputs.count)
        for (position, id) in ByteOrder.sortedIndices(inputs).enumerated() { rank[Int(id)] = Int32(position) }
        return rank
    }
}
