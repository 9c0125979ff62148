/// An Internet message (RFC 5322 with MIME, RFC 2045–2047) ready to hand to a mail server.
///
/// There is deliberately no Bcc: blind-copy recipients belong in the SMTP envelope only,
/// and a message that never holds them cannot leak them in a header.
public struct MailMessage: Sendable {
    /// The author, shown in `From`.
    public let from: Mailbox
    /// The primary recipients, shown in `To`.
    public let to: [Mailbox]
    /// The copied recipients, shown in `Cc` (omitted when empty).
    public let cc: [Mailbox]
    /// Any Unicode text; RFC 2047-encoded when it is not plain ASCII.
    public let subject: String
    /// The `Date` header, in the sender's own offset.
    public let date: MailDateTime
    /// The id without angle brackets, e.g. `abc@example.com`.
    public let messageID: String
    /// Plain text with `"\n"` line ends.
    public let body: String
    /// Files sent after the text, in this order; none makes a single-part message.
    public let attachments: [MailAttachment]

    /// Creates a message; every value is made header-safe when rendered.
    public init(from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], subject: String,
                date: MailDateTime, messageID: String, body: String,
                attachments: [MailAttachment] = []) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.body = body
        self.attachments = attachments
    }

    /// The whole message as sent: CRLF line ends everywhere, ending with CRLF.
    ///
    /// Headers come in the order From, To, Cc (only when there is one), Subject, Date,
    /// Message-ID, MIME-Version, then the content headers. An empty `to` becomes the empty
    /// group `undisclosed-recipients:;`. Without attachments the body is one quoted-printable
    /// `text/plain` part; with them it is `multipart/mixed`: the text, then each attachment
    /// in base64. The same message always renders to the same text.
    public func rendered() -> String {
        var out = ""
        out.reserveCapacity(estimatedLength)
        HeaderField.append(name: "From", tokens: from.headerTokens(firstLineUsed: 6), to: &out)
        if to.isEmpty {
            out += "To: undisclosed-recipients:;\r\n"
        } else {
            HeaderField.append(name: "To", tokens: Mailbox.listTokens(to, headerName: "To"),
                               to: &out)
        }
        if !cc.isEmpty {
            HeaderField.append(name: "Cc", tokens: Mailbox.listTokens(cc, headerName: "Cc"),
                               to: &out)
        }
        HeaderField.append(name: "Subject",
                           tokens: HeaderText.unstructured(subject, firstLineUsed: 9), to: &out)
        out += "Date: " + date.rfc5322 + "\r\n"
        out += "Message-ID: <" + HeaderText.sanitizedAddress(messageID) + ">\r\n"
        out += "MIME-Version: 1.0\r\n"

        guard !attachments.isEmpty else {
            appendTextPart(to: &out)
            return out
        }
        let boundary = self.boundary
        out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
        out += "\r\n"
        out += "--" + boundary + "\r\n"
        appendTextPart(to: &out)
        for attachment in attachments {
            // This CRLF belongs to the delimiter (RFC 2046 §5.1.1), so the text part keeps
            // its final line break and base64 needs no trailing one.
            out += "\r\n--" + boundary + "\r\n"
            attachment.appendPart(to: &out)
        }
        out += "\r\n--" + boundary + "--\r\n"
        return out
    }

    private func appendTextPart(to out: inout String) {
        out += "Content-Type: text/plain; charset=utf-8\r\n"
        out += "Content-Transfer-Encoding: quoted-printable\r\n"
        out += "\r\n"
        out += QuotedPrintable.encode(body)
    }

    /// `=_` can never appear in quoted-printable (`=` is followed by hex or CRLF) nor in
    /// base64 (`=` only pads at the end), so the boundary cannot collide with a body. The
    /// hash of the content only makes it distinctive when messages are nested (forwarded);
    /// it is derived, not random, so output stays reproducible.
    var boundary: String {
        var hash = FNV1a()
        hash.add(subject.utf8)
        hash.add(body.utf8)
        for attachment in attachments {
            hash.add(attachment.filename.utf8)
            hash.add(attachment.contents)
        }
        return "=_MailMessage_" + hash.hexDigest
    }

    /// Room for the headers, the worst-case quoted-printable body and wrapped base64, so the
    /// output buffer grows at most once or twice.
    private var estimatedLength: Int {
        var length = 2048 + body.utf8.count * 2
        for attachment in attachments {
            length += 512 + Base64.encodedLength(ofByteCount: attachment.contents.count) * 78 / 76
        }
        return length
    }
}

/// 64-bit FNV-1a: tiny, dependency-free and stable across runs, unlike `Hasher`.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        // A separator, so ("ab", "c") and ("a", "bc") hash differently.
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01b3
    }

    var hexDigest: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
