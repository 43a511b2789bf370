/// Turns one document's bytes into records: detects JSON or XML, parses, recognises the API and
/// the shape, reads the records into an accumulator, and reports what it could not use.
/// One per thread: it owns parsers whose buffers it reuses.
final class ResponseReader {
    private var json: JSONParser
    /// The parser whose tape holds `run`'s snapshot while there is a run; swapped with `json`.
    private var spare: JSONParser
    /// Route snapshots of JSON Lines input after the first of a row of lines of one route, kept as
    /// parsed until a line of another route (with `keepsRuns`).
    private var run: SnapshotRun?
    /// The route of the last route snapshot of JSON Lines input taken in.
    private var lastRoute: RouteKey?
    private let keepsRuns: Bool
    private let xml: XMLDocumentReader
    private var routes: GatewayRouteReader
    private var vpn = VpnRoutesReader()
    private let forcedAPI: API?
    private let progress: ConversionProgress?

    /// - Parameter keepsRuns: keep a route's snapshots on consecutive lines after the first as
    ///   parsed (`SnapshotRun`) until a line of another route, rather than hold each as a document; for
    ///   a reader whose documents all go to one accumulator, so not for `inspect`, whose
    ///   accumulators are one per document. `buildPendingRoutes` ends the last run.
    init(limits: InputLimits, forcedAPI: API?, progress: ConversionProgress? = nil, keepsRuns: Bool = false) {
        json = JSONParser(maxDepth: limits.maxDepth)
        spare = JSONParser(maxDepth: limits.maxDepth)
        self.keepsRuns = keepsRuns
        xml = XMLDocumentReader(maxDepth: limits.maxDepth)
        routes = GatewayRouteReader(nestedParser: JSONParser(maxDepth: limits.maxDepth))
        self.forcedAPI = forcedAPI
        self.progress = progress
    }

    /// Reads one document into `accumulator`, counting it in `report`, and says what it was.
    /// `inputRank` is the input's rank among all inputs of the conversion (`InputOrder`), or nil
    /// where there is no such list (then building ranks the inputs of the routes themselves).
    @discardableResult
    func read(_ raw: UnsafeRawBufferPointer, capacity: Int, location: InputLocation, inputRank: Int32? = nil, container: DocumentFormat,
              into accumulator: inout GraphAccumulator, report: inout ConversionReport) -> DocumentOutcome {
        report.documents += 1
        progress?.add(bytes: raw.count)
        var outcome = DocumentOutcome(location: location)
        func reject(_ code: RejectionCode, _ reason: String) {
            let rejection = Rejection(location: location, code: code, reason: reason)
            report.rejections.append(rejection)
            outcome.rejection = rejection
        }
        let withoutBOM = ByteText.withoutBOM(raw)
        let bytes = ByteText.trimmed(withoutBOM)
        guard let first = bytes.first else {
            reject(.empty, "is empty: no response was saved")
            return outcome
        }
        let padding = capacity - (bytes.baseAddress! - raw.baseAddress!)
        var format = container
        let tape: Tape
        var xmlRoot: String?
        // An XML document's tape lives in its storage, held to the end of this call.
        var xmlStorage: TapeStorage?
        defer { withExtendedLifetime(xmlStorage) {} }
        do throws(DocumentError) {
            if first == 0x3C {
                if ByteText.looksLikeHTML(bytes) {
                    reject(.htmlPage, "is an HTML page, not an API response (an error page saved by mistake?)")
                    return outcome
                }
                let document = try xml.parse(bytes)
                xmlStorage = document.storage
                tape = document.storage.tape
                xmlRoot = document.rootName
                format = .xml
            } else {
                tape = try json.parse(bytes, capacity: padding)
            }
        } catch {
            switch error {
            case .invalidJSON: reject(.invalidJSON, error.message)
            case .invalidXML: reject(.invalidXML, error.message)
            case .forbiddenXML: reject(.unsafeXML, error.message)
            case .tooDeep: reject(.tooDeep, error.message)
            }
            return outcome
        }
        let (kind, envelope) = ResponseClassifier.classify(tape.root, xmlRoot: xmlRoot, forced: forcedAPI)
        var warnings: [ConversionWarning] = []
        switch kind {
        case .error(let code, let message):
            let detail = [code, message].compactMap { $0 }.joined(separator: ": ")
            reject(.errorResponse, "is an error response\(detail.isEmpty ? "" : " (\(detail))"), not route data")
            return outcome
        case .unknown(let hint):
            reject(.unknownAPI, "is neither a GetGatewayRouteDetail nor a DescribeVcoRouteEntries response: \(hint); use --api if you know which it is")
            return outcome
        case .gatewayRoute(let body):
            // Taken as soon as the body is read: ending a run reads another body with the same reader.
            var lists: ShapeTraits = []
            do throws(GatewayRouteReader.Failure) {
                if xmlRoot != nil || location.line == nil {
                    // An XML tape is not kept to be read again: built at once. So is a whole file:
                    // many snapshots of one route come as lines of an archive, while a file is
                    // mostly the only snapshot of its route, and keeping it to build at the end
                    // would cost a copy and a second parse for nothing.
                    let route = try routes.read(body: body, location: location, warnings: &warnings)
                    lists = routes.serviceListTraits
                    accumulator.add(route, inputRank: inputRank)
                } else {
                    let (key, modifiedAt) = try routes.check(body: body, location: location, warnings: &warnings)
                    lists = routes.serviceListTraits
                    if keepsRuns {
                        keep(key, modifiedAt: modifiedAt, location: location, inputRank: inputRank, body: body, document: bytes,
                             into: &accumulator)
                    } else {
                        offer(key, modifiedAt: modifiedAt, location: location, inputRank: inputRank, document: bytes, to: &accumulator)
                    }
                }
                outcome.records = 1
            } catch {
                reject(.incomplete, error.reason)
                return outcome
            }
            outcome.api = .gatewayRoute
            outcome.shape = count(.gatewayRoute, format: format, envelope: envelope, body: body, lists: lists, report: &report)
        case .vpnRoutes(let body):
            let totals = vpn.read(body: body, location: location, warnings: &warnings) { accumulator.offer($0) }
            accumulator.add(totals)
            outcome.records = totals.entryCount
            outcome.api = .vpnRoutes
            outcome.shape = count(.vpnRoutes, format: format, envelope: envelope, body: body, lists: totals.listTraits, report: &report)
        }
        report.converted += 1
        report.warnings += warnings
        outcome.warnings = warnings
        return outcome
    }

