import JSONRPC
import UpgradeRules

/// `requestKeys`: the key-request e-mail of the source document, ready to send.
public struct RequestKeys: RPCMethod {
    public static let name = "requestKeys"
    public static let summary = "Compone el correo de solicitud de claves (y la hoja .xlsx con varios sistemas), listo para enviar."
    static let maxSystems = 1000
    static let maxCopies = 20

    public struct Params: ParamsObject {
        let company: String
        let contactName: String
        let contactEmail: String
        let systems: [SystemParams]
        let from: String?
        let cc: [String]
        let bcc: [String]
        let sentAt: OffsetDateTime?

        public init(from r: inout ParamsReader) {
            company = r.required("company", .text, "Nombre de la empresa o de la persona física (1 a 200 caracteres).")
            contactName = r.required("contactName", .text, "Nombre del contacto; también firma el correo y es el nombre visible del remitente.")
            contactEmail = r.required("contactEmail", .email, "Correo electrónico del contacto (nombre@dominio.tld).")
            systems = r.objects("systems", SystemParams.self, count: 1...RequestKeys.maxSystems,
                                "Sistemas a actualizar, de 1 a 1000. Con más de uno se anexa la hoja de cálculo.")
            from = r.optional("from", .email, "Remitente; por omisión contactEmail (la fuente recomienda que sea el mismo).")
            cc = r.list("cc", .email, maxCount: RequestKeys.maxCopies, "Direcciones con copia (encabezado Cc), a lo más 20.")
            bcc = r.list("bcc", .email, maxCount: RequestKeys.maxCopies, "Direcciones con copia oculta: se devuelven para el envío, nunca aparecen en el mensaje. A lo más 20.")
            sentAt = r.optional("sentAt", .dateTime, "Fecha y hora de envío RFC 3339 con zona (encabezado Date y saludo); por omisión ahora en la Ciudad de México.")
        }
    }

    public struct SystemParams: ParamsObject {
        let systemType: SystemType
        let serialNumber: SerialNumber
        let purchaseDate: CalendarDate?
        /// Where this system sits in params, for errors found across systems.
        let pointer: String

        public init(from r: inout ParamsReader) {
            systemType = r.required("systemType", .systemType, "Tipo de sistema (nombre del catálogo o una variante reconocible).")
            serialNumber = r.required("serialNumber", .serial, "Número de serie actual: cuatro grupos de cuatro letras o dígitos.")
            purchaseDate = r.optional("purchaseDate", .date, "Fecha de compra; si se da, debe ser a partir del 1 de julio de 2011 y no posterior a hoy.")
            pointer = r.pointer
        }
    }

    let clock: ServiceClock
    let messageIDs: MessageIDSource

    public init(clock: ServiceClock, messageIDs: MessageIDSource = .system) {
        self.clock = clock
        self.messageIDs = messageIDs
    }

    public func check(_ params: Params, _ reader: inout ParamsReader) {
        let today = clock.today
        // A serial that failed to read holds the placeholder: comparing it would report a
        // repeat of a serial nobody sent.
        let unread = Set(reader.errors.lazy.map(\.path).filter { $0.hasSuffix("/serialNumber") })
        var seen: Set<String> = []
        seen.reserveCapacity(params.systems.count)
        for system in params.systems {
            let wasRead = unread.isEmpty || !unread.contains(system.pointer + "/serialNumber")
            if wasRead, !seen.insert(system.serialNumber.value).inserted {
                reader.fail(system.pointer + "/serialNumber", .duplicateSerial, "El número de serie \(system.serialNumber.value) ya aparece en esta solicitud.")
            }
            if let date = system.purchaseDate, Eligibility.isFuture(date, today: today) {
                reader.fail(system.pointer + "/purchaseDate", .outOfRange, "La fecha de compra no puede ser posterior a hoy.")
            }
        }
    }

    public func call(_ params: Params) throws(RPCError) -> KeyRequestMessage {
        let beforeCutoff = params.systems.compactMap { system -> FieldError? in
            guard let date = system.purchaseDate, !Eligibility.isEligible(purchaseDate: date) else { return nil }
            return FieldError(path: system.pointer + "/purchaseDate", code: .notEligible,
                              message: "Comprado el \(date.spanishText), antes del \(Eligibility.cutoffDate.spanishText): no tiene derecho a la actualización sin costo.")
        }
        guard beforeCutoff.isEmpty else {
            throw .application(code: -32001, message: "Not eligible", errors: beforeCutoff)
        }
        return KeyRequestMessage.compose(params, sentAt: params.sentAt ?? clock.now(), uniqueID: messageIDs.uniquePart())
    }
}

extension RequestKeys: DocumentedMethod {
    public static let errors: [RPCError] = [
        .invalidParams([]),
        .application(code: -32001, message: "Not eligible", errors: []),
    ]

    public static let resultSchema = Schema.object(properties: [
        ("to", Schema.array(of: Schema.constant("claves@contpaqi.com"))),
        ("from", Schema.described("La dirección del remitente, sin nombre.", Schema.email)),
        ("cc", Schema.array(of: Schema.email)),
        ("bcc", Schema.described("Para el envío (sendmail -t no las ve): nunca aparecen en message.", Schema.array(of: Schema.email))),
        ("subject", Schema.constant("Solicitud de claves para actualización sin costo")),
        ("body", Schema.described("El cuerpo del correo, líneas separadas por \\n.", Schema.string())),
        ("systems", Schema.array(of: Schema.object(optional: ["purchaseDate"], properties: [
            ("systemType", Schema.string(enumeration: SystemType.canonicalNames)),
            ("serialNumber", Schema.serial),
            ("purchaseDate", Schema.date),
        ]))),
        ("attachment", Schema.nullable(Schema.object("La hoja .xlsx; solo con más de un sistema.", properties: [
            ("filename", Schema.constant("Relacion de sistemas sin costo.xlsx")),
            ("mediaType", Schema.constant("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
            ("size", Schema.described("Bytes del archivo decodificado.", Schema.integer)),
            ("contentBase64", Schema.string(pattern: "^[A-Za-z0-9+/]*={0,2}$")),
        ]))),
        ("message", Schema.described("El mensaje RFC 5322/MIME completo, con fines de línea CRLF.", Schema.string())),
    ])

    public static let examples: [(name: String, params: JSON)] = {
        let company: JSON = "Empresa de muestra, S.A. de C.V.", contact: JSON = "Raul Gonzalez Rivera"
        let email: JSON = "rgonzalez@empresamuestra.com.mx", sentAt: JSON = "2012-01-10T16:30:00-06:00"
        let system = { (type: String, serial: String) -> JSON in .members(["systemType": .string(type), "serialNumber": .string(serial)]) }
        return [
            ("un sistema (correo del documento fuente)", .members([
                "company": company, "contactName": contact, "contactEmail": email,
                "systems": [system("CONTPAQ i – Factura electrónica", "Aaaa-Bbbb-Cccc-Dddd")], "sentAt": sentAt])),
            ("cuatro sistemas, con hoja de cálculo", .members([
                "company": company, "contactName": contact, "contactEmail": email,
                "systems": [system("Factura electrónica", "AAAA-BBBB-CCCC-DDDD"), system("Contabilidad", "AAAA-BBBB-CCCC-EEEE"),
                            system("Nóminas", "AAAA-BBBB-CCCC-FFFF"), system("Bancos", "AAAA-BBBB-CCCC-GGGG")],
                "cc": ["contabilidad@empresamuestra.com.mx"], "sentAt": sentAt])),
        ]
    }()
}
