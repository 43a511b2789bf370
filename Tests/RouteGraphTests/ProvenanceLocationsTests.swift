import Testing

@testable import RouteGraph

/// `ProvenanceLocations` and `LatestReadings.add(_:)`, with which a fragment's index reads where
/// its `ROUTES` edges came from without parsing every edge's `input` anew.
@Suite
struct ProvenanceLocationsTests {
    @Test("every input reads as InputLocation(provenance:) reads it, repeated or not")
    func sameAsParsing() {
        let texts: [AttributeValue?] = [
            .string("shards/shard-0.jsonl:76002"), .string("shards/shard-0.jsonl:76002"), .string("shards/shard-0.jsonl:76003"),
            .string("shards/shard-1.jsonl:7"), .string("shards/shard-1.jsonl"), .string("shards/shard-1.jsonl"),
            .string("responses/page.json"), nil, .integer(4), .string(""), .string("a:b:12"), .string("shards/shard-0.jsonl:76002"),
        ]
        var locations = ProvenanceLocations()
        for value in texts {
            #expect(locations.location(value) == InputLocation(provenance: value), "\(String(describing: value))")
        }
    }

    @Test("readings gathered apart and then added are the readings added one by one")
    func readingsAddUp() {
        let readings: [(InputLocation, String)] = [
            (InputLocation(input: "b.jsonl", line: 3), "custom"), (InputLocation(input: "a.jsonl", line: 9), "bgp"),
            (InputLocation(input: "b.jsonl", line: 1), "bgp"), (InputLocation(input: "c.jsonl", line: 2), "custom"),
            (InputLocation(input: "a.jsonl", line: 12), "custom"),
        ]
        var oneByOne = LatestReadings()
        for (location, type) in readings { oneByOne.add(location, type: type) }
        for split in 0...readings.count {
            var first = LatestReadings(), second = LatestReadings()
            for (location, type) in readings[..<split] { first.add(location, type: type) }
            for (location, type) in readings[split...] { second.add(location, type: type) }
            first.add(second)
            #expect(first.any == oneByOne.any && first.byType == oneByOne.byType, "split at \(split)")
        }
    }
}
