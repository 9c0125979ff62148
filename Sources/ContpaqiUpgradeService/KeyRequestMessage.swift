import ContpaqiUpgradeAPI
import MailMessage
import UpgradeRules
import XLSXWriter

/// Composes `requestKeys`' result: the e-mail's parts for display, and `message`, the whole
/// RFC 5322 text a mail program sends.
enum KeyRequestMessage {
    /// `uniqueID` is the Message-ID's left part, drawn by the caller: the same params make
    /// the same message in all else, so what makes each send unique comes from outside.
    /// `params.systems` carry canonical system types by now (the catalog check replaced them).
    static func compose(_ params: RequestKeys.Params, sentAt: OffsetDateTime, uniqueID: String) -> RequestKeys.Result {
        let request = KeyRequest(company: params.company.text, contactName: params.contactName.text,
                                 contactEmail: params.contactEmail.address,
                                 systems: params.systems.map { KeyRequest.System(systemType: $0.systemType, serialNumber: $0.serialNumber) },
                                 localHour: sentAt.hour)!  // systems are 1…1000 and the hour 0…23 by then
        let from = params.from ?? params.contactEmail
        let cc = params.cc?.elements ?? [], bcc = params.bcc?.elements ?? []
        let attachment = request.attachment.map { sheet in
            let workbook = Workbook(sheets: [Worksheet(name: sheet.sheetName, rows: [sheet.header] + sheet.rows)])
            return MailAttachment(filename: KeyRequest.attachmentFilename, mediaType: KeyRequest.attachmentMediaType,
                                  contents: workbook.bytes())
        }
        let body = request.body
        let mail = MailMessage(
            from: Mailbox(address: from.address, displayName: params.contactName.text),
            to: [Mailbox(address: KeyRequest.address.to)],
            cc: cc.map { Mailbox(address: $0.address) },
            subject: KeyRequest.address.subject,
            date: MailDateTime(year: sentAt.date.year, month: sentAt.date.month, day: sentAt.date.day,
                               hour: sentAt.hour, minute: sentAt.minute, second: sentAt.second,
                               offsetMinutes: sentAt.utcOffsetMinutes),
            messageID: uniqueID + "@" + domainPart(of: from.address),
            body: body,
            attachments: attachment.map { [$0] } ?? [])
        let (message, base64) = mail.renderedWithBase64()
        return RequestKeys.Result(
            to: [EmailAddress(KeyRequest.address.to)!], from: from, cc: cc, bcc: bcc, subject: KeyRequest.address.subject,
            body: body, systems: params.systems.elements,
            attachment: attachment.map {
                RequestKeys.Attachment(filename: $0.filename, mediaType: $0.mediaType, size: $0.contents.count,
                                       contentBase64: String(decoding: base64[0], as: UTF8.self))
            },
            message: String(decoding: message, as: UTF8.self))
    }

    /// The last non-empty run of text after an `@` (`from` is a valid address by now, so
    /// simply its domain), or `localhost`. An ASCII address is split on its bytes; other text
    /// the slower way, on characters, with the same result.
    static func domainPart(of address: String) -> String {
        guard address.utf8.allSatisfy({ $0 < 0x80 }) else {
            return address.split(separator: "@").last.map(String.init) ?? "localhost"
        }
        let bytes = Array(address.utf8)
        var end = bytes.count
        while end > 0 && bytes[end - 1] == UInt8(ascii: "@") { end -= 1 }
        guard end > 0 else { return "localhost" }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? 0
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
