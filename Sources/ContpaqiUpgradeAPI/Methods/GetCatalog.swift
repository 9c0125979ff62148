/// `getCatalog`: everything an ERP form needs to fill its drop-downs without hard-coding:
/// the campaign's dates, system types, prices, promotions and key-request details.
public enum GetCatalog: RPCMethod {
    /// The method's wire name.
    public static let name = "getCatalog"
    /// It takes none.
    public typealias Params = NoParams

    /// The catalog, in the shape of a catalog file.
    public struct Result: Codable, Hashable, Sendable {
        /// The version the free upgrade leads to.
        public var targetVersion: String
        /// The first purchase date that qualifies.
        public var cutoffDate: CalendarDate
        /// Canonical names, in catalog order.
        public var systemTypes: [SystemType]
        /// A regular expression for serial numbers.
        public var serialNumberPattern: String
        /// Where and how keys are requested.
        public var keyRequest: KeyRequest
        /// Installation contact.
        public var installation: Installation
        /// ISO 4217 code of every amount.
        public var currency: String
        /// The IVA rate quotes use when none is given.
        public var ivaRate: Rate
        /// The remote-support policies and their prices.
        public var supportPolicies: [SupportPolicy]
        /// In order of users; the last tier is open-ended and unpriced.
        public var perEvent: [PerEventTier]
        /// Seasonal discounts.
        public var promotions: [Promotion]
        /// The note for customers with more than one system.
        public var multiSystemNote: String

        public init(targetVersion: String, cutoffDate: CalendarDate, systemTypes: [SystemType], serialNumberPattern: String,
                    keyRequest: KeyRequest, installation: Installation, currency: String, ivaRate: Rate,
                    supportPolicies: [SupportPolicy], perEvent: [PerEventTier], promotions: [Promotion],
                    multiSystemNote: String) {
            self.targetVersion = targetVersion
            self.cutoffDate = cutoffDate
            self.systemTypes = systemTypes
            self.serialNumberPattern = serialNumberPattern
            self.keyRequest = keyRequest
            self.installation = installation
            self.currency = currency
            self.ivaRate = ivaRate
            self.supportPolicies = supportPolicies
            self.perEvent = perEvent
            self.promotions = promotions
            self.multiSystemNote = multiSystemNote
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case targetVersion, cutoffDate, systemTypes, serialNumberPattern, keyRequest, installation, currency, ivaRate
            case supportPolicies, perEvent, promotions, multiSystemNote

            public var documentation: FieldDoc {
                switch self {
                case .targetVersion: FieldDoc("La versión a la que se actualiza sin costo.", value: .catalog(.targetVersion))
                case .cutoffDate: "Compras desde esta fecha (incluida) se actualizan sin costo."
                case .systemTypes: "Los tipos de sistema, con su nombre canónico, en el orden del catálogo."
                case .serialNumberPattern: "Expresión regular de un número de serie."
                case .keyRequest: "A dónde y cómo pedir las claves."
                case .installation: "Datos para la instalación."
                case .currency: FieldDoc("Moneda de todos los importes (ISO 4217).", value: .catalog(.currency))
                case .ivaRate: "Tasa de IVA por omisión."
                case .supportPolicies: "Las pólizas de soporte remoto, con su precio por sistema antes de IVA."
                case .perEvent: "Precios del soporte por evento, por número de usuarios."
                case .promotions: "Descuentos por temporada."
                case .multiSystemNote: "La nota para quien tiene más de un sistema."
                }
            }
        }
    }

    /// Where and how keys are requested.
    public struct KeyRequest: Codable, Hashable, Sendable {
        /// The key-request mailbox.
        public var to: EmailAddress
        /// The subject to use.
        public var subject: String
        /// The workbook's file name, with several systems.
        public var attachmentFilename: String
        /// The spreadsheet's header row, columns A onwards.
        public var spreadsheetColumns: [String]

        public init(to: EmailAddress, subject: String, attachmentFilename: String, spreadsheetColumns: [String]) {
            self.to = to
            self.subject = subject
            self.attachmentFilename = attachmentFilename
            self.spreadsheetColumns = spreadsheetColumns
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case to, subject, attachmentFilename, spreadsheetColumns

            public var documentation: FieldDoc {
                switch self {
                case .to: "Buzón de la solicitud de claves."
                case .subject: "Asunto del correo."
                case .attachmentFilename: "Nombre de la hoja de cálculo anexa (con varios sistemas)."
                case .spreadsheetColumns: "Encabezados de la hoja, desde la columna A."
                }
            }
        }
    }

    /// Installation contact.
    public struct Installation: Codable, Hashable, Sendable {
        /// The number to call for the installation.
        public var phone: String

        public init(phone: String) { self.phone = phone }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case phone

            public var documentation: FieldDoc {
                switch self {
                case .phone: "Teléfono para la instalación."
                }
            }
        }
    }

    /// A remote-support policy.
    public struct SupportPolicy: Codable, Hashable, Sendable {
        /// The plan, as `quoteSupport` takes it.
        public var plan: SupportPlan
        /// The policy's name for the customer.
        public var label: String
        /// Per system, before IVA.
        public var price: Money

        public init(plan: SupportPlan, label: String, price: Money) {
            self.plan = plan
            self.label = label
            self.price = price
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case plan, label, price

            public var documentation: FieldDoc {
                switch self {
                case .plan: "El plan, como lo recibe quoteSupport."
                case .label: "Nombre de la póliza para el cliente."
                case .price: "Precio por sistema antes de IVA."
                }
            }
        }
    }

    /// One row of the per-event price table.
    public struct PerEventTier: Codable, Hashable, Sendable {
        /// Users from (inclusive).
        public var minUsers: Int
        /// Nil (written `null`) for the open-ended last tier.
        public var maxUsers: Int?
        /// Per event, before IVA; nil (written `null`) when quoted per project.
        public var price: Money?

        public init(minUsers: Int, maxUsers: Int?, price: Money?) {
            self.minUsers = minUsers
            self.maxUsers = maxUsers
            self.price = price
        }

        /// By hand for one reason: the open-ended tier writes explicit `null`s.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(minUsers, forKey: .minUsers)
            try container.encode(maxUsers, forKey: .maxUsers)
            try container.encode(price, forKey: .price)
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case minUsers, maxUsers, price

            public var documentation: FieldDoc {
                switch self {
                case .minUsers: "Usuarios desde (incluido)."
                case .maxUsers: "Usuarios hasta (incluido); null: sin límite (se cotiza por proyecto)."
                case .price: "Precio por evento antes de IVA; null: se cotiza por proyecto."
                }
            }
        }
    }

    /// A seasonal discount on some plans.
    public struct Promotion: Codable, Hashable, Sendable {
        /// Months (1–12) in which it applies, judged by the quote's date.
        public var months: [Int]
        /// The percentage as text: `"20"`.
        public var percent: String
        /// The plans it applies to.
        public var plans: [SupportPlan]
        /// Spanish, for the customer; also the reason of the discount.
        public var description: String

        public init(months: [Int], percent: String, plans: [SupportPlan], description: String) {
            self.months = months
            self.percent = percent
            self.plans = plans
            self.description = description
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case months, percent, plans, description

            public var documentation: FieldDoc {
                switch self {
                case .months: "Meses (1 a 12) en que aplica, según la fecha de la cotización."
                case .percent: "Porcentaje de descuento como texto (\"20\")."
                case .plans: "Los planes a los que aplica."
                case .description: "La promoción, en español."
                }
            }
        }
    }
}
