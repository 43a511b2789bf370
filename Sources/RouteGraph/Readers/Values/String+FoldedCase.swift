extension String {
    /// `lowercased()`, but the string itself when it is ASCII without capitals: domain names
    /// come in lower case almost always, and lower-casing them made a new string each time (a
    /// heap allocation past 15 bytes) twice per domain of a route, once to find repeats when it is
    /// read and once for its node's id.
    var lowercasedSharingASCII: String {
        var copy = self
        let plain = copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            // Eight bytes a step (a byte at a time was 300 instructions a domain name).
            var i = 0
            while i + 8 <= bytes.count {
                let word = ByteWords.load(base + i)
                if ByteWords.nonASCII(word) != 0 || ByteWords.asciiCapitals(word) != 0 { return false }
                i += 8
            }
            while i < bytes.count {
                if bytes[i] >= 0x80 || (bytes[i] >= 0x41 && bytes[i] <= 0x5A) { return false }
                i += 1
            }
            return true
        }
        return plain ? copy : lowercased()
    }
}
