import Foundation
import Testing

/// The JSON Schemas in `Schemas/` against the saved examples in `Examples/`, checked by the reference
/// implementation of JSON Schema (Python's `jsonschema` with `referencing`, draft 2020-12), offline:
/// every schema is registered under its `$id`, so the relative `$ref`s between them resolve without a
/// network. Negative cases patch a valid example (JSON Pointer = JSON value) so that the schemas are
/// shown to reject what they must, not merely to accept everything.
@Suite("Schema examples")
struct SchemaExamplesTests {
    /// One schema, one example file (relative to `Examples/`) and the patches applied before validating.
    struct Case: CustomTestStringConvertible, Sendable {
        var schema: String
        var example: String
        var patches: [String] = []

        var testDescription: String {
            "\(example) against \(schema)" + (patches.isEmpty ? "" : " with \(patches.joined(separator: ", "))")
        }
    }

    static let mse = "get-gateway-route-detail.schema.json"
    static let vpn = "describe-vco-route-entries.schema.json"
    static let vpnWrapped = "describe-vco-route-entries.wrapped.schema.json"
    static let envelope = "sdk-envelope.schema.json"
    static let error = "error-response.schema.json"

    /// Every example a schema describes; Schemas/README.md has the same table.
    static let validCases: [Case] = [
        Case(schema: mse, example: "responses/mse-route.json"),
        Case(schema: mse, example: "shapes/mse-legacy-services.json"),
        Case(schema: mse, example: "shapes/mse-legacy-services-double.json"),
        Case(schema: vpn, example: "responses/vpn-routes.json"),
        Case(schema: vpn, example: "shapes/with-bom-crlf.json"),
        Case(schema: vpn, example: "shapes/vpn-pager.json"),
        Case(schema: vpn, example: "shapes/vpn-page-1.json"),
        Case(schema: vpn, example: "shapes/vpn-page-3.json"),
        Case(schema: vpnWrapped, example: "shapes/vpn-wrapped.json"),
        Case(schema: vpnWrapped, example: "shapes/vpn-wrapped-single.json"),
        Case(schema: vpnWrapped, example: "shapes/vpn-wrapped-empty.json"),
        Case(schema: envelope, example: "shapes/mse-envelope.json"),
        Case(schema: envelope, example: "shapes/vpn-envelope.json"),
        Case(schema: error, example: "bad/error-mse.json"),
        Case(schema: error, example: "bad/error-vpn.json"),
    ]

