/// Finds a document type declaration before libxml2 sees the document.
///
/// libxml2's reader reports the DOCTYPE node only after it has parsed the internal subset, the root
/// start tag and the rest of its first 512-byte chunk, entity references included, so a billion
/// laughs document is already being expanded (and stopped by libxml2's own amplification check,
/// as an ordinary syntax error) by the time the reader could refuse it. A DOCTYPE can only stand
/// in the prolog, between the XML declaration, comments, processing instructions and white space,
/// so looking there costs a few bytes and keeps every entity declaration away from libxml2.
/// The reader still refuses DOCTYPE and entity nodes, for encodings this scan does not know.
enum XMLProlog {
    static func declaresDocumentType(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var units = CodeUnits(bytes)
        while true {
            while let c = units.peek(), c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { units.advance(1) }
            if units.consume("<!--") {
                guard units.skip(past: "-->") else { return false }
            } else if units.consume("<?") {
                guard units.skip(past: "?>") else { return false }
            } else {
                return units.consume("<!DOCTYPE")
            }
        }
    }

    /// The document's ASCII characters, in UTF-8 or its ASCII-compatible relatives, or UTF-16
    /// told by its byte-order mark or by `<?` in the first four bytes. Non-ASCII characters read
    /// as 0xFF, which no markup the scan looks for contains.
    private struct CodeUnits {
        let bytes: UnsafeRawBufferPointer
        let width: Int
        let bigEndian: Bool
        var offset: Int

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
            let b = (0..<4).map { $0 < bytes.count ? bytes[$0] : 0x01 }
            switch (b[0], b[1], b[2], b[3]) {
            case (0xFE, 0xFF, _, _): (width, bigEndian, offset) = (2, true, 2)
            case (0xFF, 0xFE, _, _): (width, bigEndian, offset) = (2, false, 2)
            case (0x00, 0x3C, 0x00, 0x3F): (width, bigEndian, offset) = (2, true, 0)
            case (0x3C, 0x00, 0x3F, 0x00): (width, bigEndian, offset) = (2, false, 0)
            case (0xEF, 0xBB, 0xBF, _): (width, bigEndian, offset) = (1, false, 3)
            default: (width, bigEndian, offset) = (1, false, 0)
            }
        }

        func peek(_ ahead: Int = 0) -> UInt8? {
            let at = offset + ahead * width
            guard at + width <= bytes.count else { return nil }
            if width == 1 { return bytes[at] }
            let (high, low) = bigEndian ? (bytes[at], bytes[at + 1]) : (bytes[at + 1], bytes[at])
            return high == 0 && low < 0x80 ? low : 0xFF
        }

        mutating func advance(_ count: Int) { offset += count * width }

        func matches(_ text: StaticString, ahead: Int = 0) -> Bool {
            let count = text.utf8CodeUnitCount
            let start = text.utf8Start
            for i in 0..<count where peek(ahead + i) != start[i] { return false }
            return true
        }

        mutating func consume(_ text: StaticString) -> Bool {
            guard matches(text) else { return false }
            advance(text.utf8CodeUnitCount)
            return true
        }

        /// Moves past the next `text`; false when the document ends first.
        mutating func skip(past text: StaticString) -> Bool {
            while peek() != nil {
                if consume(text) { return true }
                advance(1)
            }
            return false
        }
    }
}
