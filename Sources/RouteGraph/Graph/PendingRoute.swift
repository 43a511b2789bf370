/// A route snapshot held as the JSON document it came from, built only if it is still the winner
/// when reading ends. Archives hold many snapshots of each route, each usually newer than the one
/// before, so most snapshots that win for a while are replaced before the end; keeping their bytes
/// costs a copy, building them costs a record's worth of strings and arrays.
struct PendingRoute: Sendable {
    var modifiedAt: Timestamp?
    var location: InputLocation
    /// The rank of `location.input` among the conversion's inputs, when known (`InputOrder`).
    var inputRank: Int32?
    /// The document as it was parsed (without BOM and surrounding white space).
    var document: [UInt8]
    /// The API the document was read as (`--api`), so it is classified the same way again.
    var forcedAPI: API?
    /// The nesting limit of the parsers that read it, for parsers that read it again: JSON inside
    /// its strings (`Services`) is read or not by that limit.
    var maxDepth: Int

    /// The route reading the document gives; nil only if the document no longer reads as one,
    /// which cannot happen, since the same bytes are read by the same code (with parsers of
    /// `maxDepth`).
    func build(parser: JSONParser, reader: inout GatewayRouteReader) -> GatewayRoute? {
        document.withUnsafeBytes { bytes -> GatewayRoute? in
            guard let tape = try? parser.parse(bytes),
                case .gatewayRoute(let body) = ResponseClassifier.classify(tape.root, forced: forcedAPI).0
            else { return nil }
            // Its warnings were made when the snapshot was first read (`GatewayRouteReader.check`).
            var again: [ConversionWarning] = []
            return try? reader.read(body: body, location: location, warnings: &again)
        }
    }
}

/// A route snapshot an accumulator holds: built, or still its document.
enum HeldRoute: Sendable {
    case built(BuiltRoute)
    case pending(PendingRoute)

    var modifiedAt: Timestamp? {
        switch self {
        case .built(let built): built.route.modifiedAt
        case .pending(let pending): pending.modifiedAt
        }
    }

    var location: InputLocation {
        switch self {
        case .built(let built): built.route.location
        case .pending(let pending): pending.location
        }
    }

    /// The snapshot rule (`GatewayRoute.isNewer(than:)`), for snapshots in either form.
    func isNewer(than other: HeldRoute) -> Bool {
        GatewayRoute.isNewer(modifiedAt, location, than: other.modifiedAt, other.location)
    }
}

/// A built route snapshot, held by reference. A route is over 500 bytes: held inline, the table of
/// held routes moved each one on every insertion and every growth, into newly touched memory
/// (about a tenth of reading a directory of single responses). A reference is moved instead, and
/// building moves the route out of it (`take`).
///
/// `@unchecked Sendable`: the route changes only in `take`, on the one thread that builds from
/// the boxes once reading and merging have let go of them.
final class BuiltRoute: @unchecked Sendable {
    private(set) var route: GatewayRoute
    /// The rank of the route's input among the conversion's inputs, when known (`InputOrder`):
    /// building orders routes by it without looking at their paths.
    let inputRank: Int32?

    init(_ route: GatewayRoute, inputRank: Int32? = nil) {
        self.route = route
        self.inputRank = inputRank
    }

    /// Calls `body` with the route, moved out for the call and back after it: read as a property,
    /// even through a pointer, a class's stored struct is copied (every string of it retained and
    /// released again), since `body` could change it meanwhile. Not for two threads at once.
    func withRoute<R>(_ body: (borrowing GatewayRoute) -> R) -> R {
        var taken = GatewayRoute.taken
        swap(&taken, &route)
        let result = body(taken)
        route = consume taken
        return result
    }

    /// Lets the route go, leaving an empty one: building does, once it has added the route, on
    /// the thread that is not adding routes (`PreparedAhead`'s `passed`). Harmless twice.
    func release() {
        route = GatewayRoute.taken
    }
}

extension GatewayRoute {
    /// What a `BuiltRoute` holds once its route is taken: nothing that owns memory.
    fileprivate static let taken = GatewayRoute(
        gatewayUniqueId: "", routeId: 0, methods: [], services: [], fallbackServices: [], domains: [],
        location: InputLocation(input: ""))
}
