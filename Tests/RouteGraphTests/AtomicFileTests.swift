import Foundation
import Testing
@testable import RouteGraph

@Suite("Atomic files")
struct AtomicFileTests {
    /// Past the writeback step (16 MB) the file asks the kernel to start writing as it goes: the
    /// bytes that land must still be exactly those written, in order, and only at the final path.
    @Test func largeFileWrittenInBlocksAndPiecesArrivesWhole() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("big.txt")
        var expected = Data()
        let file = try AtomicFile(path: path)
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
}
