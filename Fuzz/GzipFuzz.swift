/// Bytes → `GzipByteSource`, the inflater every gzip input goes through, read twice: once in
/// large reads from input handed over whole, once in small reads from input that arrives a few
/// bytes at a time (both sizes come from the input, so the fuzzer explores them). The wrapper
/// around ISA-L must give the same bytes, or the same failure, however the reads fall: a read
/// that ends inside a header, a trailer or between members must change nothing.
enum GzipFuzz {
    /// Input handed out at most `step` bytes per read.
    final class MemorySource: ByteSource {
        let bytes: [UInt8]
        let step: Int
        var offset = 0

        init(_ bytes: [UInt8], step: Int) {
            self.bytes = bytes
            self.step = step
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            let n = min(step, buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }
    }

    /// The output is capped so that a small input that inflates to gigabytes (a deflate bomb)
    /// costs the fuzzer a moment, not its memory.
    static let outputLimit = 1 << 22

    static func run(_ data: UnsafeRawBufferPointer) {
        guard data.count >= 2 else { return }
        let smallStep = 1 + Int(data[0] % 16), smallBuffer = 1 + Int(data[1])
        // The stream proper starts with gzip's magic, which the fuzzer would otherwise rarely find.
        let stream = [0x1F, 0x8B] + Array(data.dropFirst(2))
        let whole = inflate(stream, step: stream.count, bufferSize: 1 << 16)
        let trickled = inflate(stream, step: smallStep, bufferSize: smallBuffer)
        switch (whole, trickled) {
        case (.success(let a), .success(let b)):
            fuzzCheck(a == b, "the same stream inflated to \(a.count) and \(b.count) bytes by read size")
        case (.failure(let a), .failure(let b)):
            fuzzCheck(!a.isEmpty && !b.isEmpty, "a failure without a reason")
        case (.success(let a), .failure(let reason)), (.failure(let reason), .success(let a)):
            // Capped output may stop one reading before the fault the other reached.
            fuzzCheck(a.count >= outputLimit, "one read size failed (\(reason)), the other gave \(a.count) bytes")
        }
    }

    static func inflate(_ stream: [UInt8], step: Int, bufferSize: Int) -> Result<[UInt8], Failure> {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        var output: [UInt8] = []
        do throws(InputError) {
            let source = try GzipByteSource(MemorySource(stream, step: step), path: "fuzz.gz")
            while output.count < outputLimit {
                let n = try source.read(into: buffer)
                fuzzCheck(n >= 0 && n <= bufferSize, "a read gave \(n) bytes into \(bufferSize)")
                if n == 0 { return .success(output) }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            return .success(Array(output.prefix(outputLimit)))
        } catch {
            guard case .badGzip(let path, let reason) = error, path == "fuzz.gz" else { fuzzFail("unexpected error \(error)") }
            return .failure(Failure(reason: reason))
        }
    }

    struct Failure: Error {
        let reason: String
        var isEmpty: Bool { reason.isEmpty }
    }
}
