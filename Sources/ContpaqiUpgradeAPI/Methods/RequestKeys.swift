/// `requestKeys`: the key-request e-mail of the source document, ready to send, with a
/// spreadsheet of the systems when there are several.
public enum RequestKeys: RPCMethod {
    /// The method's wire name.
    public static let name = "requestKeys"

    /// Who asks, for which systems, and how the message is addressed.
    public struct Params: Codable, Hashable, Sendable {
        /// The company, or the person's name for a natural person.
        public var company: BoundedText
        /// The contact: signs the message and is the sender's display name.
        public var contactName: BoundedText
        /// The contact's address.
        public var contactEmail: EmailAddress
        /// The systems to get keys for, 1 to 1000; with more than one, a workbook is attached.
        public var systems: BoundedList<System, SystemCount>
        /// `contactEmail` when nil.
        public var from: EmailAddress?
        /// Copies (`Cc:`), at most 20.
        public var cc: BoundedList<EmailAddress, CopyCount>?
        /// Returned for sending, never written into the message.
        public var bcc: BoundedList<EmailAddress, CopyCount>?
        /// The `Date:` header and the greeting's hour; now in Mexico City when nil.
        public var sentAt: OffsetDateTime?

        public init(company: BoundedText, contactName: BoundedText, contactEmail: EmailAddress,
                    systems: BoundedList<System, SystemCount>, from: EmailAddress? = nil,
                    cc: BoundedList<EmailAddress, CopyCount>? = nil, bcc: BoundedList<EmailAddress, CopyCount>? = nil,
                    sentAt: OffsetDateTime? = nil) {
            self.company = company
            self.contactName = contactName
            self.contactEmail = contactEmail
            self.systems = systems
            self.from = from
            self.cc = cc
            self.bcc = bcc
            self.sentAt = sentAt
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case company, contactName, contactEmail, systems, from, cc, bcc, sentAt

            public var documentation: FieldDoc {
                switch self {
                case .company: "Nombre de la empresa o de la persona física (1 a 200 caracteres)."
                case .contactName: "Nombre del contacto; también firma el correo y es el nombre visible del remitente."
                case .contactEmail: "Correo electrónico del contacto (nombre@dominio.tld)."
                case .systems: "Sistemas a actualizar, de 1 a 1000. Con más de uno se anexa la hoja de cálculo."
                case .from: "Remitente; por omisión contactEmail (la fuente recomienda que sea el mismo)."
                case .cc: "Direcciones con copia (encabezado Cc), a lo más 20."
                case .bcc: "Direcciones con copia oculta: se devuelven para el envío, nunca aparecen en el mensaje. A lo más 20."
                case .sentAt: "Fecha y hora de envío RFC 3339 con zona (encabezado Date y saludo); por omisión ahora en la Ciudad de México."
                }
            }
        }
    }

    /// One system: in params as given, in the result normalised (canonical type name,
    /// upper-cased serial).
    public struct System: Codable, Hashable, Sendable {
        /// The system type: as given in params, canonical in the result.
        public var systemType: SystemType
        /// The current serial number.
        public var serialNumber: SerialNumber
        /// When given: on or after the cutoff (else error -32001), not after today.
        public var purchaseDate: CalendarDate?

        public init(systemType: SystemType, serialNumber: SerialNumber, purchaseDate: CalendarDate? = nil) {
            self.systemType = systemType
            self.serialNumber = serialNumber
            self.purchaseDate = purchaseDate
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case systemType, serialNumber, purchaseDate

            public var documentation: FieldDoc {
                switch self {
                case .systemType: "Tipo de sistema (nombre del catálogo o una variante reconocible)."
                case .serialNumber: "Número de serie actual: cuatro grupos de cuatro letras o dígitos."
                case .purchaseDate: "Fecha de compra; si se da, debe ser desde la fecha de corte (getCatalog: cutoffDate) y no posterior a hoy."
                }
            }
        }
    }

