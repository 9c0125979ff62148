import JSONRPC
import Testing

/// quoteSupport (API.md §3): the source document's price table, January, IVA, exact sums.
@Suite struct QuoteSupportTests {
    let service = Service()

    private func quote(_ params: String) -> JSON? { service.result("quoteSupport", params) }

    /// Cents from a money string, so sums are checked in integers, never floats.
    private func cents(_ json: JSON?) -> Int? {
        guard let text = json?.text else { return nil }
        let parts = text.split(separator: ".")
        guard parts.count == 2, parts[1].count == 2, let whole = Int(parts[0]), let fraction = Int(parts[1]) else { return nil }
        return whole * 100 + fraction
    }

    @Test(arguments: [("quarterly", "2500.00", "Póliza de soporte remoto trimestral"),
                      ("semiannual", "4000.00", "Póliza de soporte remoto semestral"),
                      ("annual", "6500.00", "Póliza de soporte remoto anual")])
    func policyListPrices(_ plan: String, _ price: String, _ label: String) throws {
        let result = try #require(quote(#"{"plan":"\#(plan)","date":"2012-02-01"}"#))
        #expect(result["unitPrice"]?.text == price)
        #expect(result["listSubtotal"]?.text == price)
        #expect(result["planLabel"]?.text == label)
        #expect(result["currency"]?.text == "MXN")
        #expect(result["discount"]?.isNull == true)
        #expect(result["users"]?.isNull == true)
        #expect(result["includes"]?.elements?.count == 2)
    }

    @Test(arguments: [(1, "800.00"), (2, "800.00"), (3, "1200.00"), (5, "1200.00"), (6, "1900.00"),
                      (10, "1900.00"), (11, "2200.00"), (20, "2200.00")])
    func perEventTierBoundaries(_ users: Int, _ price: String) throws {
        let result = try #require(quote(#"{"plan":"perEvent","users":\#(users),"date":"2012-01-15"}"#))
        #expect(result["unitPrice"]?.text == price)
        #expect(result["users"] == .number(String(users)))
        #expect(result["customQuoteRequired"]?.flag == false)
        #expect(result["discount"]?.isNull == true)  // January does not touch per-event support
        #expect(result["planLabel"]?.text == "Soporte por evento")
    }

    @Test(arguments: [21, 100, 100_000])
    func moreThanTwentyUsersIsQuotedPerProject(_ users: Int) throws {
        let result = try #require(quote(#"{"plan":"perEvent","users":\#(users),"systems":3}"#))
        #expect(result["customQuoteRequired"]?.flag == true)
        for field in ["unitPrice", "listSubtotal", "discount", "subtotal", "iva", "total"] {
            #expect(result[field]?.isNull == true, "\(field) must be null")
        }
        #expect(result["notes"]?.elements?.contains { $0.text?.contains("Se cotizará por proyecto") == true } == true)
        #expect(result["ivaRate"]?.text == "0.16")
    }

    @Test(arguments: [
        ("2012-01-01", "semiannual", true), ("2012-01-31", "annual", true),
        ("2012-02-01", "annual", false), ("2011-12-31", "semiannual", false),
        ("2012-12-31", "annual", false), ("2012-01-15", "quarterly", false),
    ])
    func januaryTakesTwentyPercentOffSemiannualAndAnnualOnly(_ date: String, _ plan: String, _ discounted: Bool) throws {
        let result = try #require(quote(#"{"plan":"\#(plan)","date":"\#(date)"}"#))
        #expect(result["date"]?.text == date)
        if discounted {
            let discount = try #require(result["discount"])
            #expect(discount["percent"]?.text == "20")
            #expect(cents(discount["amount"]) == (cents(result["listSubtotal"]) ?? 0) / 5)
        } else {
            #expect(result["discount"]?.isNull == true)
        }
    }

    /// The README's example, and the source's "DURANTE EL MES DE ENERO" on two annual policies.
    @Test func annualForTwoSystemsInJanuary() throws {
        let result = try #require(quote(#"{"plan":"annual","systems":2,"date":"2012-01-10"}"#))
        #expect(result["unitPrice"]?.text == "6500.00")
        #expect(result["listSubtotal"]?.text == "13000.00")
        #expect(result["discount"]?["amount"]?.text == "2600.00")
        #expect(result["subtotal"]?.text == "10400.00")
        #expect(result["iva"]?.text == "1664.00")
        #expect(result["total"]?.text == "12064.00")
        #expect(result["multiSystemPromotion"]?.flag == true)
        #expect(result["notes"] == .array(["Si tiene más de 1 sistema pregunte por los precios de promoción."]))
    }

    @Test func oneSystemHasNoPromotionNote() throws {
        let result = try #require(quote(#"{"plan":"perEvent","users":4,"date":"2012-02-01"}"#))
        #expect(result["multiSystemPromotion"]?.flag == false)
        #expect(result["notes"] == .array([]))
        #expect(result["systems"] == .number("1"))
    }

