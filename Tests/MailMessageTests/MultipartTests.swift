import MailMessage
import Testing

@Suite("Multipart messages")
struct MultipartTests {
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The boundary declared in the top-level Content-Type.
    private func declaredBoundary(_ text: String) -> String? {
        let field = TestDecode.headerFields(text).first { $0.hasPrefix("Content-Type:") }
        guard let field, let start = field.firstRange(of: "boundary=\"") else { return nil }
        return String(field[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The body parts between the boundary delimiters (RFC 2046 §5.1.1).
    private func parts(_ text: String, boundary: String) -> [String] {
        let body = text.split(separator: "\r\n\r\n", maxSplits: 1)[1]
        // The first delimiter starts the body, so it has no CRLF of its own before it.
        let pieces = ("\r\n" + body).split(separator: "\r\n--" + boundary,
                                             omittingEmptySubsequences: false)
        // Each piece starts with the CRLF that ends its delimiter line (one Character).
        return pieces.dropFirst().dropLast().map { String($0.dropFirst()) }
    }

    @Test func textThenAttachmentRoundTrips() throws {
        let contents = Fixture.bytes(12_288)
        let message = Fixture.message(attachments: [
            MailAttachment(filename: "Relacion de sistemas sin costo.xlsx", mediaType: Self.xlsx,
                           contents: contents),
        ])
        let text = message.rendered()
        Fixture.expectWellFormed(text)
        // Headers (the long media type folds onto its own line), QP and base64 alike.
        for line in text.split(separator: "\r\n") { #expect(line.utf8.count <= 78) }
        let boundary = try #require(declaredBoundary(text))
        #expect(boundary.contains("=_"))
        #expect(TestDecode.headerFields(text).last == "Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        #expect(text.hasSuffix("\r\n--" + boundary + "--\r\n"))
        #expect(text.contains("\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n"))

        let found = parts(text, boundary: boundary)
        try #require(found.count == 2)
        let textPart = found[0].split(separator: "\r\n\r\n", maxSplits: 1)
        #expect(TestDecode.quotedPrintable(String(textPart[1])).map { String(decoding: $0, as: UTF8.self) }
            == "Buenas tardes:\n\nGracias\n")  // the delimiter's own CRLF is not content

        let attachment = found[1].split(separator: "\r\n\r\n", maxSplits: 1)
        let headers = attachment[0].replacing("\r\n ", with: " ")
        #expect(headers == "Content-Type: \(Self.xlsx); name=\"Relacion de sistemas sin costo.xlsx\"\r\n"
            + "Content-Disposition: attachment; filename=\"Relacion de sistemas sin costo.xlsx\"\r\n"
            + "Content-Transfer-Encoding: base64")
        let base64Lines = attachment[1].split(separator: "\r\n")
        #expect(base64Lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(base64Lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        #expect(TestDecode.base64(String(attachment[1])) == contents)
    }

    @Test func renderingIsDeterministicAndContentDependent() {
        let first = Fixture.message(attachments: [
            MailAttachment(filename: "a.bin", mediaType: "application/octet-stream", contents: [1, 2]),
        ])
        let second = Fixture.message(attachments: [
            MailAttachment(filename: "a.bin", mediaType: "application/octet-stream", contents: [1, 3]),
        ])
        #expect(first.rendered() == first.rendered())
        #expect(declaredBoundary(first.rendered()) != declaredBoundary(second.rendered()))
    }

    @Test func nonASCIIFilenameUsesRFC2231Only() {
        let name = "Relación de sistemas — año 2012, con un nombre largo que no cabe en una línea.xlsx"
        let text = Fixture.message(attachments: [
            MailAttachment(filename: name, mediaType: Self.xlsx, contents: [0]),
        ]).rendered()
        Fixture.expectWellFormed(text)
        for line in text.split(separator: "\r\n") { #expect(line.utf8.count <= 78) }
        #expect(!text.contains("filename=\""))
        #expect(text.contains(" filename*0*=UTF-8''Relaci%C3%B3n%20de%20sistemas%20"))
        #expect(text.contains(" name*0*=UTF-8''Relaci%C3%B3n"))
        // Rejoining the segments and undoing %XX gives the name back.
        let segments = text.split(separator: "\r\n").filter { $0.hasPrefix(" filename*") }
        let joined = segments.map { segment in
            var value = segment.drop { $0 != "=" }.dropFirst()
            if value.hasPrefix("UTF-8''") { value = value.dropFirst(7) }
            return value.hasSuffix(";") ? String(value.dropLast()) : String(value)
        }.joined()
        let bytes = TestDecode.quotedPrintable(joined.replacing("%", with: "="))
        #expect(bytes.map { String(decoding: $0, as: UTF8.self) } == name)
    }

    @Test func badMediaTypeFallsBackToOctetStream() {
        let text = Fixture.message(attachments: [
            MailAttachment(filename: "x.bin", mediaType: "text/plain; charset=\"x\"", contents: [0]),
        ]).rendered()
        #expect(text.contains("Content-Type: application/octet-stream; name=\"x.bin\"\r\n"))
    }

    @Test func hundredKilobyteAttachmentRendersWellFormed() {
        let contents = Fixture.bytes(100_000)
        let text = Fixture.message(attachments: [
            MailAttachment(filename: "big.bin", mediaType: "application/octet-stream", contents: contents),
            MailAttachment(filename: "empty.txt", mediaType: "text/plain", contents: []),
        ]).rendered()
        Fixture.expectWellFormed(text)
        #expect(text.utf8.count > 135_000 && text.utf8.count < 140_000)
    }
}
