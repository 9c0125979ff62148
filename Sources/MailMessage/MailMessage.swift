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
        String(decoding: renderedBytes(), as: UTF8.self)
    }

    /// ``rendered()`` as its bytes (all ASCII), for callers that write bytes anyway: a
    /// message is mostly base64, and a `String` of it would only be copied again.
    public func renderedBytes() -> [UInt8] {
        render().message
    }

    /// ``renderedBytes()`` and each attachment's contents in base64 on one line (RFC 4648,
    /// as ``Base64/encode(_:)``), for callers that also show the files, as in a JSON result.
    /// The encoding is made while rendering, where it costs almost nothing (see
    /// ``MultipartBoundary``), instead of a second time.
    public func renderedWithBase64() -> (message: [UInt8], attachmentsBase64: [[UInt8]]) {
        render()
    }

    private func render() -> (message: [UInt8], attachmentsBase64: [[UInt8]]) {
        var out: [UInt8] = []
        out.reserveCapacity(estimatedLength)
        HeaderField.append(name: "From", tokens: from.headerTokens(firstLineUsed: 6), to: &out)
        if to.isEmpty {
            out.appendLiteral("To: undisclosed-recipients:;\r\n")
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
        out.appendLiteral("Date: ")
        date.appendRFC5322(to: &out)
        out.appendLiteral("\r\nMessage-ID: <")
        out.appendUTF8(HeaderText.sanitizedAddress(messageID))
        out.appendLiteral(">\r\nMIME-Version: 1.0\r\n")

        guard !attachments.isEmpty else {
            appendTextPart(to: &out)
            return (out, [])
        }
        let (boundary, encoded) = MultipartBoundary.make(subject: subject, body: body, attachments: attachments)
        out.appendLiteral("Content-Type: multipart/mixed; boundary=\"")
        out.appendUTF8(boundary)
        out.appendLiteral("\"\r\n\r\n--")
        out.appendUTF8(boundary)
        out.appendLiteral("\r\n")
        appendTextPart(to: &out)
        for (attachment, base64) in zip(attachments, encoded) {
            // This CRLF belongs to the delimiter (RFC 2046 §5.1.1), so the text part keeps
            // its final line break and base64 needs no trailing one.
            out.appendLiteral("\r\n--")
            out.appendUTF8(boundary)
            out.appendLiteral("\r\n")
            attachment.appendPart(base64: base64, to: &out)
        }
        out.appendLiteral("\r\n--")
        out.appendUTF8(boundary)
        out.appendLiteral("--\r\n")
        return (out, encoded)
    }

    private func appendTextPart(to out: inout [UInt8]) {
        out.appendLiteral("Content-Type: text/plain; charset=utf-8\r\n")
        out.appendLiteral("Content-Transfer-Encoding: quoted-printable\r\n")
        out.appendLiteral("\r\n")
        QuotedPrintable.append(body, to: &out)
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
