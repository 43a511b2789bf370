/// Buffers that two threads read and write at places of their own (the halves of a
/// `HalvedMerge`, the halves of the edges moved into order), handed across as `Sendable`: each
/// place is touched by one thread only, which the compiler cannot see through a pointer.
struct Shared<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}
