/// Trimming for comma-separated option values (`--format graphml, csv`).
extension Substring {
    func trimmingCharacters() -> String {
        String(self).trimmingASCIISpaces()
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
