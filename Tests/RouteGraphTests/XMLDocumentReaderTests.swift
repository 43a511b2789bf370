import Testing
@testable import RouteGraph

@Suite("XMLDocumentReader")
struct XMLDocumentReaderTests {
    // MARK: Helpers

    private func parse(_ bytes: [UInt8], maxDepth: Int = 256) throws(DocumentError) -> XMLDocument {
        let reader = XMLDocumentReader(maxDepth: maxDepth)
        let result: Result<XMLDocument, DocumentError> = bytes.withUnsafeBytes { buffer in
            do throws(DocumentError) { return .success(try reader.parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private func parse(_ xml: String, maxDepth: Int = 256) throws(DocumentError) -> XMLDocument {
        try parse(Array(xml.utf8), maxDepth: maxDepth)
    }

    /// The error a document is refused with; nil when it is accepted.
    private func failure(_ xml: String, maxDepth: Int = 256) -> DocumentError? {
        do throws(DocumentError) {
            _ = try parse(xml, maxDepth: maxDepth)
            return nil
        } catch {
            return error
        }
    }

    /// A compact JSON-like rendering of a tape value, keys in tape order, to compare whole shapes.
    private func render(_ element: Element) -> String {
        if element.isObject {
            return "{" + element.members.map { "\"\($0.key)\":\(render($0.value))" }.joined(separator: ",") + "}"
        }
        if element.isArray { return "[" + element.elements.map(render).joined(separator: ",") + "]" }
        if element.isNull { return "null" }
        return "\"\(element.text ?? "?")\""
    }

    private func rendered(_ xml: String) throws -> String {
        try parse(xml).withRoot(render)
    }

    // MARK: Mapping

    @Test func mapsContainersListsLeavesAndEmptyElements() throws {
        let document = try parse("<R><A><I>1</I><I>2</I></A><B>x</B><C/></R>")
        #expect(document.rootName == "R")
        #expect(document.withRoot(render) == #"{"A":{"I":["1","2"]},"B":"x","C":""}"#)
    }

    @Test func repeatedElementWithChildrenBecomesArrayOfObjects() throws {
        #expect(try rendered("<R><L><k>1</k></L><L><k>2</k></L></R>") == #"{"L":[{"k":"1"},{"k":"2"}]}"#)
    }

    @Test func repeatedNamesAreGroupedEvenWhenNotAdjacent() throws {
        #expect(try rendered("<R><A>1</A><B>x</B><A>2</A><C/><A>3</A></R>") == #"{"A":["1","2","3"],"B":"x","C":""}"#)
    }

    @Test func singleItemStaysAScalarOrObject() throws {
        // XML cannot tell a one-item list from a field; readers must accept both.
        #expect(try rendered("<R><L><I>1</I></L><M><k>v</k></M></R>") == #"{"L":{"I":"1"},"M":{"k":"v"}}"#)
    }

    @Test func decodesTextAndIgnoresMarkupThatCarriesNoData() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- saved by hand -->
            <R xmlns="urn:x" xmlns:p="urn:p">
              <?pi ignored?>
              <Amp>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#x4E2D;&#25991;</Amp>
              <Data><![CDATA[<raw> & ]]>tail</Data>
              <Mixed>ignored text<Inner>kept</Inner>more ignored</Mixed>
              <p:Prefixed attr="ignored">v</p:Prefixed>
              <Space>  two  </Space>
              <Open></Open>
            </R>
            """
        let document = try parse(xml)
        #expect(document.rootName == "R")
        #expect(document.withRoot(render) == """
            {"Amp":"a & b <c> "d" 'e' 中文","Data":"<raw> & tail","Mixed":{"Inner":"kept"},"Prefixed":"v","Space":"  two  ","Open":""}
            """)
    }

    @Test func xsiNilIsNull() throws {
        let xml = """
            <R xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <A xsi:nil="true"/><B xsi:nil="false">b</B><L>1</L><L xsi:nil="true"></L></R>
            """
        #expect(try rendered(xml) == #"{"A":null,"B":"b","L":["1",null]}"#)
    }

    @Test func leafRootIsAnEmptyObject() throws {
        let document = try parse("<Error/>")
        #expect(document.rootName == "Error")
        #expect(document.withRoot { $0.isObject && $0.count == 0 })
    }

    // MARK: Responses

    private static let entry1 = """
        <VpnConnectionId>vco-bp1e4ixz2o8x****</VpnConnectionId><RouteDest>10.0.0.0/24</RouteDest>\
        <NextHop>vco-bp1e4ixz2o8x****</NextHop><Weight>100</Weight><State>published</State>\
        <RouteEntryType>custom</RouteEntryType><CreateTime>1658387202000</CreateTime><AsPath>[65001 &lt; 4134]</AsPath>\
        <Community></Community><Source>CLOUD</Source><Description>杭州 到 北京 &amp; 上海</Description>
        """
    private static let entry2 = """
        <VpnConnectionId>vco-bp1e4ixz2o8x****</VpnConnectionId><RouteDest>192.168.10.0/24</RouteDest>\
        <NextHop>vco-peer</NextHop><Weight>0</Weight><State>Active</State><RouteEntryType>bgp</RouteEntryType>\
        <CreateTime>1658387203000</CreateTime><AsPath/><Community>65535:65510</Community><Source>VPN_BGP</Source>
        """

    /// Checks a DescribeVcoRouteEntries page read from either list style: `entries` finds the
    /// entries in the root, `tunnels` the tunnels in the first entry.
    private func checkVcoPage(_ document: XMLDocument, entries: (Element) -> [Element], tunnels: (Element) -> [Element]) {
        #expect(document.rootName == "DescribeVcoRouteEntriesResponse")
        document.withRoot { root in
            #expect(root["TotalCount"]?.int64 == 25)
            #expect(root["PageNumber"]?.int64 == 1)
            #expect(root["RequestId"]?.string == "7C6D3B7A-EF2A-5D7E-9B24-7C4B1F5E0A11")
            let entries = entries(root)
            #expect(entries.count == 2)
            guard entries.count == 2 else { return }
            #expect(entries[0]["RouteDest"]?.string == "10.0.0.0/24")
            #expect(entries[0]["Weight"]?.int64 == 100)
            #expect(entries[0]["createTime"]?.int64 == 1_658_387_202_000)
            #expect(entries[0]["AsPath"]?.string == "[65001 < 4134]")
            #expect(entries[0]["Description"]?.string == "杭州 到 北京 & 上海")
            #expect(entries[0]["Community"]?.string == "")
            #expect(entries[1]["RouteEntryType"]?.string == "bgp")
            #expect(entries[1]["AsPath"]?.string == "")
            #expect(entries[1]["Description"] == nil)
            #expect(tunnels(entries[0]).compactMap(\.string) == ["tun-1", "tun-2"])
        }
    }

    @Test func describeVcoRouteEntriesWithItemElements() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVcoRouteEntriesResponse><TotalCount>25</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize>\
            <VcoRouteEntries>\
            <VcoRouteEntrie>\(Self.entry1)<NextHopTunnelIdList><NextHopTunnelId>tun-1</NextHopTunnelId>\
            <NextHopTunnelId>tun-2</NextHopTunnelId></NextHopTunnelIdList></VcoRouteEntrie>\
            <VcoRouteEntrie>\(Self.entry2)</VcoRouteEntrie>\
            </VcoRouteEntries><RequestId>7C6D3B7A-EF2A-5D7E-9B24-7C4B1F5E0A11</RequestId></DescribeVcoRouteEntriesResponse>

            """
        checkVcoPage(
            try parse(xml), entries: { $0["VcoRouteEntries"]?["VcoRouteEntrie"]?.elements ?? [] },
            tunnels: { $0["NextHopTunnelIdList"]?["NextHopTunnelId"]?.elements ?? [] })
    }

    @Test func describeVcoRouteEntriesWithRepeatedListElements() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVcoRouteEntriesResponse><TotalCount>25</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize>\
            <VcoRouteEntries>\(Self.entry1)<NextHopTunnelIdList>tun-1</NextHopTunnelIdList>\
            <NextHopTunnelIdList>tun-2</NextHopTunnelIdList></VcoRouteEntries>\
            <VcoRouteEntries>\(Self.entry2)</VcoRouteEntries>\
            <RequestId>7C6D3B7A-EF2A-5D7E-9B24-7C4B1F5E0A11</RequestId></DescribeVcoRouteEntriesResponse>

            """
        checkVcoPage(
            try parse(xml), entries: { $0["VcoRouteEntries"]?.elements ?? [] },
            tunnels: { $0["NextHopTunnelIdList"]?.elements ?? [] })
    }

    @Test func errorDocument() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><RequestId>5E4A3B1C-0000-4000-8000-000000000001</RequestId><HostId>vpc.aliyuncs.com</HostId>\
            <Code>Forbidden</Code><Message>User not authorized to operate on the specified resource.</Message></Error>
            """
        let document = try parse(xml)
        #expect(document.rootName == "Error")
        #expect(document.withRoot { $0["Code"]?.string } == "Forbidden")
        #expect(document.withRoot { $0["HostId"]?.string } == "vpc.aliyuncs.com")
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<GetGatewayRouteDetailResponse>\r\n"
            + "  <Data>\r\n    <Name>r1</Name>\r\n    <Description>one\r\ntwo</Description>\r\n  </Data>\r\n"
            + "  <Success>true</Success>\r\n</GetGatewayRouteDetailResponse>\r\n"
        let document = try parse([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(document.rootName == "GetGatewayRouteDetailResponse")
        #expect(document.withRoot(render) == #"{"Data":{"Name":"r1","Description":"one\#ntwo"},"Success":"true"}"#)
        #expect(document.withRoot { $0["success"]?.bool } == true)
    }

    // MARK: Refusals

    @Test func malformedXMLReportsItsLine() throws {
        let error = failure("<R>\n  <A>x</A>\n  <B>y</C>\n</R>\n")
        guard case .invalidXML(let why) = error else {
            Issue.record("expected invalidXML, got \(String(describing: error))")
            return
        }
        #expect(why.hasPrefix("line 3: "), "\(why)")
        #expect(why.contains("mismatch"), "\(why)")
    }

    @Test(arguments: [
        "<R><A>x</A>",  // truncated
        "<R></R><S/>",  // a second root
        "<R>&undefined;</R>",
        "no markup at all",
        "<R><A>1</A></R>trailing",
    ])
    func otherMalformedDocumentsAreInvalid(xml: String) {
        guard case .invalidXML(let why) = failure(xml) else {
            Issue.record("expected invalidXML for \(xml)")
            return
        }
        #expect(why.hasPrefix("line "), "\(why)")
    }

    @Test(arguments: ["", " \n\t "])
    func emptyInputIsInvalid(xml: String) {
        guard case .invalidXML(let why) = failure(xml) else {
            Issue.record("expected invalidXML for \(xml.debugDescription)")
            return
        }
        #expect(why.hasPrefix("line "), "\(why)")
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        var previous = "lol"
        for level in 1...9 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
            previous = "lol\(level)"
        }
        xml += "]>\n<lolz>&lol9;</lolz>\n"
        let clock = ContinuousClock()
        var error: DocumentError?
        let elapsed = clock.measure { error = failure(xml) }
        #expect(error == .forbiddenXML("document type declarations and entities are not accepted in API responses"))
        #expect(elapsed < .seconds(1))
    }

    @Test(arguments: [
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><r/>",
        "<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r/>",
        "<?xml version=\"1.0\"?><!DOCTYPE r><r>ok</r>",
    ])
    func doctypesAndEntitiesAreRefusedWithoutReadingFiles(xml: String) {
        let error = failure(xml)
        #expect(error == .forbiddenXML("document type declarations and entities are not accepted in API responses"))
        if xml.contains("passwd") {
            #expect(!String(describing: error).contains("root:"))
        }
    }

    @Test func doctypeAfterCommentsAndInstructionsIsRefused() {
        let xml = "\u{FEFF}<?xml version=\"1.0\"?>\r\n<!-- <r/> -->\n<?pi x?>\n<!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>"
        #expect(failure(xml) == .forbiddenXML("document type declarations and entities are not accepted in API responses"))
    }

    @Test func utf16DocumentsAreReadAndTheirDoctypesRefused() throws {
        func utf16LE(_ text: String) -> [UInt8] {
            [0xFF, 0xFE] + text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        }
        let plain = try parse(utf16LE("<?xml version=\"1.0\" encoding=\"UTF-16\"?><R><A>中文</A></R>"))
        #expect(plain.withRoot(render) == #"{"A":"中文"}"#)
        do throws(DocumentError) {
            _ = try parse(utf16LE("<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE R [<!ENTITY a \"b\">]><R>&a;</R>"))
            Issue.record("a UTF-16 DOCTYPE was accepted")
        } catch {
            #expect(error == .forbiddenXML("document type declarations and entities are not accepted in API responses"))
        }
    }

    @Test func doctypeTextInsideContentIsOnlyText() throws {
        #expect(try rendered("<R><A><![CDATA[<!DOCTYPE x>]]></A><!-- <!DOCTYPE y> --></R>") == #"{"A":"<!DOCTYPE x>"}"#)
    }

    @Test func externalEntityContentNeverReachesTheTape() {
        // Whatever libxml2 did, nothing of /etc/passwd may come out: neither in an error nor, had
        // the document been accepted, in a value.
        let xml = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"
        do throws(DocumentError) {
            let document = try parse(xml)
            Issue.record("accepted: \(document.withRoot(render))")
        } catch {
            #expect(!error.message.contains("root:"))
            #expect(error == .forbiddenXML("document type declarations and entities are not accepted in API responses"))
        }
    }

    @Test func deepNestingIsRefused() {
        let depth = 10_000
        let xml = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        #expect(failure(xml) == .tooDeep(limit: 256))
    }

    private func nested(_ depth: Int) -> String {
        String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
    }

    @Test func defaultDepthLimitIsExact() throws {
        #expect(try parse(nested(256)).rootName == "a")
        #expect(failure(nested(257)) == .tooDeep(limit: 256))
    }

    @Test func libxml2DepthLimitIsReportedAsTooDeep() {
        // libxml2 stops at 256 levels by itself (XML_PARSE_HUGE is never given); that must not
        // come out as a syntax error.
        #expect(failure(nested(2_000), maxDepth: 5_000) == .tooDeep(limit: 256))
    }

    @Test func depthLimitIsExact() throws {
        // Three levels of elements: R, A, B.
        let xml = "<R><A><B>x</B></A></R>"
        #expect(failure(xml, maxDepth: 2) == .tooDeep(limit: 2))
        #expect(try parse(xml, maxDepth: 3).withRoot(render) == #"{"A":{"B":"x"}}"#)
    }
}
