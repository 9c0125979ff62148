import JSONRPC
import MailMessage
import UpgradeRules
import XLSXWriter

/// The result of `requestKeys`: the e-mail's parts for display, and `message`, the whole
/// RFC 5322 text a mail program sends.
public struct KeyRequestMessage: JSONEncodable, Sendable {
    let from: String
    let cc: [String]
    let bcc: [String]
    let body: String
    let systems: [RequestKeys.SystemParams]
    let workbook: [UInt8]?
    let message: String

    static func compose(_ params: RequestKeys.Params, sentAt: OffsetDateTime) -> KeyRequestMessage {
        let request = KeyRequest(company: params.company, contactName: params.contactName,
                                 contactEmail: params.contactEmail,
                                 systems: params.systems.map { KeyRequest.System(systemType: $0.systemType, serialNumber: $0.serialNumber) },
                                 localHour: sentAt.hour)!  // systems are 1…1000 and the hour 0…23 by then
        let from = params.from ?? params.contactEmail
        let workbook = request.attachment.map { sheet in
            Workbook(sheets: [Worksheet(name: sheet.sheetName, rows: [sheet.header] + sheet.rows)]).bytes()
        }
        let attachments = workbook.map {
            [MailAttachment(filename: KeyRequest.attachmentFilename, mediaType: KeyRequest.attachmentMediaType, contents: $0)]
        } ?? []
        let mail = MailMessage(
            from: Mailbox(address: from, displayName: params.contactName),
            to: [Mailbox(address: KeyRequest.address.to)],
            cc: params.cc.map { Mailbox(address: $0) },
            subject: KeyRequest.address.subject,
            date: MailDateTime(year: sentAt.date.year, month: sentAt.date.month, day: sentAt.date.day,
                               hour: sentAt.hour, minute: sentAt.minute, second: sentAt.second,
                               offsetMinutes: sentAt.utcOffsetMinutes),
            messageID: messageID(for: params, body: request.body, sentAt: sentAt, from: from),
            body: request.body,
            attachments: attachments)
        return KeyRequestMessage(from: from, cc: params.cc, bcc: params.bcc, body: request.body,
                                 systems: params.systems, workbook: workbook, message: mail.rendered())
    }

    /// `<hash.time@domain-of-from>`: derived from the request, so the same request sent at
    /// the same second is the same message (and documented examples are reproducible),
    /// while any other request gets another id. Everything that changes the message goes
    /// into the hash: with several systems the body does not name their types, so each
    /// system's type and purchase date are mixed in, and `sentAt` with its offset.
    static func messageID(for params: RequestKeys.Params, body: String, sentAt: OffsetDateTime, from: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325  // FNV-1a, 64-bit
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
            hash = (hash ^ 0x1F) &* 0x100000001b3
        }
        [params.company, params.contactName, params.contactEmail, from, body, sentAt.rfc3339].forEach(mix)
        for system in params.systems {
            [system.systemType.canonicalName, system.serialNumber.value, system.purchaseDate?.description ?? "-"].forEach(mix)
        }
        (params.cc + ["|"] + params.bcc).forEach(mix)
        let hex = String(hash, radix: 16)
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        return "\(String(repeating: "0", count: 16 - hex.count))\(hex).\(sentAt.unixTime)@\(domain)"
    }

    public func encode(to w: inout JSONWriter) {
        w.beginObject()
        w.field("to", [KeyRequest.address.to])
        w.field("from", from)
        w.field("cc", cc)
        w.field("bcc", bcc)
        w.field("subject", KeyRequest.address.subject)
        w.field("body", body)
        w.key("systems")
        w.beginArray()
        for system in systems {
            w.beginObject()
            w.field("systemType", system.systemType.canonicalName)
            w.field("serialNumber", system.serialNumber.value)
            if let date = system.purchaseDate { w.field("purchaseDate", date.description) }
            w.endObject()
        }
        w.endArray()
        w.key("attachment")
        if let workbook {
            w.beginObject()
            w.field("filename", KeyRequest.attachmentFilename)
            w.field("mediaType", KeyRequest.attachmentMediaType)
            w.field("size", workbook.count)
            w.field("contentBase64", Base64.encode(workbook))
            w.endObject()
        } else {
            w.null()
        }
        w.field("message", message)
        w.endObject()
    }
}
