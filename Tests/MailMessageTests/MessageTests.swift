import MailMessage
import Testing

/// Shared fixtures: the service's real subject and a Mexico City date.
enum Fixture {
    static let subject = "Solicitud de claves para actualización sin costo"
    static let date = MailDateTime(year: 2012, month: 1, day: 10, hour: 16, minute: 30,
                                   second: 0, offsetMinutes: -360)

    static func message(from: Mailbox = Mailbox(address: "raul@example.com",
                                                displayName: "Raúl González Rivera"),
                        to: [Mailbox] = [Mailbox(address: "claves@contpaqi.com")],
                        cc: [Mailbox] = [], subject: String = subject,
                        messageID: String = "abc@example.com",
                        body: String = "Buenas tardes:\n\nGracias\n",
                        attachments: [MailAttachment] = []) -> MailMessage {
        MailMessage(from: from, to: to, cc: cc, subject: subject, date: date,
                    messageID: messageID, body: body, attachments: attachments)
    }

    static func bytes(_ count: Int) -> [UInt8] {
        var state: UInt32 = 12_345
        return (0..<count).map { _ in
            state = state &* 1_103_515_245 &+ 12_345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }

    /// Asserts the transport-level invariants every rendered message must meet.
    static func expectWellFormed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(text.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        #expect(text.utf8.allSatisfy { $0 < 128 }, "7-bit only", sourceLocation: sourceLocation)
        let lines = TestDecode.crlfLines(text)
        #expect(lines != nil, "bare CR or LF", sourceLocation: sourceLocation)
        for line in lines ?? [] {
            #expect(line.utf8.count <= 998, sourceLocation: sourceLocation)
        }
        let head = text.split(separator: "\r\n\r\n", maxSplits: 1)[0]
        for line in head.split(separator: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)", sourceLocation: sourceLocation)
            #expect(line.last != " ", "trailing space: \(line)", sourceLocation: sourceLocation)
        }
    }
}

@Suite("Message headers")
struct MessageHeaderTests {
    private func names(_ text: String) -> [String] {
        TestDecode.headerFields(text).map { String($0.prefix { $0 != ":" }) }
    }

    @Test func singlePartHeadersComeInOrder() {
        let text = Fixture.message(cc: [Mailbox(address: "cc@example.com")]).rendered()
        #expect(names(text) == ["From", "To", "Cc", "Subject", "Date", "Message-ID",
                                "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        let fields = TestDecode.headerFields(text)
        #expect(fields.contains("Date: Tue, 10 Jan 2012 16:30:00 -0600"))
        #expect(fields.contains("Message-ID: <abc@example.com>"))
        #expect(fields.contains("MIME-Version: 1.0"))
        #expect(fields.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(fields.contains("Content-Transfer-Encoding: quoted-printable"))
        Fixture.expectWellFormed(text)
    }

    @Test func ccIsOmittedWhenEmptyAndBccNeverAppears() {
        let text = Fixture.message().rendered()
        #expect(names(text) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                                "Content-Type", "Content-Transfer-Encoding"])
        #expect(!text.lowercased().contains("bcc"))
    }

    @Test func emptyToBecomesTheUndisclosedGroup() {
        let text = Fixture.message(to: []).rendered()
        #expect(TestDecode.headerFields(text)[1] == "To: undisclosed-recipients:;")
    }

