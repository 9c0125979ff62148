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
    /// a CRLF after the last line: the boundary delimiter that follows supplies it.
    func appendPart(to out: inout String) {
        let name = HeaderText.sanitized(filename)
        var typeTokens = [HeaderToken(headerMediaType + (name.isEmpty ? "" : ";"))]
        typeTokens += MIMEParameter.tokens(attribute: "name", value: name)
        HeaderField.append(name: "Content-Type", tokens: typeTokens, to: &out)
        var dispositionTokens = [HeaderToken("attachment" + (name.isEmpty ? "" : ";"))]
        dispositionTokens += MIMEParameter.tokens(attribute: "filename", value: name)
        HeaderField.append(name: "Content-Disposition", tokens: dispositionTokens, to: &out)
        out += "Content-Transfer-Encoding: base64\r\n\r\n"
        out += Base64.encode(contents, lineLength: 76)
    }

    /// The media type if it is a well-formed `type/subtype` of RFC 2045 tokens.
    var headerMediaType: String {
        let parts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        let isToken: (Substring) -> Bool = { part in
            !part.isEmpty && part.utf8.count <= 127
                && part.utf8.allSatisfy { (33...126).contains($0) && !MIMEParameter.isTSpecial($0) }
        }
        guard parts.count == 2, isToken(parts[0]), isToken(parts[1]) else {
            return "application/octet-stream"
        }
        return mediaType
    }
}
