import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

@Suite struct SupportQuoteTests {
    func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }
    func rate(_ text: String) throws -> Rate { try #require(Rate(text)) }

    /// Every quote with a price must add up to the cent.
    func expectSumsAddUp(_ quote: SupportQuote) throws {
        let unit = try #require(quote.unitPrice)
        let list = try #require(quote.listSubtotal)
        let subtotal = try #require(quote.subtotal)
        let iva = try #require(quote.iva)
        #expect(list == unit * quote.systems)
        #expect(list - (quote.discount?.amount ?? .zero) == subtotal)
        #expect(iva == subtotal.multiplied(by: quote.ivaRate))
        #expect(subtotal + iva == quote.total)
    }

    @Test func theContractExample() throws {
        let quote = try SupportQuote(plan: .annual, systems: 2, date: try date("2012-01-10"),
                                     ivaRate: try rate("0.16"))
        #expect(quote.planLabel == "Póliza de soporte remoto anual")
        #expect(quote.currency == "MXN")
        #expect(quote.users == nil)
        #expect(quote.unitPrice?.description == "6500.00")
        #expect(quote.listSubtotal?.description == "13000.00")
        #expect(quote.discount?.percent == "20")
        #expect(quote.discount?.amount.description == "2600.00")
        #expect(quote.discount?.reason.contains("enero") == true)
        #expect(quote.subtotal?.description == "10400.00")
        #expect(quote.iva?.description == "1664.00")
        #expect(quote.total?.description == "12064.00")
        #expect(!quote.customQuoteRequired)
        #expect(quote.multiSystemPromotion)
        #expect(quote.notes == ["Si tiene más de 1 sistema pregunte por los precios de promoción."])
        #expect(quote.includes.count == 2)
        #expect(quote.includes.contains { $0.contains("actualizaciones") })
        #expect(quote.includes.contains { $0.contains("cursos y talleres") })
        try expectSumsAddUp(quote)
    }

    @Test(arguments: [
        (SupportPlan.quarterly, "2500.00", "Póliza de soporte remoto trimestral"),
        (.semiannual, "4000.00", "Póliza de soporte remoto semestral"),
        (.annual, "6500.00", "Póliza de soporte remoto anual"),
    ])
    func policyPricesOutsideJanuary(plan: SupportPlan, price: String, label: String) throws {
        let quote = try SupportQuote(plan: plan, users: 50, date: try date("2012-02-01"))
        #expect(quote.planLabel == label)
        #expect(quote.unitPrice?.description == price)
        #expect(quote.discount == nil)
        #expect(quote.users == 50)  // echoed, no effect on a policy's price
        #expect(!quote.multiSystemPromotion)
        #expect(quote.notes.isEmpty)
        #expect(quote.ivaRate.description == "0.16")
        try expectSumsAddUp(quote)
    }

    @Test(arguments: [
        (1, "800.00"), (2, "800.00"), (3, "1200.00"), (5, "1200.00"), (6, "1900.00"),
        (10, "1900.00"), (11, "2200.00"), (20, "2200.00"),
    ])
    func perEventTierBoundaries(users: Int, price: String) throws {
        let quote = try SupportQuote(plan: .perEvent, users: users, date: try date("2012-01-10"))
        #expect(quote.planLabel == "Soporte por evento")
        #expect(quote.unitPrice?.description == price)
        #expect(quote.discount == nil)  // January does not apply per event
        #expect(!quote.customQuoteRequired)
        #expect(quote.includes.count == 1)
        #expect(quote.includes[0].contains("un sistema"))
        try expectSumsAddUp(quote)
    }

    @Test(arguments: [21, 100_000])
    func moreThanTwentyUsersIsQuotedPerProject(users: Int) throws {
        let quote = try SupportQuote(plan: .perEvent, systems: 3, users: users,
                                     date: try date("2012-01-10"))
        #expect(quote.customQuoteRequired)
        #expect(quote.unitPrice == nil && quote.listSubtotal == nil && quote.subtotal == nil)
        #expect(quote.iva == nil && quote.total == nil && quote.discount == nil)
        #expect(quote.notes == ["Se cotizará por proyecto.",
                                "Si tiene más de 1 sistema pregunte por los precios de promoción."])
        #expect(quote.multiSystemPromotion)
    }

    @Test(arguments: [
        ("2012-01-01", true), ("2012-01-31", true), ("2013-01-15", true),
        ("2012-02-01", false), ("2011-12-31", false), ("2012-07-01", false),
    ])
    func januaryPromotion(day: String, discounted: Bool) throws {
        let when = try date(day)
        for plan in [SupportPlan.semiannual, .annual] {
            let quote = try SupportQuote(plan: plan, date: when)
            #expect((quote.discount != nil) == discounted)
            if discounted {
                #expect(quote.discount?.amount == quote.unitPrice?.multiplied(by: try rate("0.2")))
            }
            try expectSumsAddUp(quote)
        }
        #expect(try SupportQuote(plan: .quarterly, date: when).discount == nil)
        #expect(try SupportQuote(plan: .perEvent, users: 2, date: when).discount == nil)
    }

    @Test func semiannualInJanuary() throws {
        let quote = try SupportQuote(plan: .semiannual, date: try date("2012-01-31"))
        #expect(quote.discount?.amount.description == "800.00")
        #expect(quote.subtotal?.description == "3200.00")
        #expect(quote.iva?.description == "512.00")
        #expect(quote.total?.description == "3712.00")
    }

    @Test(arguments: [("0.08", "200.00", "2700.00"), ("0", "0.00", "2500.00"),
                      ("1", "2500.00", "5000.00"), ("0.1234", "308.50", "2808.50")])
    func otherIVARates(ivaRate: String, iva: String, total: String) throws {
        let quote = try SupportQuote(plan: .quarterly, date: try date("2012-03-01"),
                                     ivaRate: try rate(ivaRate))
        #expect(quote.iva?.description == iva)
        #expect(quote.total?.description == total)
        try expectSumsAddUp(quote)
    }

    @Test func perEventIsOneEventPerSystem() throws {
        let quote = try SupportQuote(plan: .perEvent, systems: 4, users: 6,
                                     date: try date("2012-05-05"), ivaRate: try rate("0.16"))
        #expect(quote.listSubtotal?.description == "7600.00")
        #expect(quote.iva?.description == "1216.00")
        #expect(quote.total?.description == "8816.00")
        #expect(quote.multiSystemPromotion)
        try expectSumsAddUp(quote)
    }

    @Test func largestQuoteStaysExact() throws {
        let quote = try SupportQuote(plan: .annual, systems: 1000, date: try date("2012-01-10"),
                                     ivaRate: try rate("0.9999"))
        #expect(quote.listSubtotal?.description == "6500000.00")
        #expect(quote.subtotal?.description == "5200000.00")
        #expect(quote.iva?.description == "5199480.00")
        try expectSumsAddUp(quote)
    }

    @Test func rejectsInputTheBindingShouldHaveCaught() throws {
        let day = try date("2012-01-10")
        #expect(throws: SupportQuote.InputError.systemsOutOfRange) {
            try SupportQuote(plan: .annual, systems: 0, date: day)
        }
        #expect(throws: SupportQuote.InputError.systemsOutOfRange) {
            try SupportQuote(plan: .annual, systems: 1001, date: day)
        }
        #expect(throws: SupportQuote.InputError.usersRequired) {
            try SupportQuote(plan: .perEvent, date: day)
        }
        #expect(throws: SupportQuote.InputError.usersOutOfRange) {
            try SupportQuote(plan: .perEvent, users: 0, date: day)
        }
        #expect(throws: SupportQuote.InputError.usersOutOfRange) {
            try SupportQuote(plan: .quarterly, users: 100_001, date: day)
        }
    }
}
