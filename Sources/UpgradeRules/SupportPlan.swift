import ContpaqiUpgradeAPI

/// The catalog's side of a plan: what the customer reads and what a policy costs.
extension SupportPlan {
    /// The Spanish name shown to the customer.
    public var label: String {
        switch self {
        case .quarterly: "Póliza de soporte remoto trimestral"
        case .semiannual: "Póliza de soporte remoto semestral"
        case .annual: "Póliza de soporte remoto anual"
        case .perEvent: "Soporte por evento"
        }
    }

    /// The list price per system before IVA of a policy; nil for `perEvent`, whose price
    /// depends on the number of users (see `PerEventTier`).
    public var policyPrice: Money? {
        switch self {
        case .quarterly: Money(pesos: 2500)
        case .semiannual: Money(pesos: 4000)
        case .annual: Money(pesos: 6500)
        case .perEvent: nil
        }
    }
}

/// One row of the per-event price table, by the number of users of the system.
///
/// The source lists "1 y 2", "5", "10" and "20" users: each price covers every count up
/// to its number, so the rows are 1–2, 3–5, 6–10 and 11–20; above 20 there is no price,
/// the job is quoted per project.
public struct PerEventTier: Hashable, Sendable {
    public let minUsers: Int
    /// Nil for the open-ended last row (more than 20 users).
    public let maxUsers: Int?
    /// The price per event before IVA; nil when the job is quoted per project.
    public let price: Money?

    /// The table, in order of users.
    public static let all: [PerEventTier] = [
        PerEventTier(minUsers: 1, maxUsers: 2, price: Money(pesos: 800)),
        PerEventTier(minUsers: 3, maxUsers: 5, price: Money(pesos: 1200)),
        PerEventTier(minUsers: 6, maxUsers: 10, price: Money(pesos: 1900)),
        PerEventTier(minUsers: 11, maxUsers: 20, price: Money(pesos: 2200)),
        PerEventTier(minUsers: 21, maxUsers: nil, price: nil),
    ]

    /// The row for a system with `users` users; nil if `users` is below 1.
    public static func forUsers(_ users: Int) -> PerEventTier? {
        all.first { users >= $0.minUsers && users <= ($0.maxUsers ?? Int.max) }
    }
}

/// A seasonal discount on some plans.
public struct Promotion: Hashable, Sendable {
    /// Months (1–12) in which the promotion applies, judged by the quote's date.
    public let months: [Int]
    public let rate: Rate
    public let plans: [SupportPlan]
    /// A Spanish sentence for the customer, also used as the reason of the discount.
    public let description: String

    /// "Durante el mes de enero le ofrecemos un 20 % de descuento a las pólizas semestrales
    /// y anuales" (source document): not quarterly, not per event.
    public static let january = Promotion(
        months: [1], rate: Rate(tenThousandths: 2000)!,
        plans: [.semiannual, .annual],
        description: "Durante el mes de enero, 20% de descuento en las pólizas de soporte "
            + "remoto semestrales y anuales."
    )

    /// Every promotion, for the catalog and for quoting.
    public static let all: [Promotion] = [.january]

    /// The percentage as text: `"20"`.
    public var percent: String { rate.percentText }

    /// Whether a quote for `plan` dated `date` gets this discount.
    public func applies(to plan: SupportPlan, on date: CalendarDate) -> Bool {
        months.contains(date.month) && plans.contains(plan)
    }
}
