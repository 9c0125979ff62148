import JSONRPC
import Testing

/// requestKeys params (API.md §2–3): every error collected, each with its JSON Pointer.
@Suite struct RequestKeysValidationTests {
    let service = Service()

    private func errors(_ params: String) -> [String]? { service.error("requestKeys", params)?.summary }

    private func systems(_ count: Int) -> String {
        "[" + (0..<count).map { Sample.system("nominas", "AAAA-BBBB-CCCC-" + String(1000 + $0 % 9000)) }.joined(separator: ",") + "]"
    }

    @Test func everyRequiredFieldIsReportedAtOnce() {
        #expect(errors("{}") == ["/company REQUIRED", "/contactName REQUIRED", "/contactEmail REQUIRED", "/systems REQUIRED"])
        #expect(errors(#"{"company":" ","contactName":null,"contactEmail":"","systems":null}"#)
                == ["/company REQUIRED", "/contactName REQUIRED", "/contactEmail REQUIRED", "/systems REQUIRED"])
        #expect(errors(Sample.request(systems: #"[{}]"#)) == ["/systems/0/systemType REQUIRED", "/systems/0/serialNumber REQUIRED"])
    }

    /// 200 Unicode scalars pass, 201 do not, however they are written.
    @Test(arguments: ["company", "contactName"])
    func textIsAtMostTwoHundredScalars(_ field: String) {
        let params = { (text: String) in
            field == "company" ? Sample.request(company: text) : Sample.request(contact: text)
        }
        for ok in [String(repeating: "a", count: 200), String(repeating: "ñ", count: 200),
                   String(repeating: "😀", count: 200), String(repeating: "e\u{301}", count: 100),
                   "  " + String(repeating: "a", count: 200) + "  "] {
            #expect(service.result("requestKeys", params(ok)) != nil)
        }
        for long in [String(repeating: "a", count: 201), String(repeating: "ñ", count: 201),
                     String(repeating: "😀", count: 201), String(repeating: "e\u{301}", count: 100) + "e"] {
            #expect(errors(params(long)) == ["/\(field) TOO_LONG"])
        }
    }

    @Test(arguments: ["rgonzalez", "@empresamuestra.com.mx", "r@", "r@empresamuestra", "r@empresa..mx",
                      "Raul <r@empresa.mx>", "r gonzalez@empresa.mx", "r@empresa.mx.", "ráúl@empresa.mx",
                      "r@@empresa.mx", ".r@empresa.mx", "r@-empresa.mx", "r@empresa.m"])
    func malformedAddressesAreRefused(_ address: String) {
        #expect(errors(Sample.request(email: address)) == ["/contactEmail INVALID_EMAIL"])
        #expect(errors(Sample.request(extra: #""from":\#(quoted(address))"#)) == ["/from INVALID_EMAIL"])
        #expect(errors(Sample.request(extra: #""cc":["ok@b.mx",\#(quoted(address))]"#)) == ["/cc/1 INVALID_EMAIL"])
        #expect(errors(Sample.request(extra: #""bcc":[\#(quoted(address))]"#)) == ["/bcc/0 INVALID_EMAIL"])
    }

    /// RFC 2047 §5: `=?` opens an encoded-word, which a careless reader decodes even inside an
    /// address, showing the spoofed sender instead of the real one.
    @Test(arguments: ["=?utf-8?q?spy=40evil.com?=@example.com", "a=?b@empresa.mx", "ab=?@empresa.mx", "=?@empresa.mx"])
    func encodedWordMarkersAreRefusedInEveryAddress(_ address: String) {
        #expect(errors(Sample.request(email: address)) == ["/contactEmail INVALID_EMAIL"])
        #expect(errors(Sample.request(extra: #""from":\#(quoted(address))"#)) == ["/from INVALID_EMAIL"])
        #expect(errors(Sample.request(extra: #""cc":[\#(quoted(address))]"#)) == ["/cc/0 INVALID_EMAIL"])
        #expect(errors(Sample.request(extra: #""bcc":["ok@b.mx",\#(quoted(address))]"#)) == ["/bcc/1 INVALID_EMAIL"])
        #expect(service.error("requestKeys", Sample.request(email: address))?.messages.first?.contains("=?") == true)
    }

    /// `=` and `?` are each plain atext; only the pair is refused.
    @Test(arguments: ["a=b@empresa.mx", "a?b@empresa.mx", "a?=b@empresa.mx", "a=@empresa.mx", "?a@empresa.mx"])
    func equalsOrQuestionMarkAloneIsStillAnAddress(_ address: String) {
        let result = service.result("requestKeys", Sample.request(extra: #""from":\#(quoted(address)),"cc":[\#(quoted(address))]"#))
        #expect(result?["from"]?.text == address)
    }

    @Test(arguments: ["\t", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{0}", "\u{1B}", "\u{FFFD}"])
    func controlCharactersAreInvalidText(_ scalar: String) {
        #expect(errors(Sample.request(company: "Empresa" + scalar + "X")) == ["/company INVALID_TEXT"])
        // At the start, White_Space (tab, NEL, U+2028/2029) is trimmed; other controls are not.
        let trimmed = scalar.unicodeScalars.first!.properties.isWhitespace
        #expect(errors(Sample.request(contact: scalar + "Raul")) == (trimmed ? nil : ["/contactName INVALID_TEXT"]))
    }

    @Test func systemsAreCheckedOneByOne() {
        let list = "[" + Sample.system("Nominas", "AAAA-BBBB-CCCC-0001") + "," + Sample.system("AdminPAQ", "AAAA-BBBB-CCCC-0002") + ","
            + Sample.system("bancos", "AAAA-BBBB-CCC-0003") + "," + Sample.system("bancos", "AAAA-BBBB-CCCC-0004", purchaseDate: "2011-02-30") + ",7]"
        #expect(errors(Sample.request(systems: list)) == ["/systems/1/systemType UNKNOWN_SYSTEM_TYPE", "/systems/2/serialNumber INVALID_SERIAL",
                                                          "/systems/3/purchaseDate INVALID_DATE", "/systems/4 INVALID_TYPE"])
    }

    /// Case-insensitive, reported on each repeat, never on the first occurrence.
    @Test func duplicateSerialsAreReportedOnTheRepeat() {
        let list = "[" + ["aaaa-bbbb-cccc-dddd", "AAAA-BBBB-CCCC-EEEE", "AAAA-BBBB-CCCC-DDDD", "Aaaa-Bbbb-Cccc-Dddd"]
            .map { Sample.system("bancos", $0) }.joined(separator: ",") + "]"
        #expect(errors(Sample.request(systems: list)) == ["/systems/2/serialNumber DUPLICATE_SERIAL", "/systems/3/serialNumber DUPLICATE_SERIAL"])
    }

    /// A serial that failed to read is not compared: it must not be "repeated" by a real one.
    @Test func anUnreadSerialIsNeverADuplicate() {
        let list = "[" + Sample.system("bancos", "bad") + "," + Sample.system("bancos", "") + ","
            + Sample.system("bancos", "AAAA-AAAA-AAAA-AAAA") + "]"
        #expect(errors(Sample.request(systems: list)) == ["/systems/0/serialNumber INVALID_SERIAL", "/systems/1/serialNumber REQUIRED"])
    }

    @Test func oneToAThousandSystems() {
        #expect(errors(Sample.request(systems: "[]")) == ["/systems OUT_OF_RANGE"])
        #expect(errors(Sample.request(systems: systems(1001))) == ["/systems TOO_LONG"])
        #expect(errors(Sample.request(systems: #"{"systemType":"bancos"}"#)) == ["/systems INVALID_TYPE"])
        #expect(service.result("requestKeys", Sample.request(systems: systems(1000)))?["systems"]?.elements?.count == 1000)
    }

    @Test func atMostTwentyCopies() {
        let addresses = { (count: Int) in "[" + (0..<count).map { #""c\#($0)@b.mx""# }.joined(separator: ",") + "]" }
        #expect(service.result("requestKeys", Sample.request(extra: #""cc":\#(addresses(20)),"bcc":\#(addresses(20))"#)) != nil)
        #expect(errors(Sample.request(extra: #""cc":\#(addresses(21))"#)) == ["/cc TOO_LONG"])
        #expect(errors(Sample.request(extra: #""bcc":\#(addresses(21))"#)) == ["/bcc TOO_LONG"])
        #expect(errors(Sample.request(extra: #""cc":"a@b.mx""#)) == ["/cc INVALID_TYPE"])
    }

    @Test(arguments: ["2012-01-10T16:30:00", "2012-01-10 16:30:00-06:00", "2012-01-10", "2012-01-10T25:00:00Z",
                      "2012-01-10T16:30:60Z", "2012-02-30T10:00:00Z", "2012-01-10T16:30:00+24:00"])
    func sentAtIsRFC3339WithAnOffset(_ text: String) {
        #expect(errors(Sample.request(extra: #""sentAt":\#(quoted(text))"#)) == ["/sentAt INVALID_DATETIME"])
    }

    @Test func aFuturePurchaseDateIsOutOfRange() {
        let list = "[" + Sample.system("bancos", "AAAA-BBBB-CCCC-0001", purchaseDate: "2012-01-11") + "]"
        #expect(errors(Sample.request(systems: list)) == ["/systems/0/purchaseDate OUT_OF_RANGE"])
    }

    @Test func preCutoffSystemsAreNotEligibleAndAllListed() throws {
        let list = "[" + Sample.system("bancos", "AAAA-BBBB-CCCC-0001", purchaseDate: "2011-06-30") + ","
            + Sample.system("nominas", "AAAA-BBBB-CCCC-0002", purchaseDate: "2011-07-01") + ","
            + Sample.system("contabilidad", "AAAA-BBBB-CCCC-0003", purchaseDate: "2009-01-01") + ","
            + Sample.system("contabilidad", "AAAA-BBBB-CCCC-0004") + "]"
        let error = try #require(service.error("requestKeys", Sample.request(systems: list)))
        #expect(error.code == -32001)
        #expect(error.message == "Not eligible")
        #expect(error.summary == ["/systems/0/purchaseDate NOT_ELIGIBLE", "/systems/2/purchaseDate NOT_ELIGIBLE"])
        #expect(error.messages.first?.contains("30 de junio de 2011") == true)
    }

    /// Invalid params win: -32602 alone, with no NOT_ELIGIBLE among its errors.
    @Test func invalidAndPreCutoffIsInvalidParamsOnly() throws {
        let list = "[" + Sample.system("bancos", "AAAA-BBBB-CCCC-0001", purchaseDate: "2011-06-30") + "]"
        let error = try #require(service.error("requestKeys", Sample.request(systems: list, email: "nadie")))
        #expect(error.code == -32602)
        #expect(error.summary == ["/contactEmail INVALID_EMAIL"])
    }

    @Test func unknownFieldsComeLastWithTheirPaths() {
        let list = #"[{"systemType":"bancos","serialNumber":"AAAA-BBBB-CCCC-0001","version":"2012"}]"#
        #expect(errors(Sample.request(systems: list, email: "x", extra: #""attachment":true"#))
                == ["/contactEmail INVALID_EMAIL", "/systems/0/version UNKNOWN_FIELD", "/attachment UNKNOWN_FIELD"])
    }

    @Test func anArrayOfParamsIsInvalidType() {
        #expect(service.error("requestKeys", "[]")?.summary == [" INVALID_TYPE"])
    }
}
