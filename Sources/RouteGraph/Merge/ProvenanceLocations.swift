/// `InputLocation(provenance:)` for the `input` attributes of a fragment's edges in order: the
/// edges of one VPN page name one location, and the pages of one shard one path, so the last
/// location, and the last path, are handed out again while they repeat. A location parsed anew
/// for every `ROUTES` edge made an array and a path string for each: a million of both at 1 GB.
struct ProvenanceLocations {
    private var lastText = ""
    private var last = InputLocation(input: "")
    private var lastPath = ""

    /// The location `value` names, as `InputLocation(provenance:)` reads it.
    mutating func location(_ value: AttributeValue?) -> InputLocation {
        guard case .string(let text)? = value else { return InputLocation(provenance: value) }
        if ByteOrder.sameUTF8(lastText, text) { return last }
        var parsed = InputLocation(provenance: value)
        if ByteOrder.sameUTF8(lastPath, parsed.input) { parsed.input = lastPath } else { lastPath = parsed.input }
        (lastText, last) = (text, parsed)
        return parsed
    }
}
