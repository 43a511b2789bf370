/// Plain values appended one after another into memory that stays where it is once written, so a
/// packed graph can keep a block's bytes and attributes as packing left them and read them by
/// address, where an array's would have to be copied out (an array's storage may not be held by
/// address past the closure that lends it).
///
/// Not copy-on-write: copies share the memory, and only one of them may append (packing's block,
/// on one thread); the others only read, once appending is done.
struct GrowingBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The memory, freed when the last copy lets it go. Its fields are constants, so appending
    /// reads them without the exclusivity checks a class's variables would take.
    final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 16)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    private(set) var storage: Storage
    private(set) var count = 0

    init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
    }

    var base: UnsafeMutablePointer<Element> { storage.base }

    mutating func reserveCapacity(_ capacity: Int) {
        if capacity > storage.capacity { move(toCapacity: capacity) }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == storage.capacity { move(toCapacity: 2 * count) }
        (storage.base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        if count + elements.count > storage.capacity { move(toCapacity: Swift.max(2 * storage.capacity, count + elements.count)) }
        (storage.base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(index >= 0 && index < count)
            return storage.base[index]
        }
        @inline(__always) set {
            precondition(index >= 0 && index < count)
            storage.base[index] = newValue
        }
    }

    /// The elements from `start` to the end, to change in place.
    mutating func withSuffix<R>(from start: Int, _ body: (inout UnsafeMutableBufferPointer<Element>) -> R) -> R {
        precondition(start >= 0 && start <= count)
        var suffix = UnsafeMutableBufferPointer(start: storage.base + start, count: count - start)
        return body(&suffix)
    }

    /// The elements in `range`, read in place.
    func withElements<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<Element>) -> R) -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        return body(UnsafeBufferPointer(start: storage.base + range.lowerBound, count: range.count))
    }

    /// Into new memory of `capacity`: the old is let go (and freed, if no copy holds it).
    private mutating func move(toCapacity capacity: Int) {
        let moved = Storage(capacity: capacity)
        moved.base.initialize(from: storage.base, count: count)
        storage = moved
    }
}
