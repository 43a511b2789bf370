/// Visiting array elements where they are. Passing `array[i]` to a function, or iterating with
/// `for x in array`, copies each element out, which for a `Node` or an `Edge` is a retain of every
/// string and of the attributes, and a release after: a fifth of the writing time on a large
/// graph. Through a pointer an element's fields are read where they are (`edge.pointee.source`),
/// which is what the writers do.
enum InPlace {
    /// Calls `body` with the elements of `array` from `start`, at most `limit` of them, each in place;
    /// returns the index after the last one visited. Writers visit a block, then flush.
    @inline(__always)
    static func visit<T>(_ array: [T], from start: Int, limit: Int = 1024, _ body: (UnsafePointer<T>) -> Void) -> Int {
        let end = min(array.count, start + limit)
        array.withUnsafeBufferPointer { elements in
            guard let base = elements.baseAddress else { return }
            for i in start..<end { body(base + i) }
        }
        return end
    }

    /// `visit`, with each element's index.
    @inline(__always)
    static func visitIndexed<T>(_ array: [T], from start: Int, limit: Int = 1024, _ body: (Int, UnsafePointer<T>) -> Void)
        -> Int
    {
        let end = min(array.count, start + limit)
        array.withUnsafeBufferPointer { elements in
            guard let base = elements.baseAddress else { return }
            for i in start..<end { body(i, base + i) }
        }
        return end
    }
}
