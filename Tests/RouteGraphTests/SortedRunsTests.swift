import Testing

@testable import RouteGraph

/// `SortedRuns`, the walk merge takes through the fragments' sorted nodes and edges, and
/// `RouteGraph(joining:)`, which puts the route side and the VPN side together.
@Suite
struct SortedRunsTests {
    /// Groups as a plain sort of every item gives them: by value, then run, then index.
    static func expectedGroups(_ runs: [[Int]]) -> [[SortedRuns<Int>.Place]] {
        let all = runs.enumerated().flatMap { run, items in items.indices.map { (value: items[$0], run: run, index: $0) } }
            .sorted { ($0.value, $0.run, $0.index) < ($1.value, $1.run, $1.index) }
        var groups: [[SortedRuns<Int>.Place]] = []
        for (i, item) in all.enumerated() {
            if i == 0 || all[i - 1].value != item.value { groups.append([]) }
            groups[groups.count - 1].append((item.run, item.index))
        }
        return groups
    }

    static func groups(_ runs: [[Int]]) -> [[SortedRuns<Int>.Place]] {
        var groups: [[SortedRuns<Int>.Place]] = []
        SortedRuns(runs, by: { $0.pointee < $1.pointee }).forEachGroup { groups.append($0) }
        return groups
    }

    static func same(_ a: [[SortedRuns<Int>.Place]], _ b: [[SortedRuns<Int>.Place]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in x.count == y.count && zip(x, y).allSatisfy { $0 == $1 } }
    }

