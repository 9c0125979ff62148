import ContpaqiUpgradeAPI

/// The e-mail that asks CONTPAQ i for the keys of the free upgrade, composed as in the
/// source document's two examples: the plain text body and, for several systems, the rows
/// of the spreadsheet to attach. Turning these into a MIME message and an .xlsx file is
/// done elsewhere.
public struct KeyRequest: Hashable, Sendable {
    /// One system to get keys for.
    public struct System: Hashable, Sendable {
        public let systemType: SystemType
        public let serialNumber: SerialNumber

        public init(systemType: SystemType, serialNumber: SerialNumber) {
            self.systemType = systemType
            self.serialNumber = serialNumber
        }
    }

    /// The table that relates the systems when there are several (source document:
    /// "te recomendamos anexar una hoja de cálculo donde se relacionen los sistemas").
    public struct Spreadsheet: Hashable, Sendable {
        public let filename: String
        public let sheetName: String
        /// The first row.
        public let header: [String]
        /// One row per system, in request order, each with as many cells as `header`.
        public let rows: [[String]]
    }

    /// Where the request goes and its subject.
    public static let address = KeyRequestAddress.standard
    /// The attachment's name, as in the source's example (without the accent on
    /// "Relación", as there).
    public static let attachmentFilename = "Relacion de sistemas sin costo.xlsx"
    public static let attachmentMediaType =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    public static let sheetName = "Sistemas"
    /// The header row of the source's spreadsheet example, columns A to E.
    public static let spreadsheetColumns = [
        "Nombre de la empresa", "Nombre del contacto", "Correo electrónico",
        "Tipo de sistema", "Número de serie",
    ]

    /// The request sentence of the first example (one system).
    public static let singleSystemRequest =
        "Me permito solicitar mis claves para la actualización sin costo de mi sistema."
    /// The request sentence of the second example (several systems, spreadsheet attached).
    public static let multipleSystemsRequest =
        "Me permito solicitar las claves de actualización sin costo de nuestros sistemas, "
        + "anexo un archivo donde relaciono los números de serie actuales."

    /// The company, or the person's name when the buyer is a natural person.
    public let company: String
    public let contactName: String
    public let contactEmail: String
    /// At least one, in request order.
    public let systems: [System]
    /// The hour (0–23) at which the message is sent, in the sender's own offset.
    public let localHour: Int

    /// A request, or nil if `systems` is empty or `localHour` is not 0–23. The text
    /// fields are taken as given: the caller trims and validates them.
    public init?(company: String, contactName: String, contactEmail: String,
                 systems: [System], localHour: Int) {
        guard !systems.isEmpty, (0...23).contains(localHour) else { return nil }
        self.company = company
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.systems = systems
        self.localHour = localHour
    }

    /// `Buenos días` before 12:00, `Buenas tardes` from 12:00, `Buenas noches` from 20:00.
    public static func greeting(forHour hour: Int) -> String {
        switch hour {
        case ..<12: "Buenos días"
        case ..<20: "Buenas tardes"
        default: "Buenas noches"
        }
    }

    public var greeting: String { Self.greeting(forHour: localHour) }

    /// The body, line by line, without line ends.
    ///
    /// One system: the greeting, the request, the five data lines of the first example.
    /// Several: the greeting, the request that mentions the attachment, "Gracias". Both
    /// end with a signature: a blank line, the contact's name, the company.
    public var bodyLines: [String] {
        var lines = [greeting, ""]
        if systems.count == 1, let system = systems.first {
            lines += [
                Self.singleSystemRequest,
                "",
                "Nombre de la empresa: \(company)",
                "Nombre del contacto: \(contactName)",
                "Correo electrónico del contacto: \(contactEmail)",
                "Tipo de sistema: \(system.systemType.name)",
                "Número de serie: \(system.serialNumber.value)",
            ]
        } else {
            lines += [Self.multipleSystemsRequest, "", "Gracias"]
        }
        return lines + ["", contactName, company]
    }

    /// `bodyLines` joined with `"\n"`, with no final line end (the mail layer decides
    /// line ends).
    public var body: String { bodyLines.joined(separator: "\n") }

    /// The spreadsheet to attach: present only with more than one system.
    public var attachment: Spreadsheet? {
        guard systems.count > 1 else { return nil }
        return Spreadsheet(filename: Self.attachmentFilename, sheetName: Self.sheetName,
                           header: Self.spreadsheetColumns, rows: spreadsheetRows)
    }

    /// One row per system, in order, matching `spreadsheetColumns` (computed for a single
    /// system too, should a caller want the table anyway).
    public var spreadsheetRows: [[String]] {
        systems.map {
            [company, contactName, contactEmail, $0.systemType.name,
             $0.serialNumber.value]
        }
    }
}
