// The libFuzzer entry of the fuzz build (scripts/fuzz.sh). The library's sources and these files
// are compiled as one module, so the targets reach internal API without @testable. One binary
// serves every target, chosen by ROUTEGRAPH_FUZZ_TARGET: the library is then compiled with the
// sanitizers once rather than once per target, which matters on a small shared machine.
#if canImport(Glibc)
import Glibc
#endif

/// The targets by name, as scripts/fuzz.sh names them.
let fuzzTargets: [String: @Sendable (UnsafeRawBufferPointer) -> Void] = [
    "json": JSONResponseFuzz.run,
    "xml": XMLResponseFuzz.run,
    "jsonl": JSONLinesFuzz.run,
    "export": GraphExportFuzz.run,
    "gzip": GzipFuzz.run,
    "graph": GraphFileFuzz.run,
]

/// The target of this process, read once.
let selectedFuzzTarget: @Sendable (UnsafeRawBufferPointer) -> Void = {
    guard let name = getenv("ROUTEGRAPH_FUZZ_TARGET").map({ String(cString: $0) }), let target = fuzzTargets[name] else {
        let names = fuzzTargets.keys.sorted().joined(separator: ", ")
        fuzzFail("set ROUTEGRAPH_FUZZ_TARGET to one of: \(names)")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selectedFuzzTarget(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}

/// Stops the run with a message: libFuzzer records the input as a crash (abort is a deadly signal).
func fuzzFail(_ message: String) -> Never {
    var line = "routegraph fuzz invariant broken: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}

/// Checks an invariant of the code under test; a broken one is a finding like a crash.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fuzzFail(message()) }
}

/// A copy of `data` followed by the padding the JSON parser may read past a document's end, as
/// DocumentStream hands documents out.
func withPaddedCopy(_ data: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Int) -> Void) {
    let capacity = data.count + JSONParser.padding
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
    defer { buffer.deallocate() }
    buffer.initializeMemory(as: UInt8.self, repeating: 0x20)
    if let base = data.baseAddress, data.count > 0 { buffer.baseAddress!.copyMemory(from: base, byteCount: data.count) }
    body(UnsafeRawBufferPointer(rebasing: buffer[0..<data.count]), capacity)
}

/// A path for a target's scratch files, in memory where the machine has /dev/shm, unique to this
/// process: `name` tells the targets' files apart.
func fuzzScratchPath(_ name: String) -> String {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(base)/routegraph-fuzz-\(name)\(getpid())"
}

/// Writes `data` to `path`, replacing what was there; a failure stops the run.
func fuzzWrite(_ data: UnsafeRawBufferPointer, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    fuzzCheck(fd >= 0, "cannot create \(path)")
    defer { close(fd) }
    var offset = 0
    while offset < data.count {
        let n = write(fd, data.baseAddress! + offset, data.count - offset)
        fuzzCheck(n > 0, "cannot write \(path)")
        offset += n
    }
}
