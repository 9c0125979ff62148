import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import UpgradeRules

/// `requestKeys`: the key-request e-mail; systems checked against the catalog, for repeats,
/// and for purchase dates after today or before the cutoff.
public struct RequestKeysHandler: DocumentedHandler {
    public typealias Declaration = RequestKeys
    public static let summary = "Compone el correo de solicitud de claves (y la hoja .xlsx con varios sistemas), listo para enviar."

    let clock: ServiceClock
    let messageIDs: MessageIDSource
    public let valueChecks: [ValueCheck] = [.systemType { Catalog.systemTypes }]

    public init(clock: ServiceClock, messageIDs: MessageIDSource = .system) {
        self.clock = clock
        self.messageIDs = messageIDs
    }

    public func check(_ params: RequestKeys.Params, _ problems: inout ParamsProblems) {
        let today = clock.today
        // A serial that failed to read holds the placeholder: comparing it would report a
        // repeat of a serial nobody sent. (A set, made once: a thousand systems may each
        // have a problem.)
        let unread = problems.isEmpty ? [] : Set(problems.paths.filter { $0.hasSuffix("/serialNumber") })
        var seen: Set<String> = []
        seen.reserveCapacity(params.systems.count)
        let base = problems.pointer + "/systems/"
        for (index, system) in params.systems.enumerated() {
            let pointer = { base + String(index) }  // made only for a problem
            if unread.isEmpty || !unread.contains(pointer() + "/serialNumber"), !seen.insert(system.serialNumber.value).inserted {
                problems.fail(pointer() + "/serialNumber", .duplicateSerial, "El número de serie \(system.serialNumber.value) ya aparece en esta solicitud.")
            }
            if let date = system.purchaseDate, Eligibility.isFuture(date, today: today) {
                problems.fail(pointer() + "/purchaseDate", .outOfRange, "La fecha de compra no puede ser posterior a hoy.")
            }
        }
    }

    public func call(_ params: RequestKeys.Params) throws(RPCError) -> RequestKeys.Result {
        let beforeCutoff = params.systems.enumerated().compactMap { index, system -> FieldError? in
            guard let date = system.purchaseDate, !Eligibility.isEligible(purchaseDate: date) else { return nil }
            return FieldError(path: "/systems/\(index)/purchaseDate", code: FieldErrorCode(rawValue: ErrorCode.notEligible.rawValue),
                              message: "Comprado el \(date.spanishText), antes del \(Eligibility.cutoffDate.spanishText): no tiene derecho a la actualización sin costo.")
        }
        guard beforeCutoff.isEmpty else {
            throw .application(code: -32001, message: "Not eligible", errors: beforeCutoff)
        }
        return KeyRequestMessage.compose(params, sentAt: params.sentAt ?? clock.now(), uniqueID: messageIDs.uniquePart())
    }

    public static let errors: [RPCError] = [
        .invalidParams([]),
        .application(code: -32001, message: "Not eligible", errors: []),
    ]

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
