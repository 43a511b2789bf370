import Testing

/// The command line allocates through jemalloc with the options `CJemalloc` sets. If the options
/// went unread (the symbol not exported, say), jemalloc would keep freed pages for ten seconds and
/// a 1 GB run would hold 110–130 MB more (docs/performance.md), with every output unchanged.
@Suite("Allocator")
struct AllocatorTests {
    @Test func commandLineReadsItsJemallocOptions() throws {
        let binary = try RouteGraphCLI.executable()
        // jemalloc's own report of where it read options from, on stderr.
        let result = try ExternalTool.run(["MALLOC_CONF=confirm_conf:true", binary.path, "--version"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("global variable malloc_conf): \"dirty_decay_ms:1000,muzzy_decay_ms:0\""))
        #expect(result.stderr.contains("Set conf value: dirty_decay_ms:1000"))
    }
}
