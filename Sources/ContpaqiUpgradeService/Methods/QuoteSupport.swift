import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import UpgradeRules

/// `quoteSupport`: the catalog's prices, promotions and IVA for one plan.
public struct QuoteSupportHandler: DocumentedHandler {
    public typealias Declaration = QuoteSupport
    public static let summary = "Cotiza una póliza de soporte remoto o soporte por evento, con IVA y promoción de enero."

    let clock: ServiceClock

    public init(clock: ServiceClock) { self.clock = clock }

    public func check(_ params: QuoteSupport.Params, _ problems: inout ParamsProblems) {
        if params.plan == .perEvent && params.users == nil && !problems.contains(path: problems.pointer + "/users") {
            problems.fail("users", .required, "El número de usuarios es obligatorio para el soporte por evento.")
        }
    }

    public func call(_ params: QuoteSupport.Params) throws(RPCError) -> QuoteSupport.Result {
        let quote: SupportQuote
        do {
            quote = try SupportQuote(plan: params.plan, systems: params.systems?.value ?? 1, users: params.users?.value,
                                     date: params.date ?? clock.today, ivaRate: params.ivaRate ?? Catalog.defaultIVARate)
        } catch {
            // Unreachable: the params types carry the same ranges.
            throw .internalError(reason: "quote rejected checked params: \(error)")
        }
        return QuoteSupport.Result(
            plan: quote.plan, planLabel: quote.planLabel, currency: quote.currency, systems: quote.systems, users: quote.users,
            date: quote.date, unitPrice: quote.unitPrice, listSubtotal: quote.listSubtotal,
            discount: quote.discount.map { QuoteSupport.Discount(percent: $0.percent, amount: $0.amount, reason: $0.reason) },
            subtotal: quote.subtotal, ivaRate: quote.ivaRate, iva: quote.iva, total: quote.total,
            customQuoteRequired: quote.customQuoteRequired, multiSystemPromotion: quote.multiSystemPromotion,
            includes: quote.includes, notes: quote.notes)
    }

    public static let examples: [(name: String, params: JSON)] = [
        ("anual, 2 sistemas, enero", .members(["plan": "annual", "systems": 2, "date": "2012-01-10"])),
        ("por evento, 4 usuarios, IVA 8%", .members(["plan": "perEvent", "users": 4, "date": "2012-02-01", "ivaRate": "0.08"])),
        ("por evento, más de 20 usuarios", .members(["plan": "perEvent", "users": 25, "date": "2012-03-15"])),
    ]
}
