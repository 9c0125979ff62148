/// A file sent as a base64 body part of a `multipart/mixed` message.
public struct MailAttachment: Sendable {
    /// The name mail programs offer when saving; any Unicode text.
    public let filename: String
    /// `type/subtype`, e.g. `application/pdf`; anything else is sent as
    /// `application/octet-stream`.
    public let mediaType: String
    /// The file's bytes, sent unchanged.
    public let contents: [UInt8]

    /// Creates an attachment; the values are made header-safe when rendered.
    public init(filename: String, mediaType: String, contents: [UInt8]) {
        self.filename = filename
        self.mediaType = mediaType
        self.contents = contents
    }

    /// Appends this attachment's part headers, blank line and wrapped base64 body, without
    /// a CRLF after the last line: the boundary delimiter that follows supplies it. `base64`
    /// is `contents` already encoded on one line.
    func appendPart(base64: [UInt8], to out: inout [UInt8]) {
        let name = HeaderText.sanitized(filename)
        var typeTokens = [HeaderToken(headerMediaType + (name.isEmpty ? "" : ";"))]
        typeTokens += MIMEParameter.tokens(attribute: "name", value: name)
        HeaderField.append(name: "Content-Type", tokens: typeTokens, to: &out)
        var dispositionTokens = [HeaderToken("attachment" + (name.isEmpty ? "" : ";"))]
        dispositionTokens += MIMEParameter.tokens(attribute: "filename", value: name)
        HeaderField.append(name: "Content-Disposition", tokens: dispositionTokens, to: &out)
        out.appendLiteral("Content-Transfer-Encoding: base64\r\n\r\n")
        Base64.appendWrapped(base64, lineLength: 76, to: &out)
    }

    /// The media type if it is a well-formed `type/subtype` of RFC 2045 tokens: one `/`
    /// between two runs of 1–127 printable ASCII characters that are not `tspecials`.
    var headerMediaType: String {
        var slash: Int?
        var count = 0
        for byte in mediaType.utf8 {
            if byte == UInt8(ascii: "/") {
                guard slash == nil else { return "application/octet-stream" }
                slash = count
            } else if !(33...126).contains(byte) || MIMEParameter.isTSpecial(byte) {
                return "application/octet-stream"
            }
            count += 1
        }
        guard let slash, (1...127).contains(slash), (1...127).contains(count - slash - 1) else {
            return "application/octet-stream"
        }
        return mediaType
    }
}
