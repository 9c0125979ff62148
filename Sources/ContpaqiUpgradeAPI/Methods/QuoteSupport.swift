/// `quoteSupport`: the price of a remote-support policy or of per-event support, with IVA
/// and the catalog's promotions, in exact decimal strings.
public enum QuoteSupport: RPCMethod {
    /// The method's wire name.
    public static let name = "quoteSupport"

    /// What to quote.
    public struct Params: Codable, Hashable, Sendable {
        /// A policy (`quarterly`, `semiannual`, `annual`) or `perEvent`.
        public var plan: SupportPlan
        /// 1 when nil. Per event, one event for each system.
        public var systems: Bounded<SystemCount>?
        /// Required for `perEvent` (it picks the price); for a policy it is checked and echoed.
        public var users: Bounded<UserCount>?
        /// Decides the promotions; today in Mexico City when nil.
        public var date: CalendarDate?
        /// The catalog's IVA rate when nil.
        public var ivaRate: Rate?

        public init(plan: SupportPlan, systems: Bounded<SystemCount>? = nil, users: Bounded<UserCount>? = nil,
                    date: CalendarDate? = nil, ivaRate: Rate? = nil) {
            self.plan = plan
            self.systems = systems
            self.users = users
            self.date = date
            self.ivaRate = ivaRate
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case plan, systems, users, date, ivaRate

            public var documentation: FieldDoc {
                switch self {
                case .plan: "quarterly, semiannual o annual (pólizas) o perEvent (un evento de un sistema)."
                case .systems: "Número de sistemas; por omisión 1. En perEvent, un evento por sistema."
                case .users: "Usuarios del sistema; obligatorio en perEvent (define el precio). En pólizas se valida y se devuelve."
                case .date: "Fecha de la cotización (decide las promociones, como la de enero); por omisión hoy en la Ciudad de México."
                case .ivaRate: "Tasa de IVA como texto decimal entre 0 y 1, a lo más 4 decimales; por omisión la del catálogo (\"0.16\")."
                }
            }
        }
    }

    /// Every amount is nil (written `null`) when `customQuoteRequired`; `discount` is null
    /// when no promotion applies. Sums add up exactly: `listSubtotal − discount = subtotal`,
    /// `subtotal + iva = total`.
    public struct Result: Codable, Hashable, Sendable {
        /// The plan quoted.
        public var plan: SupportPlan
        /// The plan's name for the customer.
        public var planLabel: String
        /// ISO 4217 code of every amount.
        public var currency: String
        /// How many systems are quoted.
        public var systems: Int
        /// As given; null when not given.
        public var users: Int?
        /// The date quoted (given, or today).
        public var date: CalendarDate
        /// Per system before IVA; nil when quoted per project.
        public var unitPrice: Money?
        /// `unitPrice × systems`.
        public var listSubtotal: Money?
        /// The promotion applied; nil when none applies.
        public var discount: Discount?
        /// `listSubtotal − discount.amount`.
        public var subtotal: Money?
        /// Normalised: `"0.160"` is `"0.16"`.
        public var ivaRate: Rate
        /// `subtotal × ivaRate`, rounded half-up to the cent.
        public var iva: Money?
        /// `subtotal + iva`.
        public var total: Money?
        /// Per event with more users than the last priced tier: quoted per project.
        public var customQuoteRequired: Bool
        /// More than one system: ask for the promotional prices.
        public var multiSystemPromotion: Bool
        /// What the plan covers.
        public var includes: [String]
        /// The per-project note and the multi-system note, when they apply.
        public var notes: [String]