    @Test("display names: bare, quoted, encoded", arguments: [
        ("Raul Gonzalez", "From: Raul Gonzalez <r@example.com>"),
        ("Pérez, Juan", "From: =?UTF-8?B?UMOpcmV6LCBKdWFu?= <r@example.com>"),
        ("Perez, Juan \"JP\" \\o/", #"From: "Perez, Juan \"JP\" \\o/" <r@example.com>"#),
        ("S.A. de C.V.", "From: \"S.A. de C.V.\" <r@example.com>"),
        ("Raúl González Rivera",
         "From: =?UTF-8?Q?Ra=C3=BAl_Gonz=C3=A1lez_Rivera?= <r@example.com>"),
        ("=?UTF-8?Q?fake?=", "From: =?UTF-8?B?PT9VVEYtOD9RP2Zha2U/PQ==?= <r@example.com>"),
        ("", "From: r@example.com"),
    ])
    func displayNames(name: String, expected: String) {
        let text = Fixture.message(from: Mailbox(address: "r@example.com", displayName: name))
            .rendered()
        #expect(TestDecode.headerFields(text)[0] == expected)
    }

    /// API.md §3: RFC 2047 readers read the name exactly; readers that keep the white space
    /// between encoded-words (Python's `policy.default`) at worst see a doubled space.
    @Test("long accented names read back whole", arguments: EncodedWordTests.longNames.dropLast() + [
        "María Guadalupe Hernández Fernández de Córdoba y Sánchez Ñúñez Gutiérrez Hernández Rodríguez",
    ])
    func longAccentedNames(name: String) throws {
        let text = Fixture.message(from: Mailbox(address: "r@example.com", displayName: name)).rendered()
        Fixture.expectWellFormed(text)
        let value = try #require(TestDecode.headerFields(text)[0].wholeMatch(of: /From: (.*) <r@example\.com>/)?.1)
        #expect(value.contains("?= =?"))  // several adjacent encoded-words
        #expect(TestDecode.phrase(String(value)) == name)
        let kept = try #require(TestDecode.phrase(String(value), keepingSpaceBetweenWords: true))
        #expect(kept.split(separator: " ") == name.split(separator: " "))
    }

    @Test func subjectIsOneQEncodedWord() {
        let fields = TestDecode.headerFields(Fixture.message().rendered())
        #expect(fields[2] == "Subject: =?UTF-8?Q?Solicitud_de_claves_para_actualizaci=C3=B3n_sin_costo?=")
    }

    @Test func longNonASCIISubjectFoldsIntoShortWholeWords() {
        let subject = String(repeating: "Actualización número ñ — ", count: 8) + "fin"
        let text = Fixture.message(subject: subject).rendered()
        Fixture.expectWellFormed(text)
        let field = TestDecode.headerFields(text)[2]
        let words = field.dropFirst("Subject: ".count).split(separator: " ").map(String.init)
        #expect(words.count > 3)
        #expect(words.allSatisfy { $0.utf8.count <= 75 })
        #expect(words.map { TestDecode.encodedWord($0) ?? "?" }.joined() == subject)
        // Unstructured text: readers drop the space between encoded-words there, so a Subject
        // may break anywhere, and reads back exactly by RFC 2047 §6.2.
        #expect(TestDecode.phrase(String(field.dropFirst("Subject: ".count))) == subject)
    }

    @Test func longASCIISubjectFoldsAtSpacesAndUnfoldsExactly() {
        let subject = (1...40).map { "word\($0)" }.joined(separator: " ") + "  two  spaces"
        let text = Fixture.message(subject: subject).rendered()
        Fixture.expectWellFormed(text)
        #expect(TestDecode.headerFields(text)[2] == "Subject: " + subject)
    }

    @Test func addressListsFoldBetweenMailboxes() {
        let many = (1...12).map { Mailbox(address: "user\($0)@example.com", displayName: "Usuario \($0)") }
        let text = Fixture.message(to: many, cc: many).rendered()
        Fixture.expectWellFormed(text)
        let expected = many.map { "\($0.displayName!) <\($0.address)>" }.joined(separator: ", ")
        #expect(TestDecode.headerFields(text)[1] == "To: " + expected)
        #expect(TestDecode.headerFields(text)[2] == "Cc: " + expected)
    }

    @Test func crAndLFCannotInjectHeaders() {
        let evil = "x\r\nBcc: evil@example.com\nX-Injected: 1\r"
        let text = Fixture.message(
            from: Mailbox(address: "a@example.com" + evil, displayName: "Eve" + evil),
            to: [Mailbox(address: "b@example.com", displayName: evil)],
            cc: [Mailbox(address: evil)], subject: "Hola" + evil + "\u{0}\u{7F}\u{85}\u{2028}",
            messageID: "id@example.com" + evil,
            attachments: [MailAttachment(filename: "a" + evil, mediaType: "text/plain" + evil,
                                         contents: [1])]).rendered()
        Fixture.expectWellFormed(text)
        for line in text.split(separator: "\r\n") {
            #expect(!line.hasPrefix("Bcc") && !line.hasPrefix("X-Injected"))
        }
        let fields = TestDecode.headerFields(text)
        #expect(fields.contains("Subject: Holax  Bcc: evil@example.com X-Injected: 1"))
        #expect(text.contains("name=\"ax  Bcc: evil@example.com X-Injected: 1\""))
    }

    @Test func oversizedValuesStillRespectTheLineLimit() {
        let huge = String(repeating: "a", count: 5000)
        let text = Fixture.message(from: Mailbox(address: huge + "@example.com", displayName: huge),
                                   subject: huge, messageID: huge,
                                   attachments: [MailAttachment(filename: huge, mediaType: huge,
                                                                contents: [])]).rendered()
        #expect(text.hasSuffix("\r\n"))
        for line in text.split(separator: "\r\n") { #expect(line.utf8.count <= 998) }
    }
}