    @Test(arguments: [("0.08", "0.08", "96.00", "1296.00"), ("0.160", "0.16", "192.00", "1392.00"),
                      ("0", "0", "0.00", "1200.00"), ("1", "1", "1200.00", "2400.00"),
                      ("1.0000", "1", "1200.00", "2400.00"), ("0.0825", "0.0825", "99.00", "1299.00"),
                      (" 0.16 ", "0.16", "192.00", "1392.00")])
    func ivaRateIsEchoedNormalisedAndApplied(_ given: String, _ echoed: String, _ iva: String, _ total: String) throws {
        let result = try #require(quote(#"{"plan":"perEvent","users":4,"ivaRate":"\#(given)"}"#))
        #expect(result["ivaRate"]?.text == echoed)
        #expect(result["iva"]?.text == iva)
        #expect(result["total"]?.text == total)
    }

    /// Every price is a multiple of 100 pesos, so with a four-decimal rate IVA is always a
    /// whole number of cents: no rounding can happen through the service (Money's half-up
    /// rounding is unit-tested in UpgradeRules). These check the small rates are exact.
    @Test func tinyRatesAreExactToTheCent() {
        #expect(quote(#"{"plan":"perEvent","users":1,"systems":3,"ivaRate":"0.0001"}"#)?["iva"]?.text == "0.24")
        #expect(quote(#"{"plan":"quarterly","ivaRate":"0.0003"}"#)?["iva"]?.text == "0.75")
        #expect(quote(#"{"plan":"annual","date":"2012-01-05","ivaRate":"0.1234"}"#)?["iva"]?.text == "641.68")
        #expect(quote(#"{"plan":"perEvent","users":2,"systems":7,"ivaRate":"0.0009"}"#)?["iva"]?.text == "5.04")
    }

    @Test(arguments: ["quarterly", "semiannual", "annual", "perEvent"], [1, 2, 7, 1000])
    func theSumsAddUpExactly(_ plan: String, _ systems: Int) throws {
        for (date, rate) in [("2012-01-20", "0.16"), ("2012-06-20", "0.0825"), ("2012-01-02", "0.1111")] {
            let result = try #require(quote(#"{"plan":"\#(plan)","users":7,"systems":\#(systems),"date":"\#(date)","ivaRate":"\#(rate)"}"#))
            let list = try #require(cents(result["listSubtotal"])), unit = try #require(cents(result["unitPrice"]))
            let discount = cents(result["discount"]?["amount"]) ?? 0
            let subtotal = try #require(cents(result["subtotal"])), iva = try #require(cents(result["iva"]))
            #expect(list == unit * systems)
            #expect(list - discount == subtotal)
            #expect(subtotal + iva == cents(result["total"]))
            #expect(result["multiSystemPromotion"]?.flag == (systems > 1))
        }
    }

    @Test func usersIsRequiredPerEventOnly() {
        #expect(service.error("quoteSupport", #"{"plan":"perEvent"}"#)?.summary == ["/users REQUIRED"])
        #expect(quote(#"{"plan":"annual","users":50}"#)?["users"] == .number("50"))
        #expect(quote(#"{"plan":"annual","users":50}"#)?["unitPrice"]?.text == "6500.00")
    }

    @Test(arguments: [
        (#"{"plan":"monthly"}"#, ["/plan INVALID_VALUE"]), (#"{"plan":"Annual"}"#, ["/plan INVALID_VALUE"]),
        (#"{}"#, ["/plan REQUIRED"]), (#"{"plan":""}"#, ["/plan REQUIRED"]),
        (#"{"plan":"annual","systems":0}"#, ["/systems OUT_OF_RANGE"]), (#"{"plan":"annual","systems":1001}"#, ["/systems OUT_OF_RANGE"]),
        (#"{"plan":"annual","systems":2.0}"#, ["/systems INVALID_TYPE"]), (#"{"plan":"annual","systems":"2"}"#, ["/systems INVALID_TYPE"]),
        (#"{"plan":"perEvent","users":0}"#, ["/users OUT_OF_RANGE"]), (#"{"plan":"perEvent","users":100001}"#, ["/users OUT_OF_RANGE"]),
        (#"{"plan":"annual","ivaRate":0.16}"#, ["/ivaRate INVALID_TYPE"]), (#"{"plan":"annual","ivaRate":"1.5"}"#, ["/ivaRate OUT_OF_RANGE"]),
        (#"{"plan":"annual","ivaRate":"0.16666"}"#, ["/ivaRate INVALID_VALUE"]), (#"{"plan":"annual","ivaRate":".16"}"#, ["/ivaRate INVALID_VALUE"]),
        (#"{"plan":"annual","ivaRate":"16%"}"#, ["/ivaRate INVALID_VALUE"]), (#"{"plan":"annual","date":"2012-02-30"}"#, ["/date INVALID_DATE"]),
        (#"{"plan":"annual","discount":true}"#, ["/discount UNKNOWN_FIELD"]),
    ])
    func invalidParams(_ params: String, _ expected: [String]) {
        let error = service.error("quoteSupport", params)
        #expect(error?.code == -32602)
        #expect(error?.summary == expected)
    }

    @Test func theDateDefaultsToTodayAndAnyDateIsAllowed() {
        #expect(quote(#"{"plan":"annual"}"#)?["date"]?.text == "2012-01-10")
        #expect(quote(#"{"plan":"annual"}"#)?["discount"]?["percent"]?.text == "20")
        #expect(quote(#"{"plan":"annual","date":"2031-01-05"}"#)?["date"]?.text == "2031-01-05")
    }
}
