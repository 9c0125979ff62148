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
    /// The workbook's size and base64 (the same encoding the message carries, made once).
    let workbook: (size: Int, base64: [UInt8])?
    /// The rendered message, kept as bytes: it is written to JSON, never read as text.
    let message: [UInt8]

    /// `uniqueID` is the Message-ID's left part, drawn by the caller: the same params make
    /// the same message in all else, so what makes each send unique comes from outside.
    static func compose(_ params: RequestKeys.Params, sentAt: OffsetDateTime, uniqueID: String) -> KeyRequestMessage {
        let request = KeyRequest(company: params.company, contactName: params.contactName,
                                 contactEmail: params.contactEmail,
                                 systems: params.systems.map { KeyRequest.System(systemType: $0.systemType, serialNumber: $0.serialNumber) },
                                 localHour: sentAt.hour)!  // systems are 1…1000 and the hour 0…23 by then
        let from = params.from ?? params.contactEmail
        let attachment = request.attachment.map { sheet in
            let workbook = Workbook(sheets: [Worksheet(name: sheet.sheetName, rows: [sheet.header] + sheet.rows)])
            return MailAttachment(filename: KeyRequest.attachmentFilename, mediaType: KeyRequest.attachmentMediaType,
                                  contents: workbook.bytes())
        }
        let body = request.body
        let mail = MailMessage(
            from: Mailbox(address: from, displayName: params.contactName),
            to: [Mailbox(address: KeyRequest.address.to)],
            cc: params.cc.map { Mailbox(address: $0) },
            subject: KeyRequest.address.subject,
            date: MailDateTime(year: sentAt.date.year, month: sentAt.date.month, day: sentAt.date.day,
                               hour: sentAt.hour, minute: sentAt.minute, second: sentAt.second,
                               offsetMinutes: sentAt.utcOffsetMinutes),
            messageID: uniqueID + "@" + domainPart(of: from),
            body: body,
            attachments: attachment.map { [$0] } ?? [])
        let (message, base64) = mail.renderedWithBase64()
        return KeyRequestMessage(from: from, cc: params.cc, bcc: params.bcc, body: body, systems: params.systems,
                                 workbook: attachment.map { ($0.contents.count, base64[0]) }, message: message)
    }

    /// The `systems` array as JSON text, written in one piece: up to a thousand small objects
    /// whose strings never need escaping (catalog names, serials of letters, digits and `-`,
    /// dates), so they are copied instead of being scanned string by string.
    var systemsJSON: [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(2 + systems.count * 110)
        for (index, system) in systems.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendLiteral(#"{"systemType":""#, to: &out)
            appendUnescaped(system.systemType.canonicalName, to: &out)
            appendLiteral(#"","serialNumber":""#, to: &out)
            appendUnescaped(system.serialNumber.value, to: &out)
            if let date = system.purchaseDate {
                appendLiteral(#"","purchaseDate":""#, to: &out)
                appendUnescaped(date.description, to: &out)
            }
            appendLiteral(#""}"#, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private func appendUnescaped(_ text: String, to out: inout [UInt8]) {
        assert(!text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }, "\(text) needs escaping")
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
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

    public func encode(to w: inout JSONWriter) {
        w.beginObject()
        w.field("to", [KeyRequest.address.to])
        w.field("from", from)
        w.field("cc", cc)
        w.field("bcc", bcc)
        w.field("subject", KeyRequest.address.subject)
        w.field("body", body)
        // The message and the workbook are most of the answer: room for them once, instead of
        // the buffer doubling (and copying) its way up to a few hundred kilobytes.
        let systems = systemsJSON
        w.reserveCapacity(w.count + systems.count + message.count * 2 + (workbook?.base64.count ?? 0) + 512)
        w.key("systems")
        w.raw(systems)
        w.key("attachment")
        if let workbook {
            w.beginObject()
            w.field("filename", KeyRequest.attachmentFilename)
            w.field("mediaType", KeyRequest.attachmentMediaType)
            w.field("size", workbook.size)
            w.key("contentBase64")
            w.string(utf8: workbook.base64, escaping: false)  // the base64 alphabet needs none
            w.endObject()
        } else {
            w.null()
        }
        w.key("message")
        w.string(utf8: message, escaping: true)
        w.endObject()
    }
}
