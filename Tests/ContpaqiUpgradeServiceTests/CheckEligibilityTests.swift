import JSONRPC
import Testing

/// checkEligibility (API.md §3): the cutoff, strict dates, normalisation, installation.
@Suite struct CheckEligibilityTests {
    let service = Service()

    private func check(_ params: String) -> JSON? { service.result("checkEligibility", params) }

    @Test(arguments: [("2011-06-30", false), ("2011-07-01", true), ("2011-07-02", true),
                      ("2010-01-01", false), ("2012-01-10", true)])
    func theCutoffIsTheFirstOfJulyInclusive(_ date: String, _ eligible: Bool) throws {
        let result = try #require(check(#"{"purchaseDate":"\#(date)"}"#))
        #expect(result["eligible"]?.flag == eligible)
        #expect(result["purchaseDate"]?.text == date)
        #expect(result["cutoffDate"]?.text == "2011-07-01")
        #expect(result["targetVersion"]?.text == "2012")
        // keyRequest only when eligible; installation always.
        #expect((result["keyRequest"] != nil) == eligible)
        #expect(result["installation"] != nil)
    }

    @Test func theReasonNamesBothDatesInSpanish() throws {
        let yes = try #require(check(#"{"purchaseDate":"2011-08-15"}"#)?["reason"]?.text)
        #expect(yes.contains("15 de agosto de 2011") && yes.contains("1 de julio de 2011"))
        let no = try #require(check(#"{"purchaseDate":"2011-06-30"}"#)?["reason"]?.text)
        #expect(no.contains("30 de junio de 2011") && no.contains("1 de julio de 2011") && no.contains("no tiene derecho"))
    }

    @Test func anEligiblePurchaseSaysWhereToAskForTheKeys() throws {
        let request = try #require(check(#"{"purchaseDate":"2011-07-01"}"#)?["keyRequest"])
        #expect(request["to"]?.text == "claves@contpaqi.com")
        #expect(request["subject"]?.text == "Solicitud de claves para actualización sin costo")
    }

