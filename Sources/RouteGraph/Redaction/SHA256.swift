internal import CSHA256

/// SHA-256 (FIPS 180-4), written here rather than taken from swift-crypto: this file keeps the
/// package free of a dependency that would add about a minute to every clean build. Redaction
/// hashes every distinct value once (at 1 GB, over a million), so it avoids allocating per block. `HMACSHA256` checks it against
/// the RFC 4231 vectors in the tests.
struct SHA256: Sendable {
    /// The state, and a digest before it is written out as bytes.
    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    private var state: Words = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    static let blockSize = 64

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    init() {}

    /// Absorbs `bytes`; whole blocks are compressed at once, the rest waits for more.
    mutating func update<C: Collection<UInt8>>(_ bytes: C) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// Redaction hashes hundreds of thousands of short values: whole blocks are compressed where
    /// they lie, and only a block's worth waits in `pending`.
    private mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var rest = bytes
        if !pending.isEmpty {
            let taken = min(Self.blockSize - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(taken))
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(taken))
            guard pending.count == Self.blockSize else { return }
            pending.withUnsafeBytes { compress($0.baseAddress!) }
            pending.removeAll(keepingCapacity: true)
        }
        while rest.count >= Self.blockSize {
            compress(rest.baseAddress!)
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(Self.blockSize))
        }
        pending.append(contentsOf: rest)
    }

    /// The 32-byte digest of everything absorbed.
    mutating func finalize() -> [UInt8] {
        let words = pending.withUnsafeBytes { Self.finish(state, length: length, tail: $0) }
        pending.removeAll(keepingCapacity: true)
        return Self.bytes(of: words)
    }

    /// The digest's eight words of what this hash absorbed followed by `tail`, leaving the hash as
    /// it was. For a hash that holds whole blocks only, as HMAC's pads are: nothing is copied or
    /// allocated, where a copy of the hash and `finalize` allocated its buffer and its digest, and
    /// two threads copying one hash retained one buffer (redaction's HMACs, over a million at 1 GB).
    func words(appending tail: UnsafeRawBufferPointer) -> Words {
        precondition(pending.isEmpty, "words(appending:) wants a hash of whole blocks")
        return Self.finish(state, length: length &+ UInt64(tail.count), tail: tail)
    }

    /// The state after compressing `tail`'s whole blocks and the padding of a message of `length`
    /// bytes that ends with `tail`'s remaining bytes.
    private static func finish(_ start: Words, length: UInt64, tail: UnsafeRawBufferPointer) -> Words {
        var words = start
        var rest = tail
        while rest.count >= blockSize {
            compress(&words, rest.baseAddress!)
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(blockSize))
        }
        // The message's last bytes, 0x80, zeros, and the length in bits: one block or two.
        let blocks = rest.count + 9 <= blockSize ? 1 : 2
        withUnsafeTemporaryAllocation(byteCount: 2 * blockSize, alignment: 8) { padded in
            padded.initializeMemory(as: UInt8.self, repeating: 0)
            if !rest.isEmpty { padded.copyMemory(from: rest) }
            padded[rest.count] = 0x80
            padded.storeBytes(of: (length &* 8).bigEndian, toByteOffset: blocks * blockSize - 8, as: UInt64.self)
            for b in 0..<blocks { compress(&words, UnsafeRawPointer(padded.baseAddress! + b * blockSize)) }
        }
        return words
    }

    /// A digest's eight words as its 32 bytes, big-endian.
    static func bytes(of words: Words) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            withBytes(of: words) { buffer.baseAddress!.update(from: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 32) }
            count = 32
        }
    }

    /// Runs `body` on a digest's 32 bytes, big-endian, kept on the stack.
    static func withBytes<R>(of words: Words, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let bigEndian = (
            words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian, words.4.bigEndian,
            words.5.bigEndian, words.6.bigEndian, words.7.bigEndian
        )
        return withUnsafeBytes(of: bigEndian, body)
    }

    /// Compresses the 64 bytes at `block` into the state; the message schedule lives on the stack.
    private mutating func compress(_ block: UnsafeRawPointer) { Self.compress(&state, block) }

    /// Whether the CPU's SHA extensions compress (`CSHA256`): about five times as fast as the
    /// Swift below, which redaction's million HMACs at 1 GB notice.
    static let hardware = rg_sha256_hardware() != 0

    static func compress(_ state: inout Words, _ block: UnsafeRawPointer) {
        guard hardware else { return compressInSoftware(&state, block) }
        k.withUnsafeBufferPointer { k in
            withUnsafeMutableBytes(of: &state) { words in
                rg_sha256_compress(words.baseAddress!.assumingMemoryBound(to: UInt32.self), block.assumingMemoryBound(to: UInt8.self), k.baseAddress!)
            }
        }
    }

    /// The compression in Swift: where the CPU lacks the SHA extensions, and for the tests that
    /// compare the two.
    static func compressInSoftware(_ state: inout Words, _ block: UnsafeRawPointer) {
        var (a, b, c, d, e, f, g, h) = state
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for t in 0..<16 { w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)) }
            for t in 16..<64 {
                let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            k.withUnsafeBufferPointer { k in
                for t in 0..<64 {
                    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
                    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
            }
        }
        state = (
            state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
            state.7 &+ h
        )
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }

    /// The digest of `bytes` in one call.
    static func hash<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }
}
