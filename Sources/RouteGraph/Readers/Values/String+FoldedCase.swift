extension String {
    /// `lowercased()`, but the string itself when it is ASCII without capitals: domain names
    /// come in lower case almost always, and lower-casing them made a new string each time (a
    /// heap allocation past 15 bytes) twice per domain of a route, once to find repeats when it is
    /// read and once for its node's id.
    var lowercasedSharingASCII: String {
        var copy = self
        let plain = copy.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }
        }
        return plain ? copy : lowercased()
    }
}