    @Test("every item once, in groups of equal items, groups in order", arguments: [1, 2, 3, 4, 9, 40])
    func groupsMatchASort(runCount: Int) {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            // Small values so that runs share items, and a run repeats some of its own.
            let runs = (0..<runCount).map { _ in
                (0..<Int.random(in: 0...30, using: &random)).map { _ in Int.random(in: 0...25, using: &random) }.sorted()
            }
            let groups = Self.groups(runs)
            #expect(Self.same(groups, Self.expectedGroups(runs)), "\(runs)")
            #expect(groups.map(\.count).reduce(0, +) == runs.map(\.count).reduce(0, +))
        }
    }

    @Test("taking: each group's items are those at its places, moved; runs held elsewhere stay", arguments: [1, 2, 4, 9])
    func takingGivesTheItems(runCount: Int) {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            // Long strings live on the heap, so a wrong move or a lost one shows as a wrong value;
            // numbers of three digits sort as their bytes do.
            let runs = (0..<runCount).map { _ in
                (0..<Int.random(in: 0...30, using: &random)).map { _ in Int.random(in: 100...125, using: &random) }.sorted()
                    .map { String(repeating: "item ", count: 4) + String($0) }
            }
            let kept = runs
            var places: [[SortedRuns<String>.Place]] = []
            var taken: [[String]] = []
            SortedRuns(runs, by: { ByteOrder.precedes($0.pointee, $1.pointee) }).takeEachGroup(taking: Self.takeString) { group, items in
                places.append(group)
                // What the merge does with a group of one: takes the item out.
                taken.append(items.count == 1 ? [items.removeLast()] : items)
            }
            let ordered = runs.map { $0.map { Int($0.split(separator: " ").last!)! } }
            #expect(Self.same(places, Self.expectedGroups(ordered)), "\(ordered)")
            #expect(taken == places.map { $0.map { kept[$0.run][$0.index] } })
            #expect(runs == kept)
        }
    }

    /// A merge of a large job's fragments meets thousands of runs, on a worker thread whose stack
    /// is smaller than the main thread's.
    @Test func thousandsOfRunsOnAWorkerThread() {
        let runs = (0..<20_000).map { [String(repeating: "run ", count: 4) + String(100_000 + $0 % 7)] }
        let (groups, taken) = Parallel.both(
            { Self.count(SortedRuns(runs, by: { ByteOrder.precedes($0.pointee, $1.pointee) })) },
            {
                var taken = 0
                SortedRuns(runs, by: { ByteOrder.precedes($0.pointee, $1.pointee) }).takeEachGroup(taking: Self.takeString) { _, items in
                    taken += items.count
                }
                return taken
            })
        #expect(groups == 7)
        #expect(taken == 20_000)
    }

    /// A string moved out of its run, an empty one left in its place, as `Edge.take` leaves an edge.
    static func takeString(_ slot: inout String) -> String {
        var taken = ""
        swap(&taken, &slot)
        return taken
    }

    static func count(_ runs: SortedRuns<String>) -> Int {
        var groups = 0
        runs.forEachGroup { _ in groups += 1 }
        return groups
    }

    @Test func emptyRunsGiveNoGroups() {
        #expect(Self.groups([]).isEmpty)
        #expect(Self.groups([[], []]).isEmpty)
        #expect(Self.same(Self.groups([[], [3], []]), [[(1, 0)]]))
    }

    @Test("joining: interleaved in canonical order; an id in both sorts all together")
    func joining() {
        func node(_ id: String) -> Node { Node(id: id, kind: NodeKind.allCases.first { id.hasPrefix($0.idPrefix) }!) }
        let routeSide = RouteGraph(
            nodes: [node("route:g:1"), node("gateway:g"), node("service:g:2")],
            edges: [Edge(source: "gateway:g", target: "route:g:1", kind: .hasRoute), Edge(source: "route:g:1", target: "service:g:2", kind: .routesTo)])
        let vpnNodes = [node("cidr:10.0.0.0/8"), node("ipsec:c"), node("tunnel:t")]
        let vpnEdges = [
            Edge(source: "ipsec:c", target: "cidr:10.0.0.0/8", kind: .routes, key: "custom|"),
            Edge(source: "ipsec:c", target: "tunnel:t", kind: .hasTunnel),
            Edge(source: "tunnel:t", target: "cidr:10.0.0.0/8", kind: .nextHopFor, key: "custom|"),
        ]
        let joined = RouteGraph(joining: routeSide, vpnNodes, vpnEdges)
        let sorted = RouteGraph(nodes: routeSide.nodes + vpnNodes, edges: routeSide.edges + vpnEdges)
        #expect(joined == sorted)
        #expect(joined.nodes.map(\.id) == ["cidr:10.0.0.0/8", "gateway:g", "ipsec:c", "route:g:1", "service:g:2", "tunnel:t"])
        // A node on both sides: not dropped, as the general sort keeps it.
        let overlapping = RouteGraph(joining: routeSide, [node("gateway:g")], [])
        #expect(overlapping == RouteGraph(nodes: routeSide.nodes + [node("gateway:g")], edges: routeSide.edges))
        #expect(overlapping.nodes.count == 4)
    }

    @Test("joining's stretches: two sorted sides interleave as a merge of them; an item in both gives none")
    func stretchesInterleave() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            // Long runs of one side and single items both: what galloping must measure.
            let values = (0..<Int.random(in: 0...300, using: &random)).map { _ in Int.random(in: 0...100_000, using: &random) }
            let distinct = Array(Set(values)).sorted()
            var a: [Int] = []
            var b: [Int] = []
            var toA = Bool.random(using: &random)
            for value in distinct {
                if Int.random(in: 0..<8, using: &random) == 0 { toA.toggle() }
                if toA { a.append(value) } else { b.append(value) }
            }
            let compare: (UnsafePointer<Int>, UnsafePointer<Int>) -> Int = { $0.pointee < $1.pointee ? -1 : $0.pointee > $1.pointee ? 1 : 0 }
            let stretches = try #require(RouteGraph.stretches(a, b, compare))
            #expect(stretches.allSatisfy { $0.count > 0 })
            var (x, y) = (a, b)
            let joined = RouteGraph.interleave(&x, &y, stretches) { (slot: inout Int) -> Int in
                defer { slot = -1 }
                return slot
            }
            #expect(joined == distinct)
            #expect(x.allSatisfy { $0 == -1 } && y.allSatisfy { $0 == -1 })
            if let shared = a.randomElement(using: &random), !b.isEmpty {
                var withShared = b
                withShared.append(shared)
                withShared.sort()
                #expect(RouteGraph.stretches(a, withShared, compare) == nil)
            }
        }
    }
}