    /// Examples, or patched examples, that a schema must reject.
    static let invalidCases: [Case] = [
        Case(schema: mse, example: "responses/mse-route.json", patches: [#"/Data/Id={"value":1050}"#]),
        Case(schema: mse, example: "responses/mse-route.json", patches: [#"/Data/RouteServices/0/Percent="80""#]),
        Case(schema: mse, example: "responses/mse-route.json", patches: ["/Success=false"]),
        Case(schema: mse, example: "responses/mse-route.json", patches: ["/Data/FlowMirror/Percentage=150"]),
        Case(schema: mse, example: "bad/error-mse.json"),
        Case(schema: mse, example: "bad/other-api.json"),
        Case(schema: vpn, example: "responses/vpn-routes.json", patches: ["/VcoRouteEntries/0/NextHopTunnelIdList/0=7"]),
        Case(schema: vpn, example: "responses/vpn-routes.json", patches: ["/PageSize=51"]),
        Case(schema: vpn, example: "shapes/vpn-wrapped.json"),
        Case(schema: vpn, example: "bad/other-api.json"),
        Case(schema: vpnWrapped, example: "responses/vpn-routes.json"),
        Case(schema: vpnWrapped, example: "shapes/vpn-wrapped.json", patches: [#"/VcoRouteEntries/VcoRouteEntrie/0/Weight="100""#]),
        Case(schema: vpnWrapped, example: "shapes/vpn-wrapped.json", patches: [#"/VcoRouteEntries/Other=[]"#]),
        Case(schema: envelope, example: "shapes/mse-envelope.json", patches: [#"/body/Data/Id="1050""#]),
        Case(schema: envelope, example: "responses/mse-route.json"),
        Case(schema: error, example: "responses/mse-route.json"),
        Case(schema: error, example: "responses/vpn-routes.json"),
        Case(schema: error, example: "bad/other-api.json"),
    ]

    /// JSON examples that no schema describes on purpose: shapes routegraph normalises (numbers as
    /// strings, status labels, camelCase keys, the aliyun-cli pager's bare list).
    static let normalisedOnly: Set<String> = [
        "shapes/mse-strnum.json", "shapes/mse-status-label-zh.json", "shapes/mse-status-label-zh-hant.json",
        "shapes/mse-status-label-en.json", "shapes/mse-camelcase.json", "shapes/vpn-strnum.json",
        "shapes/vpn-camelcase.json", "shapes/vpn-pager-cli.json",
    ]

    /// Loads every schema (checking it against the 2020-12 meta-schema), applies the patches and
    /// prints VALID or INVALID last, after up to five errors.
    static let validator = #"""
        import json, pathlib, sys
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource
        root = pathlib.Path(sys.argv[1])
        schemas = {}
        for path in sorted((root / "Schemas").glob("*.schema.json")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            Draft202012Validator.check_schema(schema)
            schemas[path.name] = schema
        registry = Registry().with_resources(
            [(s["$id"], Resource.from_contents(s)) for s in schemas.values()])
        doc = json.loads((root / "Examples" / sys.argv[3]).read_text(encoding="utf-8-sig"))
        for spec in sys.argv[4:]:
            pointer, _, value = spec.partition("=")
            *parents, last = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
            target = doc
            for token in parents:
                target = target[int(token)] if isinstance(target, list) else target[token]
            target[int(last) if isinstance(target, list) else last] = json.loads(value)
        validator = Draft202012Validator(schemas[sys.argv[2]], registry=registry)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
        for e in errors[:5]:
            print("/" + "/".join(map(str, e.absolute_path)) + ": " + e.message[:300])
        print("INVALID" if errors else "VALID")
        """#

    /// Runs the validator; returns its verdict and its whole output for failure messages.
    static func validate(_ c: Case) throws -> (verdict: String, output: String) {
        let result = try ExternalTool.python(validator, [packageRoot.path, c.schema, c.example] + c.patches)
        let output = result.stdout + result.stderr
        #expect(result.status == 0, "python3 with jsonschema and referencing failed:\n\(output)")
        let verdict = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        return (verdict, output)
    }

    @Test("Every described example is valid against its schema", arguments: validCases)
    func exampleIsValid(_ c: Case) throws {
        let (verdict, output) = try Self.validate(c)
        #expect(verdict == "VALID", "\(c.testDescription):\n\(output)")
    }

    @Test("Broken or foreign documents are rejected", arguments: invalidCases)
    func brokenExampleIsInvalid(_ c: Case) throws {
        let (verdict, output) = try Self.validate(c)
        #expect(verdict == "INVALID", "\(c.testDescription) was accepted:\n\(output)")
    }

    @Test("Every JSON example is either validated or listed as normalised only")
    func everyJSONExampleIsAccountedFor() throws {
        let examples = packageRoot.appendingPathComponent("Examples")
        var found: Set<String> = []
        for folder in ["responses", "shapes"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: examples.appendingPathComponent(folder).path)
            found.formUnion(names.filter { $0.hasSuffix(".json") }.map { "\(folder)/\($0)" })
        }
        let validated = Set(Self.validCases.map(\.example))
        #expect(found.subtracting(validated).subtracting(Self.normalisedOnly).sorted() == [])
        #expect(Self.normalisedOnly.subtracting(found).sorted() == [])
    }
}
