import Foundation
import Testing
@testable import RouteGraph

/// `GzipByteSource`, the inflater every gzip input goes through: whole streams of several members
/// read into buffers of any size, and damaged ones refused with a reason, never read as text.
@Suite("Gzip input", .timeLimit(.minutes(1)))
struct GzipByteSourceTests {
    /// Compresses each of `parts` as one gzip member (Python's gzip, a second implementation) and
    /// writes the members back to back, as `cat a.gz b.gz` would.
    static func members(_ parts: [Data], at path: String) throws {
        let program = """
            import gzip, sys
            with open(sys.argv[1], "wb") as out:
                for name in sys.argv[2:]:
                    out.write(gzip.compress(open(name, "rb").read(), compresslevel=6, mtime=0))
            """
        var names: [String] = []
        for (i, part) in parts.enumerated() {
            let name = path + ".part\(i)"
            try part.write(to: URL(fileURLWithPath: name))
            names.append(name)
        }
        let result = try ExternalTool.python(program, [path] + names)
        try #require(result.status == 0, "python3 failed: \(result.stderr)")
    }

    /// Everything `path` inflates to, read into buffers of `bufferSize` bytes.
    static func inflate(_ path: String, bufferSize: Int) throws(InputError) -> Data {
        try drain(GzipByteSource(FileByteSource(path: path), path: path), bufferSize: bufferSize)
    }

    /// Everything `source` gives, read into buffers of `bufferSize` bytes.
    static func drain(_ source: GzipByteSource, bufferSize: Int) throws(InputError) -> Data {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        var data = Data()
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { return data }
            data.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// Text that compresses like an archive (repeats within the window) and runs over several of
    /// the source's 256 KB input reads once compressed (random digits compress poorly).
    static func sample(_ seed: UInt64, lines: Int) -> Data {
        var state = seed
        var text = ""
        for i in 0..<lines {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += "{\"line\":\(i),\"value\":\(state >> 20),\"name\":\"route-\(state % 97)\"}\n"
        }
        return Data(text.utf8)
    }

    @Test("several members, read into buffers of any size, give their texts back to back", arguments: [1, 7, 4096, 1 << 20])
    func concatenatedMembers(bufferSize: Int) throws {
        let scratch = try ScratchDirectory()
        let parts = [Self.sample(1, lines: 60_000), Data(), Self.sample(2, lines: 5), Self.sample(3, lines: 30_000)]
        let path = scratch.path("archive.jsonl.gz")
        try Self.members(parts, at: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int > 1 << 18)
        let inflated = try Self.inflate(path, bufferSize: bufferSize)
        #expect(inflated == parts.reduce(Data(), +))
    }

    /// A stream in memory, handed out in reads that end where `nextEnd` says (given where the
    /// read starts), so that tests choose where reads end inside headers, data and trailers.
    final class Pieces: ByteSource {
        let data: Data
        let nextEnd: (Int) -> Int
        var offset = 0

        init(_ data: Data, nextEnd: @escaping (Int) -> Int) {
            self.data = data
            self.nextEnd = nextEnd
        }

        /// At most `step` bytes a read.
        convenience init(_ data: Data, step: Int) { self.init(data, nextEnd: { $0 + step }) }

        /// Two reads, the first ending at `at`.
        convenience init(_ data: Data, splitAt at: Int) { self.init(data, nextEnd: { $0 < at ? at : Int.max }) }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            let n = min(buffer.count, min(nextEnd(offset), data.count) - offset)
            data.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
            offset += n
            return n
        }
    }

    @Test("input arriving a few bytes at a time, with header fields (gzip's stored name), inflates the same",
          arguments: [1, 2, 3, 5, 8, 13])
    func trickledInput(step: Int) throws {
        let scratch = try ScratchDirectory()
        let first = Self.sample(5, lines: 300), second = Self.sample(6, lines: 200)
        let plain = scratch.path("named.jsonl"), path = scratch.path("both.gz")
        try first.write(to: URL(fileURLWithPath: plain))
        // gzip keeps the file's name in the header (FNAME); Python's member after it has none.
        try Self.members([second], at: scratch.path("second.gz"))
        let made = try ExternalTool.run(["sh", "-c", "gzip -c '\(plain)' > '\(path)' && cat '\(scratch.path("second.gz"))' >> '\(path)'"])
        try #require(made.status == 0, "\(made.stderr)")
        let compressed = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(compressed[3] & 0x08 != 0, "the first member has no stored name")
        for outputSize in [1, 100, 1 << 16] {
            let inflated = try Self.drain(GzipByteSource(Pieces(compressed, step: step), path: path), bufferSize: outputSize)
            #expect(inflated == first + second, "read \(step) bytes at a time into \(outputSize)-byte buffers")
        }
    }

