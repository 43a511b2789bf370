/// Writes a document in the tape layout (`Tape`), for values that do not come from simdjson: the
/// XML reader builds its documents with it.
final class TapeWriter {
    private(set) var words: [UInt64] = []
    private(set) var strings: [UInt8] = []
    private var openContainers: [(index: Int, count: Int)] = []

    init() {
        words.append(UInt64(TapeType.root.rawValue) << 56)
    }

    private func append(_ type: TapeType, _ payload: UInt64 = 0) {
        words.append(UInt64(type.rawValue) << 56 | (payload & 0x00FF_FFFF_FFFF_FFFF))
    }

    private func countValue() {
        if !openContainers.isEmpty { openContainers[openContainers.count - 1].count += 1 }
    }

    func string(_ value: String) {
        countValue()
        append(.string, UInt64(strings.count))
        var value = value
        value.withUTF8 { bytes in
            let length = UInt32(bytes.count).littleEndian
            withUnsafeBytes(of: length) { strings.append(contentsOf: $0) }
            strings.append(contentsOf: bytes)
        }
        strings.append(0)
    }

    /// Writes an object key. Keys are not counted as values.
    func key(_ name: String) {
        string(name)
        openContainers[openContainers.count - 1].count -= 1
    }

    func null() {
        countValue()
        append(.null)
    }

    func startObject() {
        countValue()
        openContainers.append((words.count, 0))
        append(.startObject)
    }

    func startArray() {
        countValue()
        openContainers.append((words.count, 0))
        append(.startArray)
    }

    /// Closes the innermost object or array.
    func end() {
        let (start, count) = openContainers.removeLast()
        let isObject = words[start] >> 56 == UInt64(TapeType.startObject.rawValue)
        append(isObject ? .endObject : .endArray, UInt64(start))
        let after = UInt64(words.count)
        let type: TapeType = isObject ? .startObject : .startArray
        words[start] = UInt64(type.rawValue) << 56 | UInt64(min(count, 0xFF_FFFF)) << 32 | after
    }

    /// Finishes the document and hands over the storage of its tape.
    func finish() -> TapeStorage {
        words[0] = UInt64(TapeType.root.rawValue) << 56 | UInt64(words.count)
        append(.root, 0)
        return TapeStorage(words: words, strings: strings)
    }
}

/// Storage of a tape written by `TapeWriter`: its tape, and the elements on it, are valid while
/// the storage lives, so they are read inside `withRoot`, or while something holds the storage.
final class TapeStorage {
    private let wordPointer: UnsafeMutablePointer<UInt64>
    private let stringPointer: UnsafeMutablePointer<UInt8>

    /// The tape; valid while this storage lives.
    var tape: Tape { Tape(words: wordPointer, strings: stringPointer) }

    /// Calls `body` with the tape's root, this storage kept alive until it returns.
    func withRoot<R, E: Error>(_ body: (Element) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(self) {} }
        return try body(tape.root)
    }

    init(words: [UInt64], strings: [UInt8]) {
        wordPointer = .allocate(capacity: max(words.count, 1))
        wordPointer.initialize(from: words, count: words.count)
        stringPointer = .allocate(capacity: max(strings.count, 1))
        stringPointer.initialize(from: strings, count: strings.count)
    }

    deinit {
        wordPointer.deallocate()
        stringPointer.deallocate()
    }
}
