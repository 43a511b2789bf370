import Testing
@testable import RouteGraph

/// Setting attributes over others, as overlays do when a node is named by route after route.
@Suite("Attributes")
struct AttributesTests {
    @Test("a string set again with the same bytes stays; other bytes replace it, a canonically equivalent spelling too")
    func setOver() {
        var a = Attributes()
        a.set(.name, "orders")
        a.set(.namespace, "prod")
        a.set(.port, 8080 as Int64)
        a.set(.name, String(decoding: Array("orders".utf8), as: UTF8.self))
        #expect(a[.name] == .string("orders"))
        a.set(.name, "orders-v2")
        #expect(a[.name] == .string("orders-v2"))
        // `é` as one scalar, then as `e` and a combining accent: equal as Strings, other bytes.
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        a.set(.namespace, composed)
        a.set(.namespace, decomposed)
        guard case .string(let written)? = a[.namespace] else {
            Issue.record("namespace is not a string")
            return
        }
        #expect(Array(written.utf8) == Array(decomposed.utf8))
        // Long enough to be stored apart from the string itself, and differing in the last byte only.
        a.set(.namespace, String(repeating: "n", count: 40) + "a")
        a.set(.namespace, String(repeating: "n", count: 40) + "b")
        #expect(a[.namespace] == .string(String(repeating: "n", count: 40) + "b"))
        // An integer where a string was, and back: each replaces the other.
        a[.name] = .integer(7)
        a.set(.name, "7")
        #expect(a[.name] == .string("7"))
        // Absent or empty values leave what is there.
        a.set(.name, nil as String?)
        a.set(.name, "")
        #expect(a[.name] == .string("7"))
        #expect(a.all.count == 3)
    }

    @Test("UTF-8 sameness: the same bytes, small strings or stored apart")
    func sameUTF8() {
        #expect(ByteOrder.sameUTF8("", ""))
        #expect(ByteOrder.sameUTF8("short", "short"))
        #expect(!ByteOrder.sameUTF8("short", "shorT"))
        #expect(!ByteOrder.sameUTF8("short", "shorter"))
        #expect(!ByteOrder.sameUTF8("caf\u{E9}", "cafe\u{301}"))
        let long = String(repeating: "é", count: 30)
        #expect(ByteOrder.sameUTF8(long, String(decoding: Array(long.utf8), as: UTF8.self)))
        // A string against bytes, as readers compare a kept String with a value on the tape.
        let bytes: [UInt8] = Array("short".utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(ByteOrder.sameUTF8("short", b))
            #expect(!ByteOrder.sameUTF8("shorT", b))
            #expect(!ByteOrder.sameUTF8("shor", b))
            #expect(!ByteOrder.sameUTF8("", b))
        }
        #expect([UInt8]().withUnsafeBufferPointer { ByteOrder.sameUTF8("", $0) })
    }
}