    /// Builds the route snapshots `accumulator` still holds as documents, with this reader's parsers:
    /// once reading is over, only the winners are left to build. The last run ends first.
    func buildPendingRoutes(in accumulator: inout GraphAccumulator) {
        endRun(into: &accumulator)
        accumulator.buildPendingRoutes(parser: json, reader: routes)
    }

    /// Takes a snapshot of a JSON Lines line into the run of its route: one of the route of the
    /// line before begins a run, or joins the run. Any other ends the run and is offered as a
    /// document. `body` is on the tape of `json`, which becomes the spare parser while the run
    /// keeps the snapshot.
    private func keep(_ key: RouteKey, modifiedAt: Timestamp?, location: InputLocation, inputRank: Int32?, body: Element,
                      document: UnsafeRawBufferPointer, into accumulator: inout GraphAccumulator) {
        if run?.key == key {
            accumulator.countSupersededSnapshot()
            if run!.take(modifiedAt: modifiedAt, location: location, inputRank: inputRank, body: body) { swap(&json, &spare) }
            return
        }
        endRun(into: &accumulator)
        if lastRoute == key {
            // Counted when the run ends, as the one snapshot of it that reaches the accumulator.
            run = SnapshotRun(key: key, modifiedAt: modifiedAt, location: location, inputRank: inputRank, body: body)
            swap(&json, &spare)
            return
        }
        lastRoute = key
        offer(key, modifiedAt: modifiedAt, location: location, inputRank: inputRank, document: document, to: &accumulator)
    }

    /// Offers a snapshot to `accumulator` as its document, copied only if it wins there.
    private func offer(_ key: RouteKey, modifiedAt: Timestamp?, location: InputLocation, inputRank: Int32?,
                       document: UnsafeRawBufferPointer, to accumulator: inout GraphAccumulator) {
        accumulator.offer(key, modifiedAt: modifiedAt, location: location) {
            PendingRoute(
                modifiedAt: modifiedAt, location: location, inputRank: inputRank, document: Array(document),
                forcedAPI: forcedAPI, maxDepth: json.maxDepth)
        }
    }

    /// Builds the run's snapshot from its tape and hands it to `accumulator`, where it meets the
    /// snapshot held for the run's first line.
    private func endRun(into accumulator: inout GraphAccumulator) {
        guard let ended = run else { return }
        run = nil
        // Its warnings were made when it was read (`GatewayRouteReader.check`); the same body
        // reads the same way, so it does not throw.
        var again: [ConversionWarning] = []
        if let route = try? routes.read(body: ended.body, location: ended.location, warnings: &again) {
            accumulator.add(route, inputRank: ended.inputRank)
        }
    }

    /// Counts the document in `report` and gives its shape's name. `lists` are the reader's
    /// findings on the body's lists; a wrapped list in XML is no shape of its own (XML always
    /// wraps), so it is not counted there.
    private func count(_ api: API, format: DocumentFormat, envelope: Bool, body: Element, lists: ShapeTraits,
                       report: inout ConversionReport) -> String {
        var traits = ShapeTraits(format: format).union(format == .xml ? lists.subtracting(.wrappedLists) : lists)
        if envelope { traits.insert(.envelope) }
        if let firstKey = body.firstKeyByte, firstKey >= 0x61, firstKey <= 0x7A { traits.insert(.camelCaseKeys) }
        report.shapes.count(api, traits)
        if let known = shapeNames[Int(traits.rawValue)] { return known }
        let name = traits.name
        shapeNames[Int(traits.rawValue)] = name
        return name
    }

    /// The shape names made so far, by the raw value of their traits: a handful of them, each
    /// asked for by many documents.
    private var shapeNames = [String?](repeating: nil, count: ShapeTraits.limit)
}

/// What one document turned out to be, for `inspect`.
public struct DocumentOutcome: Sendable {
    public var location: InputLocation
    public var api: API?
    public var shape: String?
    /// Records read from it: 1 for a route, the entries of a VPN page.
    public var records = 0
    public var rejection: Rejection?
    public var warnings: [ConversionWarning] = []
}

extension ByteText {
    /// True for a saved HTML page (`<!DOCTYPE html`, `<html`), which gateways return on errors.
    static func looksLikeHTML(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let head = String(decoding: bytes.prefix(64), as: UTF8.self).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }
}