        public init(plan: SupportPlan, planLabel: String, currency: String, systems: Int, users: Int?,
                    date: CalendarDate, unitPrice: Money?, listSubtotal: Money?, discount: Discount?,
                    subtotal: Money?, ivaRate: Rate, iva: Money?, total: Money?, customQuoteRequired: Bool,
                    multiSystemPromotion: Bool, includes: [String], notes: [String]) {
            self.plan = plan
            self.planLabel = planLabel
            self.currency = currency
            self.systems = systems
            self.users = users
            self.date = date
            self.unitPrice = unitPrice
            self.listSubtotal = listSubtotal
            self.discount = discount
            self.subtotal = subtotal
            self.ivaRate = ivaRate
            self.iva = iva
            self.total = total
            self.customQuoteRequired = customQuoteRequired
            self.multiSystemPromotion = multiSystemPromotion
            self.includes = includes
            self.notes = notes
        }

        /// By hand for one reason: a nil amount is written as an explicit `null` (the
        /// contract lists every member), where synthesized code would leave it out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(plan, forKey: .plan)
            try container.encode(planLabel, forKey: .planLabel)
            try container.encode(currency, forKey: .currency)
            try container.encode(systems, forKey: .systems)
            try container.encode(users, forKey: .users)
            try container.encode(date, forKey: .date)
            try container.encode(unitPrice, forKey: .unitPrice)
            try container.encode(listSubtotal, forKey: .listSubtotal)
            try container.encode(discount, forKey: .discount)
            try container.encode(subtotal, forKey: .subtotal)
            try container.encode(ivaRate, forKey: .ivaRate)
            try container.encode(iva, forKey: .iva)
            try container.encode(total, forKey: .total)
            try container.encode(customQuoteRequired, forKey: .customQuoteRequired)
            try container.encode(multiSystemPromotion, forKey: .multiSystemPromotion)
            try container.encode(includes, forKey: .includes)
            try container.encode(notes, forKey: .notes)
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case plan, planLabel, currency, systems, users, date, unitPrice, listSubtotal, discount, subtotal
            case ivaRate, iva, total, customQuoteRequired, multiSystemPromotion, includes, notes

            public var documentation: FieldDoc {
                switch self {
                case .plan: "El plan cotizado."
                case .planLabel: FieldDoc("Nombre del plan para el cliente.", value: .oneOf(.planLabels))
                case .currency: FieldDoc("Moneda de todos los importes (ISO 4217).", value: .catalog(.currency))
                case .systems: "Número de sistemas cotizados."
                case .users: "Usuarios dados; null si no se dieron."
                case .date: "La fecha cotizada (la dada, u hoy)."
                case .unitPrice: "Precio por sistema antes de IVA; null si se cotiza por proyecto."
                case .listSubtotal: "unitPrice × systems."
                case .discount: "Promoción aplicada; null si ninguna aplica."
                case .subtotal: "listSubtotal − discount.amount."
                case .ivaRate: "La tasa de IVA aplicada, normalizada."
                case .iva: "subtotal × ivaRate, redondeado al centavo (mitad hacia arriba)."
                case .total: "subtotal + iva."
                case .customQuoteRequired: "true en perEvent con más de 20 usuarios: se cotiza por proyecto."
                case .multiSystemPromotion: "true con más de un sistema: pregunte por los precios de promoción."
                case .includes: "Lo que cubre el plan."
                case .notes: "Notas para el cliente (por proyecto, varios sistemas)."
                }
            }
        }
    }

    /// A promotion as it applies to one quote.
    public struct Discount: Codable, Hashable, Sendable {
        /// The percentage as text, without trailing zeros: `"20"`, `"8.5"`.
        public var percent: String
        /// The discount, rounded half-up to the cent.
        public var amount: Money
        /// Spanish, for the customer.
        public var reason: String

        public init(percent: String, amount: Money, reason: String) {
            self.percent = percent
            self.amount = amount
            self.reason = reason
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case percent, amount, reason

            public var documentation: FieldDoc {
                switch self {
                case .percent: FieldDoc("Porcentaje como texto (\"20\").", pattern: "^[0-9]+(\\.[0-9]+)?$")
                case .amount: "listSubtotal × percent / 100, redondeado al centavo."
                case .reason: "La promoción, en español."
                }
            }
        }
    }
}
