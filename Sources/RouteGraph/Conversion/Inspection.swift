/// `inspect`: what each input holds, without building a graph.
public enum Inspection {
    /// One outcome per document, in input order, plus inputs that could not be read at all.
    public static func run(inputs: [String], options: ConversionOptions = ConversionOptions()) -> [DocumentOutcome] {
        let (files, problems) = InputDiscovery.expand(inputs)
        var outcomes = problems.map { DocumentOutcome(location: $0.location, rejection: $0) }
        let reader = ResponseReader(limits: options.limits, forcedAPI: options.forcedAPI)
        for file in files {
            var accumulator = GraphAccumulator()
            var report = ConversionReport()
            let stream = DocumentStream(file: file, limits: options.limits)
            do throws(InputError) {
                try stream.read(
                    handle: { bytes, capacity, location in
                        // A fresh accumulator per document: inspect keeps nothing between them.
                        accumulator = GraphAccumulator()
                        outcomes.append(reader.read(bytes, capacity: capacity, location: location,
                                                    container: location.line == nil ? "JSON" : "JSON Lines",
                                                    into: &accumulator, report: &report))
                    },
                    reject: { outcomes.append(DocumentOutcome(location: $0.location, rejection: $0)) })
            } catch {
                let rejection = Rejection(location: InputLocation(input: file.path), code: .unreadable, reason: error.reason)
                outcomes.append(DocumentOutcome(location: rejection.location, rejection: rejection))
            }
        }
        return outcomes
    }
}
