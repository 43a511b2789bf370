/// Visiting array elements where they are. Passing `array[i]` to a function, or iterating with
/// `for x in array`, copies each element out, which for a `Node` or an `Edge` is a retain of every
/// string and of the attributes, and a release after: a fifth of the writing time on a large
/// graph. Through a buffer pointer an element is lent, not copied.
enum InPlace {
    /// Calls `body` with the elements of `array` from `start`, at most `limit` of them, each in place;
    /// returns the index after the last one visited. Writers visit a block, then flush.
    @inline(__always)
    static func visit<T>(_ array: [T], from start: Int, limit: Int = 1024, _ body: (borrowing T) -> Void) -> Int {
        let end = min(array.count, start + limit)
        array.withUnsafeBufferPointer { elements in
            for i in start..<end { body(elements[i]) }
        }
        return end
    }

    /// `visit`, with each element's index.
    @inline(__always)
    static func visitIndexed<T>(_ array: [T], from start: Int, limit: Int = 1024, _ body: (Int, borrowing T) -> Void)
        -> Int
    {
        let end = min(array.count, start + limit)
        array.withUnsafeBufferPointer { elements in
            for i in start..<end { body(i, elements[i]) }
        }
        return end
    }
}
