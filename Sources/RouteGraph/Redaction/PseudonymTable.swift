/// The pseudonyms of one kind in one run: every value registered first, then all assigned at once,
/// so the result depends on the set of values and the key, never on the order they were met.
///
/// Pseudonyms are one-to-one (two values never share one, which keeps the graph's shape) and never
/// equal an original value of their kind (so an original cannot reappear by coincidence).
/// Collisions are resolved by trying the value's next candidate, in the order of the values'
/// keyed hashes; with the short readable forms this is rare, and only then can a value's
/// pseudonym differ between two runs with one key and different inputs.
struct PseudonymTable: Sendable {
    let kind: PseudonymKind
    private var values: Set<String> = []
    private var pseudonyms: [String: String] = [:]

    init(kind: PseudonymKind) { self.kind = kind }

    mutating func register(_ value: String) { values.insert(value) }

    /// Registers every value `other` has.
    mutating func register(contentsOf other: PseudonymTable) {
        precondition(other.kind == kind)
        values.formUnion(other.values)
    }

    /// The pseudonym of a registered value; an unregistered one (a caller's bug) gets its
    /// first candidate rather than being let through.
    func pseudonym(for value: String, hmac: HMACSHA256) -> String {
        pseudonyms[value] ?? kind.kept(value) ?? kind.candidate(for: value, attempt: 0, digest: Self.digest(value, 0, kind, hmac))
    }

    mutating func assign(hmac: HMACSHA256) {
        var used = Set<String>()
        let blocked = Blocked(kind: kind, values: values)
        var pending: [String] = []
        pending.reserveCapacity(values.count)
        for value in values {
            if let kept = kind.kept(value) {
                pseudonyms[value] = kept
                used.insert(kept)
            } else {
                pending.append(value)
            }
        }
        // Sorted by digest: by its first eight bytes as one number, the rest only on a tie, rather
        // than comparing whole digests byte by byte (with the candidates' hex written from a table,
        // redacting the 1 GB archive went from 13.0 to 11.7 s).
        var openings = Self.openings(of: pending, kind: kind, blocked: blocked, hmac: hmac)
        openings.sort { $0.head != $1.head ? $0.head < $1.head : $0.digest.lexicographicallyPrecedes($1.digest) }
        for opening in openings {
            // The attempts before the opening's were blocked, so they would have been passed over
            // whatever `used` held: taking up the search there gives each value what trying every
            // attempt in turn gave.
            var (attempt, candidate) = (opening.attempt, opening.candidate)
            while used.contains(candidate) {
                (attempt, candidate) = Self.firstUnblocked(opening.value, from: attempt + 1, digest: nil, kind: kind, blocked: blocked, hmac: hmac)
            }
            pseudonyms[opening.value] = candidate
            used.insert(candidate)
        }
    }

    /// A value's first digest, by which values take their turns, and its first candidate that no
    /// original blocks.
    private struct Opening: Sendable {
        let head: UInt64
        let digest: [UInt8]
        let value: String
        let attempt: Int
        let candidate: String
    }

    /// Below this many values a table's openings are found on one thread: a second one costs more
    /// than it saves.
    private static let parallelThreshold = 4096

    /// The openings of `values`. Where originals fill most of the aligned slots (a graph whose
    /// /24s cover most of 10.0.0.0/8), most values try every aligned candidate before one is
    /// free: an HMAC each, 1.8 of the 2.5 s of assigning at 1 GB on one thread. Whether an
    /// original blocks a candidate does not depend on the other values, so the search runs on
    /// both cores; only collisions among the pseudonyms themselves wait for the values' turns.
    private static func openings(of values: [String], kind: PseudonymKind, blocked: Blocked, hmac: HMACSHA256) -> [Opening] {
        let search: @Sendable (Range<Int>) -> [Opening] = { range in
            range.map { opening(of: values[$0], kind: kind, blocked: blocked, hmac: hmac) }
        }
        guard values.count >= parallelThreshold else { return search(values.indices) }
        let middle = values.count / 2
        let (first, second) = Parallel.both({ search(0..<middle) }, { search(middle..<values.count) })
        return first + second
    }

    private static func opening(of value: String, kind: PseudonymKind, blocked: Blocked, hmac: HMACSHA256) -> Opening {
        let first = digest(value, 0, kind, hmac)
        let (attempt, candidate) = firstUnblocked(value, from: 0, digest: first, kind: kind, blocked: blocked, hmac: hmac)
        return Opening(head: PseudonymKind.wide(first), digest: first, value: value, attempt: attempt, candidate: candidate)
    }

    /// The first attempt from `start` on whose candidate no original blocks, with that candidate;
    /// `digest` is the digest of attempt `start` where the caller has it.
    private static func firstUnblocked(
        _ value: String, from start: Int, digest given: [UInt8]?, kind: PseudonymKind, blocked: Blocked, hmac: HMACSHA256
    ) -> (attempt: Int, candidate: String) {
        var attempt = start
        var digest = given ?? self.digest(value, start, kind, hmac)
        while true {
            if kind == .ipv4 {
                // Judged by number: the text is written only for the candidate taken.
                let (address, prefix) = PseudonymKind.ipv4Candidate(for: value, attempt: attempt, bits: UInt32(truncatingIfNeeded: PseudonymKind.wide(digest)))
                if !blocked.ipv4.contains(address) { return (attempt, PseudonymKind.ipv4Text(address, prefix: prefix)) }
            } else {
                let candidate = kind.candidate(for: value, attempt: attempt, digest: digest)
                if !blocked.keys.contains(kind.blockKey(candidate)) { return (attempt, candidate) }
            }
            attempt += 1
            digest = self.digest(value, attempt, kind, hmac)
        }
    }

    /// What a candidate must not equal: the originals' block keys, and for IPv4 also their
    /// addresses as numbers. An IPv4 candidate's block key is its address as `ipv4Text` writes
    /// it, so it equals an original's exactly when the original's key is written the same way
    /// and names the same number; most IPv4 candidates are blocked where originals fill most of
    /// 10.0.0.0/8, and judging them by number spares writing and hashing their text.
    private struct Blocked: Sendable {
        let keys: Set<Substring>
        let ipv4: Set<UInt32>

        init(kind: PseudonymKind, values: Set<String>) {
            keys = Set(values.map { kind.blockKey($0) })
            ipv4 = kind == .ipv4 ? Set(keys.compactMap { PseudonymKind.dottedIPv4($0) }) : []
        }
    }

    /// HMAC(key, kind NUL value [NUL attempt]), the message put together on the stack.
    private static func digest(_ value: String, _ attempt: Int, _ kind: PseudonymKind, _ hmac: HMACSHA256) -> [UInt8] {
        var (name, value, suffix) = (kind.rawValue, value, attempt > 0 ? String(attempt) : "")
        let count = name.utf8.count + 1 + value.utf8.count + (attempt > 0 ? 1 + suffix.utf8.count : 0)
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { message in
            var at = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                UnsafeMutableRawBufferPointer(rebasing: message[at..<at + bytes.count]).copyMemory(from: UnsafeRawBufferPointer(bytes))
                at += bytes.count
            }
            name.withUTF8 { put($0) }
            message[at] = 0
            at += 1
            value.withUTF8 { put($0) }
            if attempt > 0 {
                message[at] = 0
                at += 1
                suffix.withUTF8 { put($0) }
            }
            return hmac.mac(UnsafeRawBufferPointer(message))
        }
    }
}
