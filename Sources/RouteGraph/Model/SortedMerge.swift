/// Merges two arrays that are each sorted into one sorted array.
enum SortedMerge {
    /// `a` and `b` merged by `precedes`, `a` first on ties; `precedes` reads elements in place
    /// through pointers, so comparing copies nothing.
    static func merge<T>(_ a: [T], _ b: [T], by precedes: (UnsafePointer<T>, UnsafePointer<T>) -> Bool) -> [T] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var merged = [T]()
        merged.reserveCapacity(a.count + b.count)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let pa = a.baseAddress, let pb = b.baseAddress else { return }
                var i = 0, j = 0
                while i < a.count, j < b.count {
                    // Runs are long (the halves of a graph interleave by source), so a run is
                    // found first and then appended in one go.
                    if precedes(pb + j, pa + i) {
                        var end = j + 1
                        while end < b.count, precedes(pb + end, pa + i) { end += 1 }
                        merged.append(contentsOf: b[j..<end])
                        j = end
                    } else {
                        var end = i + 1
                        while end < a.count, !precedes(pb + j, pa + end) { end += 1 }
                        merged.append(contentsOf: a[i..<end])
                        i = end
                    }
                }
                merged.append(contentsOf: a[i...])
                merged.append(contentsOf: b[j...])
            }
        }
        return merged
    }
}
