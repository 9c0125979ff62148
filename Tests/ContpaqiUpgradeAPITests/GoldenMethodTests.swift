import ContpaqiUpgradeAPI
import Foundation
import Testing

/// Golden JSON of each method's params and result: the contract's member names, explicit
/// `null`s where it lists them, members left out where it says "only when".
@Suite struct GoldenMethodTests {
    static let august15 = CalendarDate(year: 2011, month: 8, day: 15)!
    static let cutoff = CalendarDate(year: 2011, month: 7, day: 1)!

    @Test func checkEligibility() throws {
        checkCoding(CheckEligibility.Params(purchaseDate: Self.august15, systemType: SystemType("nominas"),
                                            serialNumber: SerialNumber("aaaa-bbbb-cccc-ffff"), hasActiveSupportPolicy: false),
                    json: #"{"purchaseDate":"2011-08-15","systemType":"nominas","serialNumber":"AAAA-BBBB-CCCC-FFFF","hasActiveSupportPolicy":false}"#)
        checkCoding(CheckEligibility.Params(purchaseDate: Self.august15), json: #"{"purchaseDate":"2011-08-15"}"#)
        let option = CheckEligibility.InstallationOption(option: .perEvent, description: "Pago por evento.",
                                                         quoteMethod: "quoteSupport", plans: [.perEvent])
        checkCoding(CheckEligibility.Result(
            eligible: true, purchaseDate: Self.august15, cutoffDate: Self.cutoff, targetVersion: "2012", reason: "Sí.",
            systemType: nil, serialNumber: nil,
            keyRequest: CheckEligibility.KeyRequest(to: try #require(EmailAddress("claves@contpaqi.com")), subject: "Claves"),
            installation: CheckEligibility.Installation(includedInPolicy: false, phone: "5141-5110", options: [option])),
                    json: #"{"eligible":true,"purchaseDate":"2011-08-15","cutoffDate":"2011-07-01","targetVersion":"2012","reason":"Sí.","keyRequest":{"to":"claves@contpaqi.com","subject":"Claves"},"installation":{"includedInPolicy":false,"phone":"5141-5110","options":[{"option":"perEvent","description":"Pago por evento.","quoteMethod":"quoteSupport","plans":["perEvent"]}]}}"#)
    }

    @Test func quoteSupportWritesItsNulls() throws {
        checkCoding(QuoteSupport.Params(plan: .annual, systems: Bounded(2), date: CalendarDate("2012-01-10"), ivaRate: Rate("0.16")),
                    json: #"{"plan":"annual","systems":2,"date":"2012-01-10","ivaRate":"0.16"}"#)
        checkCoding(QuoteSupport.Result(
            plan: .perEvent, planLabel: "Soporte por evento", currency: "MXN", systems: 3, users: 25,
            date: try #require(CalendarDate("2012-03-15")), unitPrice: nil, listSubtotal: nil, discount: nil, subtotal: nil,
            ivaRate: try #require(Rate("0.16")), iva: nil, total: nil, customQuoteRequired: true, multiSystemPromotion: true,
            includes: ["Un evento."], notes: ["Se cotizará por proyecto."]),
                    json: #"{"plan":"perEvent","planLabel":"Soporte por evento","currency":"MXN","systems":3,"users":25,"date":"2012-03-15","unitPrice":null,"listSubtotal":null,"discount":null,"subtotal":null,"ivaRate":"0.16","iva":null,"total":null,"customQuoteRequired":true,"multiSystemPromotion":true,"includes":["Un evento."],"notes":["Se cotizará por proyecto."]}"#)
        checkCoding(QuoteSupport.Discount(percent: "20", amount: Money(cents: 260_000), reason: "Enero."),
                    json: #"{"percent":"20","amount":"2600.00","reason":"Enero."}"#)
    }

    @Test func requestKeys() throws {
        let system = RequestKeys.System(systemType: SystemType("Bancos"), serialNumber: try #require(SerialNumber("AAAA-BBBB-CCCC-GGGG")))
        checkCoding(RequestKeys.Params(company: try #require(BoundedText("Empresa")), contactName: try #require(BoundedText("Raul")),
                                       contactEmail: try #require(EmailAddress("r@e.mx")), systems: try #require(BoundedList([system])),
                                       cc: BoundedList([]), sentAt: OffsetDateTime(rfc3339: "2012-01-10T16:30:00-06:00")),
                    json: #"{"company":"Empresa","contactName":"Raul","contactEmail":"r@e.mx","systems":[{"systemType":"Bancos","serialNumber":"AAAA-BBBB-CCCC-GGGG"}],"cc":[],"sentAt":"2012-01-10T16:30:00-06:00"}"#)
        let address = try #require(EmailAddress("r@e.mx"))
        checkCoding(RequestKeys.Result(to: [address], from: address, cc: [], bcc: [address], subject: "S", body: "B",
                                       systems: [system], attachment: nil, message: "M\r\n"),
                    json: #"{"to":["r@e.mx"],"from":"r@e.mx","cc":[],"bcc":["r@e.mx"],"subject":"S","body":"B","systems":[{"systemType":"Bancos","serialNumber":"AAAA-BBBB-CCCC-GGGG"}],"attachment":null,"message":"M\r\n"}"#)
        checkCoding(RequestKeys.Attachment(filename: "a.xlsx", mediaType: RequestKeys.Attachment.workbookMediaType, size: 3, contentBase64: "AAAA"),
                    json: #"{"filename":"a.xlsx","mediaType":"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet","size":3,"contentBase64":"AAAA"}"#)
    }

    @Test func getCatalog() throws {
        checkCoding(GetCatalog.PerEventTier(minUsers: 21, maxUsers: nil, price: nil), json: #"{"minUsers":21,"maxUsers":null,"price":null}"#)
        checkCoding(GetCatalog.PerEventTier(minUsers: 1, maxUsers: 2, price: Money(cents: 80_000)), json: #"{"minUsers":1,"maxUsers":2,"price":"800.00"}"#)
        checkCoding(GetCatalog.Promotion(months: [1], percent: "20", plans: [.semiannual, .annual], description: "Enero."),
                    json: #"{"months":[1],"percent":"20","plans":["semiannual","annual"],"description":"Enero."}"#)
    }

    @Test func methodNames() {
        #expect([GetCatalog.name, CheckEligibility.name, QuoteSupport.name, RequestKeys.name]
            == ["getCatalog", "checkEligibility", "quoteSupport", "requestKeys"])
    }
}
