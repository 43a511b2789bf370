/// The inputs of one conversion ranked in the order that locations sort by (`InputLocation`:
/// paths as UTF-8 bytes), the same path the same rank.
///
/// Route snapshots that tie on time are built oldest location first. Ranking the inputs once, as
/// they are found, lets that order be taken by integers; ranked later from the routes themselves,
/// it cost hashing every route's path and sorting the paths in the order the routes happened to be
/// held (about a fifth of building a directory's routes, on one core while the other waited).
enum InputOrder {
    /// `ranks[i]` for `files[i]`. Files found under one directory come in this order already, so
    /// the sort mostly confirms it.
    static func ranks(of files: [InputFile]) -> [Int32] {
        let order = ByteOrder.sortedIndices(count: files.count) { files[$0].path }
        var ranks = [Int32](repeating: 0, count: files.count)
        var rank: Int32 = -1
        var previous: String?
        for index in order {
            let path = files[Int(index)].path
            // Bytes, not `String` equality, which takes canonically equivalent paths as one.
            if previous.map({ ByteOrder.compare($0, path) != 0 }) ?? true { rank += 1 }
            ranks[Int(index)] = rank
            previous = path
        }
        return ranks
    }
}
