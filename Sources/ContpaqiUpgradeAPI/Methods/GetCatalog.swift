/// `getCatalog`: everything an ERP form needs to fill its drop-downs without hard-coding:
/// the campaign's dates, system types, prices, promotions and key-request details.
public enum GetCatalog: RPCMethod {
    public static let name = "getCatalog"
    public typealias Params = NoParams

    public struct Result: Codable, Hashable, Sendable {
        public var targetVersion: String
        public var cutoffDate: CalendarDate
        /// Canonical names, in catalog order.
        public var systemTypes: [SystemType]
        public var serialNumberPattern: String
        public var keyRequest: KeyRequest
        public var installation: Installation
        public var currency: String
        /// The IVA rate quotes use when none is given.
        public var ivaRate: Rate
        public var supportPolicies: [SupportPolicy]
        /// In order of users; the last tier is open-ended and unpriced.
        public var perEvent: [PerEventTier]
        public var promotions: [Promotion]
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

    public struct KeyRequest: Codable, Hashable, Sendable {
        public var to: EmailAddress
        public var subject: String
        public var attachmentFilename: String
        /// The spreadsheet's header row, columns A onwards.
        public var spreadsheetColumns: [String]

        public init(to: EmailAddress, subject: String, attachmentFilename: String, spreadsheetColumns: [String]) {
            self.to = to
            self.subject = subject
            self.attachmentFilename = attachmentFilename
            self.spreadsheetColumns = spreadsheetColumns
        }

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

    public struct Installation: Codable, Hashable, Sendable {
        public var phone: String

        public init(phone: String) { self.phone = phone }

        public enum CodingKeys: String, DocumentedKey {
            case phone

            public var documentation: FieldDoc {
                switch self {
                case .phone: "Teléfono para la instalación."
                }
            }
        }
    }

    public struct SupportPolicy: Codable, Hashable, Sendable {
        public var plan: SupportPlan
        public var label: String
        /// Per system, before IVA.
        public var price: Money

        public init(plan: SupportPlan, label: String, price: Money) {
            self.plan = plan
            self.label = label
            self.price = price
        }

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
        public var plans: [SupportPlan]
        /// Spanish, for the customer; also the reason of the discount.
        public var description: String

        public init(months: [Int], percent: String, plans: [SupportPlan], description: String) {
            self.months = months
            self.percent = percent
            self.plans = plans
            self.description = description
        }

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
