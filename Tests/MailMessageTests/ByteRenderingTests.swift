import MailMessage
import Testing

/// The byte-level entry points give exactly what the `String` ones give.
@Suite("Rendering to bytes")
struct ByteRenderingTests {
    static let sizes = Array(0...20) + [56, 57, 58, 113, 114, 115, 1_000, 12_289]

    @Test(arguments: sizes)
    func encodedBytesAreTheEncoding(count: Int) {
        let bytes = Fixture.bytes(count)
        #expect(Base64.encodedBytes(bytes) == Array(Base64.encode(bytes).utf8))
    }

    @Test(arguments: [0, 1, 2, 3, 57, 58, 1_000], [4, 7, 76, 77, 200])
    func wrappingAnEncodingIsEncodingWrapped(count: Int, lineLength: Int) {
        let bytes = Fixture.bytes(count)
        var wrapped: [UInt8] = Array("prefix".utf8)
        Base64.appendWrapped(Base64.encodedBytes(bytes), lineLength: lineLength, to: &wrapped)
        #expect(wrapped == Array(("prefix" + Base64.encode(bytes, lineLength: lineLength)).utf8))
    }

    @Test func renderedBytesAreTheRenderedText() {
        let plain = Fixture.message()
        #expect(plain.renderedBytes() == Array(plain.rendered().utf8))
        let multipart = Fixture.message(attachments: [
            MailAttachment(filename: "a.bin", mediaType: "application/octet-stream", contents: Fixture.bytes(5_000)),
        ])
        #expect(multipart.renderedBytes() == Array(multipart.rendered().utf8))
    }

    @Test func renderedWithBase64GivesEachAttachmentOnOneLine() {
        let files = [Fixture.bytes(12_288), [], Fixture.bytes(7)]
        let message = Fixture.message(attachments: files.enumerated().map {
            MailAttachment(filename: "f\($0.offset).bin", mediaType: "application/octet-stream", contents: $0.element)
        })
        let (bytes, base64) = message.renderedWithBase64()
        #expect(bytes == Array(message.rendered().utf8))
        #expect(base64 == files.map { Array(Base64.encode($0).utf8) })
        #expect(Fixture.message().renderedWithBase64().attachmentsBase64.isEmpty)
    }
}
