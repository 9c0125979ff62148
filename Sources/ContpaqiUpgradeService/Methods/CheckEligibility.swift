import JSONRPC
import UpgradeRules

/// `checkEligibility`: may this purchase be updated to 2012 at no cost, and how is it installed?
public struct CheckEligibility: RPCMethod {
    public static let name = "checkEligibility"
    public static let summary = "¿Tiene derecho a la actualización 2012 sin costo? (compras a partir del 1 de julio de 2011)"

    public struct Params: ParamsObject {
        let purchaseDate: CalendarDate
        let systemType: SystemType?
        let serialNumber: SerialNumber?
        let hasActiveSupportPolicy: Bool

        public init(from r: inout ParamsReader) {
            purchaseDate = r.required("purchaseDate", .date, "Fecha de compra del software (AAAA-MM-DD); no posterior a hoy en la Ciudad de México.")
            systemType = r.optional("systemType", .systemType, "Tipo de sistema; se aceptan variantes sin acentos, mayúsculas, guiones ni prefijo CONTPAQ i.")
            serialNumber = r.optional("serialNumber", .serial, "Número de serie actual; se devuelve en mayúsculas.")
            hasActiveSupportPolicy = r.optional("hasActiveSupportPolicy", .boolean, "¿Cuenta con póliza de soporte remoto vigente? Por omisión false.") ?? false
        }
    }

    let clock: ServiceClock

    public init(clock: ServiceClock) { self.clock = clock }

    public func check(_ params: Params, _ reader: inout ParamsReader) {
        if Eligibility.isFuture(params.purchaseDate, today: clock.today) {
            reader.fail("purchaseDate", .outOfRange, "La fecha de compra no puede ser posterior a hoy.")
        }
    }

    public func call(_ params: Params) throws(RPCError) -> Result {
        Result(decision: Eligibility.evaluate(purchaseDate: params.purchaseDate,
                                              hasActiveSupportPolicy: params.hasActiveSupportPolicy),
               systemType: params.systemType, serialNumber: params.serialNumber)
    }

    public struct Result: JSONEncodable, Sendable {
        // The installation guidance has two forms and never changes: encode each once.
        static let withPolicy = encode(InstallationGuidance.guidance(hasActiveSupportPolicy: true))
        static let withoutPolicy = encode(InstallationGuidance.guidance(hasActiveSupportPolicy: false))

        let decision: EligibilityDecision
        let systemType: SystemType?
        let serialNumber: SerialNumber?

        private static let purchaseDateKey = JSONWriter.Key("purchaseDate")
        private static let reasonKey = JSONWriter.Key("reason")
        private static let installationKey = JSONWriter.Key("installation")

        // What never changes is encoded once; only the date, the reason and the echoes vary.
        private static let eligibleOpening = fragment { $0.field("eligible", true) }
        private static let notEligibleOpening = fragment { $0.field("eligible", false) }
        private static let constants = fragment {
            $0.field("cutoffDate", Eligibility.cutoffDate.description)
            $0.field("targetVersion", Eligibility.targetVersion)
        }
        private static let keyRequest = fragment {
            $0.key("keyRequest")
            $0.beginObject()
            $0.field("to", KeyRequestAddress.standard.to)
            $0.field("subject", KeyRequestAddress.standard.subject)
            $0.endObject()
        }

        public func encode(to w: inout JSONWriter) {
            w.beginObject()
            w.raw(decision.eligible ? Result.eligibleOpening : Result.notEligibleOpening)
            w.field(Result.purchaseDateKey, decision.purchaseDate.description)
            w.raw(Result.constants)
            w.key(Result.reasonKey)
            let reason = decision.reasonParts
            w.string(joining: reason.opening, reason.date, reason.ending)
            if let systemType { w.field("systemType", systemType.canonicalName) }
            if let serialNumber { w.field("serialNumber", serialNumber.value) }
            if decision.keyRequest != nil { w.raw(Result.keyRequest) }
            w.key(Result.installationKey)
            w.raw(decision.installation.includedInPolicy ? Result.withPolicy : Result.withoutPolicy)
            w.endObject()
        }

        /// Members written by `body`, as bytes to splice into a result object.
        private static func fragment(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
            var writer = JSONWriter()
            body(&writer)
            return writer.bytes
        }

        private static func encode(_ installation: InstallationGuidance) -> [UInt8] {
            var w = JSONWriter()
            w.beginObject()
            w.field("includedInPolicy", installation.includedInPolicy)
            w.field("phone", installation.phone)
            w.key("options")
            w.beginArray()
            for option in installation.options {
                w.beginObject()
                w.field("option", option.option.rawValue)
                w.field("description", option.description)
                w.field("quoteMethod", option.quoteMethod)
                w.field("plans", option.plans.map(\.rawValue))
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return w.bytes
        }
    }
}

extension CheckEligibility: DocumentedMethod {
    public static let resultSchema = Schema.object(optional: ["systemType", "serialNumber", "keyRequest"], properties: [
        ("eligible", Schema.described("true si la compra fue el 2011-07-01 o después.", Schema.boolean)),
        ("purchaseDate", Schema.date),
        ("cutoffDate", Schema.constant("2011-07-01")),
        ("targetVersion", Schema.constant("2012")),
        ("reason", Schema.described("Explicación en español con ambas fechas.", Schema.string())),
        ("systemType", Schema.described("Nombre canónico; solo si se dio.", Schema.string(enumeration: SystemType.canonicalNames))),
        ("serialNumber", Schema.described("En mayúsculas; solo si se dio.", Schema.serial)),
        ("keyRequest", Schema.object("A dónde y con qué asunto pedir las claves; solo si tiene derecho.", properties: [
            ("to", Schema.constant("claves@contpaqi.com")),
            ("subject", Schema.constant("Solicitud de claves para actualización sin costo")),
        ])),
        ("installation", Schema.object("Cómo se instala: incluida en la póliza vigente, o dos opciones sin ella.", properties: [
            ("includedInPolicy", Schema.boolean),
            ("phone", Schema.constant("5141-5110")),
            ("options", Schema.array(of: Schema.object(properties: [
                ("option", Schema.string(enumeration: ["renewPolicy", "perEvent"])),
                ("description", Schema.string()),
                ("quoteMethod", Schema.constant("quoteSupport")),
                ("plans", Schema.strings(SupportPlan.allCases.map(\.rawValue))),
            ]))),
        ])),
    ])

    public static let examples: [(name: String, params: JSON)] = [
        ("con derecho, sin póliza", .members(["purchaseDate": "2011-08-15", "systemType": "nominas",
                                              "serialNumber": "aaaa-bbbb-cccc-ffff"])),
        ("sin derecho, con póliza vigente", .members(["purchaseDate": "2011-06-30", "hasActiveSupportPolicy": true])),
    ]
}