    /// ISA-L 2.30 failed on valid data when a read ended inside a member's name; each header is
    /// now gathered whole before ISA-L sees it. A member with every optional header field (extra
    /// field, name, comment, header CRC) and a plain one after it, split at every place.
    @Test("a stream split between two reads at any place, inside any header field, inflates the same")
    func splitAnywhere() throws {
        let scratch = try ScratchDirectory()
        let first = Self.sample(7, lines: 120), second = Self.sample(8, lines: 80)
        let parts = [scratch.path("first"), scratch.path("second")]
        try first.write(to: URL(fileURLWithPath: parts[0]))
        try second.write(to: URL(fileURLWithPath: parts[1]))
        let path = scratch.path("fields.gz")
        let program = """
            import gzip, struct, sys, zlib
            def member(data, fields):
                header = b"\\x1f\\x8b\\x08" + bytes([0x1E if fields else 0]) + struct.pack("<I", 1700000000) + b"\\x00\\x03"
                if fields:
                    header += struct.pack("<H", 6) + b"AB\\x02\\x00xy" + b"named.jsonl\\x00" + b"a comment\\x00"
                    header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
                body = zlib.compressobj(6, zlib.DEFLATED, -15)
                raw = body.compress(data) + body.flush()
                return header + raw + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
            with open(sys.argv[1], "wb") as out:
                out.write(member(open(sys.argv[2], "rb").read(), True) + member(open(sys.argv[3], "rb").read(), False))
            """
        let made = try ExternalTool.python(program, [path] + parts)
        try #require(made.status == 0, "python3 failed: \(made.stderr)")
        let compressed = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(compressed[3] == 0x1E, "the first member has every optional field")
        var failed: [Int] = []
        for at in 0...compressed.count {
            let inflated = try? Self.drain(GzipByteSource(Pieces(compressed, splitAt: at), path: path), bufferSize: 1 << 16)
            if inflated != first + second { failed.append(at) }
        }
        #expect(failed.isEmpty, "split at \(failed.prefix(20)) of \(compressed.count) bytes")
    }

    /// The error `path` gives when inflated, as a report would name it.
    static func failure(_ path: String) -> String? {
        do {
            _ = try inflate(path, bufferSize: 1 << 16)
            return nil
        } catch {
            guard case .badGzip(let failedPath, let reason) = error, failedPath == path else { return "wrong error: \(error)" }
            return reason
        }
    }

    @Test("damaged streams are refused with the reason: truncated, a wrong checksum, corrupt data, trailing bytes")
    func damaged() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("good.gz")
        try Self.members([Self.sample(4, lines: 20_000)], at: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))

        func variant(_ name: String, _ bytes: Data) throws -> String {
            let damaged = scratch.path(name)
            try bytes.write(to: URL(fileURLWithPath: damaged))
            return damaged
        }
        let truncated = try variant("truncated.gz", good.prefix(good.count - 5))
        #expect(Self.failure(truncated)?.contains("truncated") == true, "\(Self.failure(truncated) ?? "read without error")")

        // The trailer's CRC-32 is the 8th to 5th bytes from the end.
        var wrongCRC = good
        wrongCRC[wrongCRC.count - 8] ^= 0xFF
        let checksum = try variant("checksum.gz", wrongCRC)
        #expect(Self.failure(checksum)?.contains("checksum") == true, "\(Self.failure(checksum) ?? "read without error")")

        var corrupt = good
        for i in stride(from: good.count / 2, to: good.count / 2 + 64, by: 1) { corrupt[i] ^= 0x5A }
        let corrupted = try variant("corrupt.gz", corrupt)
        #expect(Self.failure(corrupted)?.contains("corrupt") == true, "\(Self.failure(corrupted) ?? "read without error")")

        let trailing = try variant("trailing.gz", good + Data("not gzip".utf8))
        #expect(Self.failure(trailing) != nil, "trailing bytes read without error")
    }
}
