import ArgumentParser

@main
struct RouteGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routegraph",
        abstract: "Turn saved Alibaba Cloud API responses into a network topology graph.",
        discussion: """
            routegraph reads saved responses of MSE GetGatewayRouteDetail (gateway routes) and VPN \
            Gateway DescribeVcoRouteEntries (IPsec route entries), in any shape archives hold them \
            (JSON or XML, flat or wrapped lists, JSON Lines, gzip, standard input), and writes one \
            canonical route graph as GraphML, Graphviz DOT, CSV and JSON Lines.

            Examples:
              routegraph convert Examples/responses --output out
              routegraph convert archive.jsonl.gz --output out --report report.json
              routegraph inspect archive/
              routegraph diff last-month/ --against today/ --output drift
              routegraph merge shard-*/graph.jsonl --output out
            """,
        version: "0.1.0",
        subcommands: [Convert.self, Inspect.self, DiffCommand.self, Merge.self]
    )

    /// Runs the command. `diff` follows diff(1): any error, a usage error included, exits 2, so a
    /// scheduled job can tell "the graphs differ" (1) from "the comparison failed".
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if CommandLine.arguments.dropFirst().first == "diff", code != .success, code.rawValue != 1 {
                Terminal.error(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
