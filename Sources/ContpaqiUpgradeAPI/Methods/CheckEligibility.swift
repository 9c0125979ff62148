/// `checkEligibility`: may this purchase be updated to the 2012 version at no cost, and how
/// is the new version installed? (Purchases on or after the catalog's cutoff qualify.)
public enum CheckEligibility: RPCMethod {
    /// The method's wire name.
    public static let name = "checkEligibility"

    /// The purchase to check.
    public struct Params: Codable, Hashable, Sendable {
        /// The purchase date; not after today in Mexico City.
        public var purchaseDate: CalendarDate
        /// The system bought, echoed in the result under its canonical name.
        public var systemType: SystemType?
        /// Its current serial number, echoed upper-cased.
        public var serialNumber: SerialNumber?
        /// Whether a remote-support policy is current; false when nil.
        public var hasActiveSupportPolicy: Bool?

        public init(purchaseDate: CalendarDate, systemType: SystemType? = nil, serialNumber: SerialNumber? = nil,
                    hasActiveSupportPolicy: Bool? = nil) {
            self.purchaseDate = purchaseDate
            self.systemType = systemType
            self.serialNumber = serialNumber
            self.hasActiveSupportPolicy = hasActiveSupportPolicy
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case purchaseDate, systemType, serialNumber, hasActiveSupportPolicy

            public var documentation: FieldDoc {
                switch self {
                case .purchaseDate: "Fecha de compra del software (AAAA-MM-DD); no posterior a hoy en la Ciudad de México."
                case .systemType: "Tipo de sistema; se aceptan variantes sin acentos, mayúsculas, guiones ni prefijo CONTPAQ i."
                case .serialNumber: "Número de serie actual; se devuelve en mayúsculas."
                case .hasActiveSupportPolicy: "¿Cuenta con póliza de soporte remoto vigente? Por omisión false."
                }
            }
        }
    }

    /// The decision, its reason, and the next steps.
    public struct Result: Codable, Hashable, Sendable {
        /// True when bought on or after the cutoff.
        public var eligible: Bool
        /// The purchase date given.
        public var purchaseDate: CalendarDate
        /// The first purchase date that qualifies.
        public var cutoffDate: CalendarDate
        /// The version the free upgrade leads to.
        public var targetVersion: String
        /// A Spanish sentence naming both dates.
        public var reason: String
        /// The canonical name of the system type given; nil when none was.
        public var systemType: SystemType?
        /// The serial given, upper-cased; nil when none was.
        public var serialNumber: SerialNumber?
        /// Where to ask for the keys; only when eligible.
        public var keyRequest: KeyRequest?
        /// How the new version gets installed: always present.
        public var installation: Installation

        public init(eligible: Bool, purchaseDate: CalendarDate, cutoffDate: CalendarDate, targetVersion: String,
                    reason: String, systemType: SystemType?, serialNumber: SerialNumber?, keyRequest: KeyRequest?,
                    installation: Installation) {
            self.eligible = eligible
            self.purchaseDate = purchaseDate
            self.cutoffDate = cutoffDate
            self.targetVersion = targetVersion
            self.reason = reason
            self.systemType = systemType
            self.serialNumber = serialNumber
            self.keyRequest = keyRequest
            self.installation = installation
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case eligible, purchaseDate, cutoffDate, targetVersion, reason, systemType, serialNumber, keyRequest, installation

            public var documentation: FieldDoc {
                switch self {
                case .eligible: "true si la compra fue en la fecha de corte o después."
                case .purchaseDate: "La fecha de compra dada."
                case .cutoffDate: FieldDoc("Compras desde esta fecha (incluida) se actualizan sin costo.", value: .catalog(.cutoffDate))
                case .targetVersion: FieldDoc("La versión a la que se actualiza.", value: .catalog(.targetVersion))
                case .reason: "Explicación en español con ambas fechas."
                case .systemType: "Nombre canónico; solo si se dio."
                case .serialNumber: "En mayúsculas; solo si se dio."
                case .keyRequest: "A dónde y con qué asunto pedir las claves; solo si tiene derecho."
                case .installation: "Cómo se instala: incluida en la póliza vigente, o dos opciones sin ella."
                }
            }
        }
    }

    /// Where to send the key request, and its subject.
    public struct KeyRequest: Codable, Hashable, Sendable {
        /// The key-request mailbox.
        public var to: EmailAddress
        /// The subject to use.
        public var subject: String

        public init(to: EmailAddress, subject: String) {
            self.to = to
            self.subject = subject
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case to, subject

            public var documentation: FieldDoc {
                switch self {
                case .to: FieldDoc("Buzón de la solicitud de claves.", value: .catalog(.keyRequestTo))
                case .subject: FieldDoc("Asunto del correo.", value: .catalog(.keyRequestSubject))
                }
            }
        }
    }

    /// How the new version gets installed once the keys arrive.
    public struct Installation: Codable, Hashable, Sendable {
        /// True with a current policy: installation is included, call the phone.
        public var includedInPolicy: Bool
        /// The number to call.
        public var phone: String
        /// Empty with a current policy; otherwise renew the policy, or pay per event.
        public var options: [InstallationOption]

        public init(includedInPolicy: Bool, phone: String, options: [InstallationOption]) {
            self.includedInPolicy = includedInPolicy
            self.phone = phone
            self.options = options
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case includedInPolicy, phone, options

            public var documentation: FieldDoc {
                switch self {
                case .includedInPolicy: "true con póliza vigente: la instalación está incluida."
                case .phone: FieldDoc("Teléfono para la instalación.", value: .catalog(.installationPhone))
                case .options: "Sin póliza vigente: renovar la póliza o pagar por evento. Vacía con póliza."
                }
            }
        }
    }

    /// One way to pay for the installation without a current policy.
    public struct InstallationOption: Codable, Hashable, Sendable {
        /// Which option.
        public var option: Option
        /// Spanish, from the source document.
        public var description: String
        /// The method that prices this option.
        public var quoteMethod: String
        /// The `plan` values `quoteMethod` takes for this option.
        public var plans: [SupportPlan]

        public init(option: Option, description: String, quoteMethod: String, plans: [SupportPlan]) {
            self.option = option
            self.description = description
            self.quoteMethod = quoteMethod
            self.plans = plans
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case option, description, quoteMethod, plans

            public var documentation: FieldDoc {
                switch self {
                case .option: "renewPolicy (renovar la póliza) o perEvent (pago por evento)."
                case .description: "La opción, en palabras del documento fuente."
                case .quoteMethod: FieldDoc("El método que la cotiza.", value: .constant(QuoteSupport.name))
                case .plans: "Los valores de plan que acepta quoteMethod para esta opción."
                }
            }
        }
    }

    /// The two installation options of the source document.
    public enum Option: String, CaseIterable, Hashable, Sendable, SchemaValue {
        case renewPolicy
        case perEvent

        public static let inputSchema = SchemaFragment(type: .string, enumeration: .literal(allCases.map(\.rawValue)))
        public static let placeholder = Option.renewPolicy
    }
}