    /// Strict calendar dates; blank (after trimming white space) or `null` counts as missing
    /// (API.md §2), and a line break inside is still control text.
    @Test(arguments: [
        (#""2011-02-30""#, "INVALID_DATE"), (#""2011-13-01""#, "INVALID_DATE"),
        (#""15/08/2011""#, "INVALID_DATE"), (#""2011-8-15""#, "INVALID_DATE"),
        (#""2011-08-15T00:00:00Z""#, "INVALID_DATE"), (#""2100-02-29""#, "INVALID_DATE"),
        (#""""#, "REQUIRED"), (#""   ""#, "REQUIRED"), (#""\t\r\n""#, "REQUIRED"), ("null", "REQUIRED"),
        ("20110815", "INVALID_TYPE"), (#""2011-08\n-15""#, "INVALID_TEXT"),
    ])
    func datesAreStrict(_ literal: String, _ code: String) throws {
        let error = try #require(service.error("checkEligibility", #"{"purchaseDate":\#(literal)}"#))
        #expect(error.code == -32602)
        #expect(error.summary == ["/purchaseDate \(code)"])
    }

    @Test func aMissingPurchaseDateIsRequired() {
        #expect(service.error("checkEligibility", "{}")?.summary == ["/purchaseDate REQUIRED"])
        #expect(service.error("checkEligibility")?.summary == ["/purchaseDate REQUIRED"])
    }

    @Test func leapDaysAreRealDates() {
        #expect(check(#"{"purchaseDate":"2012-01-10"}"#)?["eligible"]?.flag == true)
        #expect(Service(now: "2012-03-01T12:00:00-06:00").result("checkEligibility", #"{"purchaseDate":"2012-02-29"}"#) != nil)
    }

    /// "Today" is the clock's date in Mexico City: late on the 10th there (already the 11th in
    /// UTC), the 11th is still the future and the 10th is fine.
    @Test func aPurchaseAfterTodayInMexicoCityIsOutOfRange() {
        let lateEvening = Service(now: "2012-01-10T23:30:00-06:00")
        #expect(lateEvening.error("checkEligibility", #"{"purchaseDate":"2012-01-11"}"#)?.summary == ["/purchaseDate OUT_OF_RANGE"])
        #expect(lateEvening.result("checkEligibility", #"{"purchaseDate":"2012-01-10"}"#)?["eligible"]?.flag == true)
    }

    @Test(arguments: [
        ("nominas", "CONTPAQ i Nóminas"), ("NÓMINAS", "CONTPAQ i Nóminas"),
        ("CONTPAQ i – Factura electrónica", "CONTPAQ i Factura electrónica"),
        ("CONTPAQ i - Factura Electronica", "CONTPAQ i Factura electrónica"),
        ("factura electronica", "CONTPAQ i Factura electrónica"),
        ("contpaqi contabilidad", "CONTPAQ i Contabilidad"), ("CONTPAQi Bancos", "CONTPAQ i Bancos"),
        ("  BANCOS ", "CONTPAQ i Bancos"), ("CONTPAQ i Nóminas", "CONTPAQ i Nóminas"),
        ("No\u{301}minas", "CONTPAQ i Nóminas"),  // decomposed accent
    ])
    func systemTypesAreNormalisedToTheCatalogName(_ input: String, _ canonical: String) {
        let result = check(#"{"purchaseDate":"2011-08-15","systemType":\#(quoted(input))}"#)
        #expect(result?["systemType"]?.text == canonical)
    }

    @Test(arguments: ["Factura", "CONTPAQ i", "Nóminas 2", "Nomina", "AdminPAQ", "Bancos, Nóminas"])
    func anUnknownSystemTypeListsTheCatalog(_ input: String) throws {
        let error = try #require(service.error("checkEligibility", #"{"purchaseDate":"2011-08-15","systemType":\#(quoted(input))}"#))
        #expect(error.summary == ["/systemType UNKNOWN_SYSTEM_TYPE"])
        for name in ["CONTPAQ i Factura electrónica", "CONTPAQ i Contabilidad", "CONTPAQ i Nóminas", "CONTPAQ i Bancos"] {
            #expect(error.messages.first?.contains(name) == true)
        }
    }

    @Test(arguments: [("aaaa-bbbb-cccc-ffff", "AAAA-BBBB-CCCC-FFFF"), ("Aaaa-Bbbb-Cccc-Dddd", "AAAA-BBBB-CCCC-DDDD"),
                      ("1a2B-3c4D-5e6F-7g8H", "1A2B-3C4D-5E6F-7G8H"), (" ABCD-1234-EFGH-5678 ", "ABCD-1234-EFGH-5678")])
    func serialsAreUpperCased(_ input: String, _ expected: String) {
        #expect(check(#"{"purchaseDate":"2011-08-15","serialNumber":\#(quoted(input))}"#)?["serialNumber"]?.text == expected)
    }

    @Test(arguments: ["AAAA-BBBB-CCCC", "AAAA-BBBB-CCCC-DDDDD", "AAAABBBBCCCCDDDD", "AAAA_BBBB_CCCC_DDDD",
                      "AAAA-BBBB-CCCC-DDDÑ", "AAAA--BBB-CCCC-DDDD", "AAAA-BBBB-CCCC-DD D"])
    func malformedSerialsAreRefused(_ input: String) {
        #expect(service.error("checkEligibility", #"{"purchaseDate":"2011-08-15","serialNumber":\#(quoted(input))}"#)?.summary
                == ["/serialNumber INVALID_SERIAL"])
    }

    @Test func typeAndSerialAppearOnlyWhenGiven() throws {
        let bare = try #require(check(#"{"purchaseDate":"2011-08-15"}"#))
        #expect(bare["systemType"] == nil && bare["serialNumber"] == nil)
    }

    @Test func withACurrentPolicyInstallationIsIncluded() throws {
        let installation = try #require(check(#"{"purchaseDate":"2011-08-15","hasActiveSupportPolicy":true}"#)?["installation"])
        #expect(installation["includedInPolicy"]?.flag == true)
        #expect(installation["phone"]?.text == "5141-5110")
        #expect(installation["options"]?.elements?.isEmpty == true)
    }

    @Test(arguments: ["", #","hasActiveSupportPolicy":false"#, #","hasActiveSupportPolicy":null"#])
    func withoutAPolicyTheTwoOptionsPointAtQuoteSupport(_ flag: String) throws {
        let installation = try #require(check(#"{"purchaseDate":"2011-06-30"\#(flag)}"#)?["installation"])
        #expect(installation["includedInPolicy"]?.flag == false)
        #expect(installation["phone"]?.text == "5141-5110")
        let options = try #require(installation["options"]?.elements)
        #expect(options.map { $0["option"]?.text } == ["renewPolicy", "perEvent"])
        #expect(options.allSatisfy { $0["quoteMethod"]?.text == "quoteSupport" })
        #expect(options[0]["plans"] == .array(["quarterly", "semiannual", "annual"]))
        #expect(options[1]["plans"] == .array(["perEvent"]))
        #expect(options[0]["description"]?.text?.contains("cursos y talleres") == true)
    }

    @Test func everyProblemIsReportedInParamsOrder() {
        let error = service.error("checkEligibility", #"{"zz":1,"hasActiveSupportPolicy":"yes","serialNumber":"x","systemType":"y","purchaseDate":"2011-02-30"}"#)
        #expect(error?.summary == ["/purchaseDate INVALID_DATE", "/systemType UNKNOWN_SYSTEM_TYPE", "/serialNumber INVALID_SERIAL",
                                   "/hasActiveSupportPolicy INVALID_TYPE", "/zz UNKNOWN_FIELD"])
    }
}
