import ContpaqiUpgradeAPI

/// A price quote for installing the 2012 versions under one support plan: list prices
/// from the source document, the January promotion, IVA, all in exact cents.
///
/// Sums always add up: `listSubtotal - discount = subtotal`, `subtotal + iva = total`.
public struct SupportQuote: Hashable, Sendable {
    /// The January discount (or another promotion's) as it applies to this quote.
    public struct Discount: Hashable, Sendable {
        /// Whole percentage as text: `"20"`.
        public let percent: String
        public let amount: Money
        /// Spanish, for the customer.
        public let reason: String
    }

    /// Input the binding should have rejected already; thrown rather than trapping.
    public enum InputError: Error, Hashable, Sendable {
        /// `systems` outside `SupportQuote.systemsRange`.
        case systemsOutOfRange
        /// `perEvent` needs the number of users to find its price.
        case usersRequired
        /// `users` outside `SupportQuote.usersRange`.
        case usersOutOfRange
    }

    /// How many systems one quote may cover.
    public static let systemsRange = 1...1000
    /// How many users a system may declare.
    public static let usersRange = 1...100_000

    /// Source document, below both price tables (with its trailing period added).
    public static let multiSystemNote =
        "Si tiene más de 1 sistema pregunte por los precios de promoción."
    /// Per event above 20 users: "Se cotizara por proyecto" in the source.
    public static let customQuoteNote = "Se cotizará por proyecto."

    /// What a policy entitles the customer to, besides remote support.
    public static let policyIncludes = [
        "Instalación de sus actualizaciones.",
        "Derecho a asistir a los cursos y talleres durante la vigencia de la póliza.",
    ]
    /// What support per event covers ("Solo aplica para un evento de un sistema").
    public static let perEventIncludes = [
        "Un evento de soporte por sistema: cada evento aplica solo a un sistema.",
    ]

    public let plan: SupportPlan
    public let systems: Int
    /// As given; for a policy it is echoed but does not change the price.
    public let users: Int?
    /// The date that decided the promotion.
    public let date: CalendarDate
    public let ivaRate: Rate

    /// Per system (per event for `perEvent`), before discount and IVA. This and every
    /// other amount is nil when `customQuoteRequired`.
    public let unitPrice: Money?
    /// `unitPrice × systems`.
    public let listSubtotal: Money?
    /// Nil when no promotion applies (and when `customQuoteRequired`).
    public let discount: Discount?
    /// `listSubtotal − discount`.
    public let subtotal: Money?
    /// `subtotal × ivaRate`, rounded half-up to the cent.
    public let iva: Money?
    /// `subtotal + iva`.
    public let total: Money?
    /// Per event with more than 20 users: no price, the job is quoted per project.
    public let customQuoteRequired: Bool
    /// More than one system: the customer should ask for promotional prices.
    public let multiSystemPromotion: Bool
    /// Spanish lines: what the plan covers.
    public let includes: [String]
    /// Spanish lines: the per-project note and the multi-system note, when they apply.
    public let notes: [String]

    public var planLabel: String { plan.label }
    public var currency: String { Catalog.currency }

    /// Quotes `plan` for `systems` systems (a per-event quote is one event per system).
    ///
    /// - Parameters:
    ///   - users: required for `perEvent`, where it picks the price row; optional for a
    ///     policy, where it is only echoed.
    ///   - date: decides the January promotion (the binding passes "today" by default).
    ///   - ivaRate: the IVA rate, 16 % unless the caller says otherwise.
    public init(plan: SupportPlan, systems: Int = 1, users: Int? = nil,
                date: CalendarDate, ivaRate: Rate = Catalog.defaultIVARate) throws(InputError) {
        guard Self.systemsRange.contains(systems) else { throw .systemsOutOfRange }
        if let users, !Self.usersRange.contains(users) { throw .usersOutOfRange }

        let unitPrice: Money?
        if let price = plan.policyPrice {
            unitPrice = price
        } else {
            guard let users else { throw .usersRequired }
            unitPrice = PerEventTier.forUsers(users)?.price
        }

        self.plan = plan
        self.systems = systems
        self.users = users
        self.date = date
        self.ivaRate = ivaRate
        self.customQuoteRequired = unitPrice == nil
        self.multiSystemPromotion = systems > 1
        self.includes = plan.isPolicy ? Self.policyIncludes : Self.perEventIncludes
        self.notes = (unitPrice == nil ? [Self.customQuoteNote] : [])
            + (systems > 1 ? [Self.multiSystemNote] : [])

        guard let unitPrice else {
            (self.unitPrice, listSubtotal, discount, subtotal, iva, total) =
                (nil, nil, nil, nil, nil, nil)
            return
        }
        let list = unitPrice * systems
        let discount = Promotion.all.first { $0.applies(to: plan, on: date) }.map {
            Discount(percent: $0.percent, amount: list.multiplied(by: $0.rate),
                     reason: $0.description)
        }
        let subtotal = list - (discount?.amount ?? .zero)
        let iva = subtotal.multiplied(by: ivaRate)
        self.unitPrice = unitPrice
        self.listSubtotal = list
        self.discount = discount
        self.subtotal = subtotal
        self.iva = iva
        self.total = subtotal + iva
    }
}