    /// The e-mail, in parts for display and whole (`message`) for sending.
    public struct Result: Codable, Hashable, Sendable {
        /// The key-request mailbox.
        public var to: [EmailAddress]
        /// The sender's bare address.
        public var from: EmailAddress
        /// The copies, as given.
        public var cc: [EmailAddress]
        /// Blind copies, for sending: never written into `message`.
        public var bcc: [EmailAddress]
        /// The subject, as in the headers (decoded).
        public var subject: String
        /// Lines separated by `\n`.
        public var body: String
        /// The systems, normalised, in request order.
        public var systems: [System]
        /// The workbook; nil (written `null`) with a single system.
        public var attachment: Attachment?
        /// The whole RFC 5322 / MIME message, CRLF line ends.
        public var message: String

        public init(to: [EmailAddress], from: EmailAddress, cc: [EmailAddress], bcc: [EmailAddress], subject: String,
                    body: String, systems: [System], attachment: Attachment?, message: String) {
            self.to = to
            self.from = from
            self.cc = cc
            self.bcc = bcc
            self.subject = subject
            self.body = body
            self.systems = systems
            self.attachment = attachment
            self.message = message
        }

        /// By hand for one reason: no attachment is written as an explicit `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(to, forKey: .to)
            try container.encode(from, forKey: .from)
            try container.encode(cc, forKey: .cc)
            try container.encode(bcc, forKey: .bcc)
            try container.encode(subject, forKey: .subject)
            try container.encode(body, forKey: .body)
            try container.encode(systems, forKey: .systems)
            try container.encode(attachment, forKey: .attachment)
            try container.encode(message, forKey: .message)
        }

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case to, from, cc, bcc, subject, body, systems, attachment, message

            public var documentation: FieldDoc {
                switch self {
                case .to: FieldDoc("Destinatario: el buzón de solicitud de claves.", value: .catalog(.keyRequestTo))
                case .from: "La dirección del remitente, sin nombre."
                case .cc: "Las direcciones con copia."
                case .bcc: "Para el envío (sendmail -t no las ve): nunca aparecen en message."
                case .subject: FieldDoc("Asunto del correo.", value: .catalog(.keyRequestSubject))
                case .body: "El cuerpo del correo, líneas separadas por \\n."
                case .systems: "Los sistemas, normalizados, en el orden de la solicitud."
                case .attachment: "La hoja .xlsx; solo con más de un sistema."
                case .message: "El mensaje RFC 5322/MIME completo, con fines de línea CRLF."
                }
            }
        }
    }

    /// The spreadsheet that relates the systems, as the message carries it.
    public struct Attachment: Codable, Hashable, Sendable {
        /// The file's name.
        public var filename: String
        /// Always `workbookMediaType`.
        public var mediaType: String
        /// Bytes of the decoded file.
        public var size: Int
        /// The file in base64, one unwrapped line.
        public var contentBase64: String

        public init(filename: String, mediaType: String, size: Int, contentBase64: String) {
            self.filename = filename
            self.mediaType = mediaType
            self.size = size
            self.contentBase64 = contentBase64
        }

        /// An Office Open XML workbook.
        public static let workbookMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

        /// The member names, each with its description in the schema.
        public enum CodingKeys: String, DocumentedKey {
            case filename, mediaType, size, contentBase64

            public var documentation: FieldDoc {
                switch self {
                case .filename: FieldDoc("Nombre del archivo.", value: .catalog(.attachmentFilename))
                case .mediaType: FieldDoc("Tipo MIME de un libro de Excel.", value: .constant(Attachment.workbookMediaType))
                case .size: "Bytes del archivo decodificado."
                case .contentBase64: FieldDoc("El archivo en base64, en una sola línea.", pattern: "^[A-Za-z0-9+/]*={0,2}$")
                }
            }
        }
    }
}
