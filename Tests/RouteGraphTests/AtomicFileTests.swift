import Foundation
import Testing
@testable import RouteGraph

@Suite("Atomic files")
struct AtomicFileTests {
    /// Past the writeback step (16 MB) the file asks the kernel to start writing as it goes: the
    /// bytes that land must still be exactly those written, in order, and only at the final path.
    /// Direct writes (where the file system takes them) go in whole aligned blocks with the tail
    /// written the ordinary way, so the block sizes here never line up with 4096 or the 1 MB stage.
    @Test(arguments: [false, true])
    func largeFileWrittenInBlocksAndPiecesArrivesWhole(direct: Bool) throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("big.txt")
        var expected = Data()
        let file = try AtomicFile(path: path, direct: direct)
        for block in 0..<40 {
            // Blocks of varied size, so the writeback ranges do not line up with them.
            let bytes = [UInt8]((0..<(1 << 20) + block * 4099).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ block) })
            if block.isMultiple(of: 2) {
                try bytes.withUnsafeBytes { raw in try file.writeBlock(raw) }
            } else {
                try file.write(bytes)
            }
            expected.append(contentsOf: bytes)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "the final path appeared before the commit")
        try file.commit()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == expected.count)
        #expect(written == expected)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path(""))
        #expect(left == ["big.txt"], "temporary files left: \(left)")
    }

    /// Another program may read a direct file part way (Graphviz reads its input that way): a flush
    /// must put every byte so far in the file, even when they end inside a block, and the writes
    /// after it must land right behind them.
    @Test func directFileFlushedPartWayHoldsEveryByteAndCarriesOn() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("flushed.txt")
        let file = try AtomicFile(path: path, direct: true)
        let first = [UInt8]((0..<(3 << 20) + 1234).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let second = [UInt8]((0..<(2 << 20) + 77).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) })
        try file.write(first)
        try file.flush()
        #expect(!file.writesDirectly, "a flush ending inside a block leaves direct I/O")
        let partWay = try Data(contentsOf: URL(fileURLWithPath: file.temporaryPath))
        #expect(partWay == Data(first))
        try second.withUnsafeBytes { raw in try file.writeBlock(raw) }
        try file.commit()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == Data(first + second))
    }
}
