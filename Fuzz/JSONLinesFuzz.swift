#if canImport(Glibc)
import Glibc
#endif

/// Bytes → a file → DocumentStream, as JSON Lines (`.jsonl`) and as a file of unknown kind, with a
/// document limit small enough that the fuzzer reaches the buffer moves, growth and the skipping
/// of over-long lines. The `.jsonl` reading is compared with a plain reference splitter.
enum JSONLinesFuzz {
    static let directory = fuzzScratchPath("")

    static func run(_ data: UnsafeRawBufferPointer) {
        mkdir(directory, 0o700)
        // The limit comes from the input, so the fuzzer explores it without a separate parameter.
        let limit = 8 + Int(data.first ?? 0)
        for name in ["archive.jsonl", "archive.txt"] {
            let path = "\(directory)/\(name)"
            fuzzWrite(data, to: path)
            defer { unlink(path) }
            var documents: [(line: Int?, bytes: [UInt8])] = []
            var rejections: [Rejection] = []
            let stream = DocumentStream(file: InputFile(path: path), limits: InputLimits(maxDocumentBytes: limit))
            do throws(InputError) {
                try stream.read(
                    handle: { bytes, capacity, location in
                        fuzzCheck(capacity >= bytes.count + JSONParser.padding, "a document is followed by the parser's padding")
                        // Touch the last padding byte: ASan sees this read, not the ones in libsimdjson.
                        if let base = bytes.baseAddress { _ = (base + capacity - 1).load(as: UInt8.self) }
                        fuzzCheck(bytes.count <= limit, "a document handed out is within the limit")
                        documents.append((location.line, Array(bytes)))
                    },
                    reject: { rejection in
                        fuzzCheck(rejection.code == .tooLarge && !rejection.reason.isEmpty, "only over-long lines are rejected while splitting")
                        rejections.append(rejection)
                    })
            } catch {
                // Broken gzip is the only read error a regular file can give here.
                fuzzCheck(data.starts(with: [0x1F, 0x8B]), "unexpected read error: \(error)")
            }
            if name.hasSuffix(".jsonl"), !data.starts(with: [0x1F, 0x8B]) {
                compareWithReference(data, limit: limit, path: path, documents: documents, rejections: rejections)
            }
        }
    }

    /// The documented splitting: lines end at LF; the first loses a UTF-8 BOM; each is trimmed of
    /// space, tab, CR and LF; empty ones are skipped; one longer than the limit is rejected once.
    private static func compareWithReference(_ data: UnsafeRawBufferPointer, limit: Int, path: String,
                                             documents: [(line: Int?, bytes: [UInt8])], rejections: [Rejection]) {
        var expectedDocuments: [(Int, [UInt8])] = []
        var expectedRejected: [Int] = []
        var lines = Array(data).split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (i, raw) in lines.enumerated() {
            if raw.count > limit {
                expectedRejected.append(i + 1)
                continue
            }
            var bytes = ArraySlice(raw)
            if i == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            let space: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            while let b = bytes.first, space(b) { bytes = bytes.dropFirst() }
            while let b = bytes.last, space(b) { bytes = bytes.dropLast() }
            if !bytes.isEmpty { expectedDocuments.append((i + 1, Array(bytes))) }
        }
        fuzzCheck(rejections.map { $0.location } == expectedRejected.map { InputLocation(input: path, line: $0) },
                  "rejected lines \(rejections.map(\.location)) != \(expectedRejected)")
        fuzzCheck(documents.count == expectedDocuments.count, "\(documents.count) documents != \(expectedDocuments.count) expected")
        for (got, want) in zip(documents, expectedDocuments) {
            fuzzCheck(got.line == want.0 && got.bytes == want.1, "line \(want.0) split differently (got line \(got.line ?? 0))")
        }
    }
}
