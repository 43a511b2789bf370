/// Snapshots of one route on consecutive route lines of JSON Lines input after its first, of
/// which only the newest is kept, as parsed. An archive saved route by route holds each route's
/// snapshots together: each was copied to be held as a document (`PendingRoute`), the copy
/// dropped at the next snapshot, and the last one parsed again once reading was over. The first
/// snapshot is still held as a document (a route seen once in a row, as in archives saved day by
/// day, costs what it did); from the second on, the newest stays on the tape of a parser of its
/// own until a line of another route ends the run, and is then built from that tape.
struct SnapshotRun {
    let key: RouteKey
    var modifiedAt: Timestamp?
    var location: InputLocation
    var inputRank: Int32?
    /// The newest snapshot's body, on the tape of the reader's spare parser.
    var body: Element

    /// Takes in the next snapshot of the run's route (`key` equal): it becomes the run's own
    /// if newer (`GatewayRoute.isNewer`), and true says so.
    mutating func take(modifiedAt: Timestamp?, location: InputLocation, inputRank: Int32?, body: Element) -> Bool {
        guard GatewayRoute.isNewer(modifiedAt, location, than: self.modifiedAt, self.location) else { return false }
        (self.modifiedAt, self.location, self.inputRank, self.body) = (modifiedAt, location, inputRank, body)
        return true
    }
}
