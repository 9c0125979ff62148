import ContpaqiUpgradeService
import JSONRPC
import Testing

/// requestKeys results: the source document's two e-mails, and the message's headers.
@Suite struct RequestKeysMessageTests {
    let service = Service()

    private func compose(_ params: String) throws -> JSON {
        try #require(service.result("requestKeys", params))
    }

    /// The header block of `message`, unfolded, as `name: value` lines.
    private func headers(_ message: String) -> [String] {
        let head = message.split(separator: "\r\n\r\n", maxSplits: 1).first.map(String.init) ?? ""
        return head.replacing("\r\n ", with: " ").split(separator: "\r\n").map(String.init)
    }

    private func header(_ name: String, _ message: String) -> String? {
        headers(message).first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    /// The source's first example, line by line, plus the signature the contract adds.
    @Test func oneSystemFollowsTheFirstExample() throws {
        let result = try compose(Sample.request(company: "Empresa de muestra S.A. de C.V.", extra: #""sentAt":"2012-01-10T16:30:00-06:00""#))
        let body = try #require(result["body"]?.text)
        #expect(body.split(separator: "\n", omittingEmptySubsequences: false) == [
            "Buenas tardes",
            "",
            "Me permito solicitar mis claves para la actualización sin costo de mi sistema.",
            "",
            "Nombre de la empresa: Empresa de muestra S.A. de C.V.",
            "Nombre del contacto: Raul Gonzalez Rivera",
            "Correo electrónico del contacto: rgonzalez@empresamuestra.com.mx",
            "Tipo de sistema: CONTPAQ i Factura electrónica",
            "Número de serie: AAAA-BBBB-CCCC-DDDD",
            "",
            "Raul Gonzalez Rivera",
            "Empresa de muestra S.A. de C.V.",
        ])
        #expect(result["attachment"]?.isNull == true)
        #expect(result["to"] == .array(["claves@contpaqi.com"]))
        #expect(result["subject"]?.text == "Solicitud de claves para actualización sin costo")
        let message = try #require(result["message"]?.text)
        #expect(header("Content-Type", message) == "text/plain; charset=utf-8")
        #expect(!message.contains("multipart"))
    }

    @Test func severalSystemsFollowTheSecondExample() throws {
        let result = try compose(Sample.request(systems: Sample.fourSystems, extra: #""sentAt":"2012-01-10T16:30:00-06:00""#))
        #expect(result["body"]?.text == """
            Buenas tardes

            Me permito solicitar las claves de actualización sin costo de nuestros sistemas, anexo un archivo donde relaciono los números de serie actuales.

            Gracias

            Raul Gonzalez Rivera
            Empresa de muestra, S.A. de C.V.
            """)
        let systems = try #require(result["systems"]?.elements)
        #expect(systems.map { $0["systemType"]?.text } == Sample.systems.map(\.0))
        #expect(systems.map { $0["serialNumber"]?.text } == Sample.systems.map(\.1))
        let attachment = try #require(result["attachment"])
        #expect(attachment["filename"]?.text == "Relacion de sistemas sin costo.xlsx")
        #expect(attachment["mediaType"]?.text == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let bytes = try #require(Base64Decoder.decode(attachment["contentBase64"]?.text ?? ""))
        #expect(attachment["size"] == .number(String(bytes.count)))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // a ZIP container
        let message = try #require(result["message"]?.text)
        #expect(header("Content-Type", message)?.hasPrefix("multipart/mixed; boundary=") == true)
    }

    /// The workbook's rows, read from the sheet part (entries are stored, not deflated).
    @Test func theWorkbookHoldsTheSourceSpreadsheet() throws {
        let result = try compose(Sample.request(systems: Sample.fourSystems))
        let bytes = try #require(Base64Decoder.decode(result["attachment"]?["contentBase64"]?.text ?? ""))
        let sheet = try #require(StoredZip.entry("xl/worksheets/sheet1.xml", in: bytes))
        let rows = SheetRows.read(sheet)
        #expect(rows == [["Nombre de la empresa", "Nombre del contacto", "Correo electrónico", "Tipo de sistema", "Número de serie"]]
                + Sample.systems.map { [Sample.company, Sample.contact, Sample.email, $0.0, $0.1] })
        let workbook = try #require(StoredZip.entry("xl/workbook.xml", in: bytes))
        #expect(workbook.contains(#"name="Sistemas""#))
    }

    /// Two sends of one request are two messages (RFC 5322 §3.6.4): only the Message-ID tells
    /// them apart, everything else, workbook included, is the same bytes.
    @Test func theSameRequestDiffersOnlyInItsMessageID() throws {
        let params = Sample.request(systems: Sample.fourSystems, extra: #""sentAt":"2012-01-10T16:30:00-06:00""#)
        let (first, second) = try (compose(params), compose(params))
        let messages = try [first, second].map { try #require($0["message"]?.text) }
        #expect(header("Message-ID", messages[0]) != header("Message-ID", messages[1]))
        #expect(withoutMessageID(messages[0]) == withoutMessageID(messages[1]))
        #expect(withoutMessageID(messages[0]) != messages[0])
        let rest = { (result: JSON) in result.keys.filter { $0 != "message" }.map { result[$0] } }
        #expect(rest(first) == rest(second))
    }

    @Test(arguments: [("2012-01-10T00:00:00-06:00", "Buenos días"), ("2012-01-10T11:59:59-06:00", "Buenos días"),
                      ("2012-01-10T12:00:00-06:00", "Buenas tardes"), ("2012-01-10T19:59:59-06:00", "Buenas tardes"),
                      ("2012-01-10T20:00:00-06:00", "Buenas noches"), ("2012-01-10T23:59:59-06:00", "Buenas noches"),
                      // The hour in sentAt's own offset, not in UTC nor in Mexico City.
                      ("2012-01-10T11:59:00+09:00", "Buenos días"), ("2012-01-10T20:00:00Z", "Buenas noches"),
                      ("2012-01-10T12:00:00.999+05:30", "Buenas tardes")])
    func theGreetingFollowsTheHourOfSentAt(_ sentAt: String, _ greeting: String) throws {
        let result = try compose(Sample.request(extra: #""sentAt":"\#(sentAt)""#))
        #expect(result["body"]?.text?.hasPrefix(greeting + "\n\n") == true)
    }

    @Test(arguments: [("2012-01-10T16:30:00-06:00", "Tue, 10 Jan 2012 16:30:00 -0600"),
                      ("2012-01-10T22:30:00Z", "Tue, 10 Jan 2012 22:30:00 +0000"),
                      ("2011-12-31T23:59:59+05:30", "Sat, 31 Dec 2011 23:59:59 +0530"),
                      ("2012-02-29T08:05:09-03:30", "Wed, 29 Feb 2012 08:05:09 -0330")])
    func theDateHeaderKeepsSentAtsOffset(_ sentAt: String, _ date: String) throws {
        let message = try #require(compose(Sample.request(extra: #""sentAt":"\#(sentAt)""#))["message"]?.text)
        #expect(header("Date", message) == date)
    }

    @Test func withoutSentAtTheDateIsNowInMexicoCity() throws {
        let message = try #require(Service(now: "2012-07-04T21:15:00-05:00").result("requestKeys", Sample.request())?["message"]?.text)
        #expect(header("Date", message) == "Wed, 04 Jul 2012 21:15:00 -0500")
        #expect(message.contains("Buenas noches"))
    }

    @Test func bccIsReturnedButNeverInTheMessage() throws {
        // A constant Message-ID: a random one is hex, and "bcc" in it 0.7% of the time
        // failed this test without a Bcc anywhere.
        let constantIDs = Service(messageIDs: MessageIDSource { (0, 0) })
        let result = try #require(constantIDs.result("requestKeys", Sample.request(extra: #""cc":["conta@empresa.mx","b@c.mx"],"bcc":["oculto@secreto.mx"]"#)))
        #expect(result["bcc"] == .array(["oculto@secreto.mx"]))
        #expect(result["cc"] == .array(["conta@empresa.mx", "b@c.mx"]))
        let message = try #require(result["message"]?.text)
        #expect(!message.contains("oculto@secreto.mx"))
        #expect(!message.lowercased().contains("bcc"))
        #expect(header("Cc", message) == "conta@empresa.mx, b@c.mx")
        #expect(header("To", message) == "claves@contpaqi.com")
    }

    @Test func withoutCopiesThereIsNoCcHeader() throws {
        let message = try #require(compose(Sample.request())["message"]?.text)
        #expect(header("Cc", message) == nil)
        #expect(header("MIME-Version", message) == "1.0")
    }

    @Test(arguments: [("Raul Gonzalez Rivera", "Raul Gonzalez Rivera <"), ("Dr. O'Neil, Jr.", #""Dr. O'Neil, Jr." <"#),
                      ("José Núñez", "=?UTF-8?"), (#"Ana "La Jefa" Ruiz"#, #""Ana \"La Jefa\" Ruiz" <"#)])
    func fromCarriesTheContactAsDisplayName(_ name: String, _ start: String) throws {
        let result = try compose(Sample.request(contact: name))
        let from = try #require(header("From", result["message"]?.text ?? ""))
        #expect(from.hasPrefix(start))
        #expect(from.hasSuffix("<rgonzalez@empresamuestra.com.mx>"))
        #expect(result["from"]?.text == "rgonzalez@empresamuestra.com.mx")
    }

    /// A name too long for one encoded-word is split at its own spaces, ASCII words left as
    /// atoms, so no reader can break a word in two (some keep the space between adjacent
    /// encoded-words); every header line stays within 78 characters.
    @Test func longNamesAreSplitAtTheirOwnSpaces() throws {
        let message = try #require(compose(Sample.request(contact: "María Guadalupe Hernández Fernández de Córdoba y Sánchez"))["message"]?.text)
        let from = try #require(header("From", message))
        #expect(from.contains("?= Guadalupe =?") && from.contains("?= de =?") && from.contains("?= y =?"))
        let head = try #require(message.split(separator: "\r\n\r\n").first)
        #expect(head.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func fromDefaultsToTheContactAndMessageIDUsesItsDomain() throws {
        let own = try #require(compose(Sample.request())["message"]?.text)
        #expect(header("Message-ID", own)?.hasSuffix("@empresamuestra.com.mx>") == true)
        let other = try compose(Sample.request(extra: #""from":"envios@mail.otra-empresa.com""#))
        #expect(other["from"]?.text == "envios@mail.otra-empresa.com")
        let message = try #require(other["message"]?.text)
        #expect(header("From", message) == "Raul Gonzalez Rivera <envios@mail.otra-empresa.com>")
        #expect(header("Message-ID", message)?.hasSuffix("@mail.otra-empresa.com>") == true)
        // The body still names the contact's own address.
        #expect(other["body"]?.text?.contains("Correo electrónico del contacto: rgonzalez@empresamuestra.com.mx") == true)
    }

    /// Identical params and `sentAt`, many calls: every id is new, 32 hex digits (128 random
    /// bits) at the sender's domain.
    @Test func everyCallGetsItsOwnMessageID() throws {
        let params = Sample.request(extra: #""sentAt":"2012-01-10T16:30:00-06:00","from":"envios@mail.otra-empresa.com""#)
        let ids = try (0..<200).map { _ in try #require(header("Message-ID", compose(params)["message"]?.text ?? "")) }
        #expect(Set(ids).count == ids.count)
        let hex = Set("0123456789abcdef")
        #expect(ids.allSatisfy { id in
            id.hasPrefix("<") && id.hasSuffix("@mail.otra-empresa.com>") && id.dropFirst().prefix { $0 != "@" }.count == 32
                && id.dropFirst().prefix { $0 != "@" }.allSatisfy(hex.contains)
        })
        // Not a counter or a clock in disguise: the ids share no common prefix.
        #expect(Set(ids.map { $0.prefix(5) }).count > 100)
    }

    /// A seeded source (the documentation's) repeats its sequence from the start, so a
    /// document built with it is reproducible, and still differs from call to call.
    @Test func aSeededSourceIsReproducibleAndStillUniquePerCall() throws {
        let ids = { () throws -> [String] in
            let service = Service(messageIDs: .seeded(7))
            return try (0..<3).map { _ in try #require(header("Message-ID", service.result("requestKeys", Sample.request())?["message"]?.text ?? "")) }
        }
        let (first, second) = try (ids(), ids())
        #expect(first == second)
        #expect(Set(first).count == 3)
        #expect(try header("Message-ID", compose(Sample.request())["message"]?.text ?? "") != first[0])
    }

    @Test func systemsEchoTheirPurchaseDate() throws {
        let list = "[" + Sample.system("nominas", "aaaa-bbbb-cccc-0001", purchaseDate: "2011-07-01") + "]"
        let echoed = try #require(compose(Sample.request(systems: list))["systems"]?[0])
        #expect(echoed == .object([JSONMember("systemType", "CONTPAQ i Nóminas"), JSONMember("serialNumber", "AAAA-BBBB-CCCC-0001"),
                                   JSONMember("purchaseDate", "2011-07-01")]))
    }

    @Test func everyLineEndsInCRLFAndFitsTheLimits() throws {
        let long = String(repeating: "Ñandú ", count: 33)
        let result = try compose(Sample.request(systems: Sample.fourSystems, company: long, contact: long))
        let message = try #require(result["message"]?.text)
        #expect(message.hasSuffix("\r\n"))
        let lines = message.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(message.utf8.allSatisfy { $0 < 0x80 })  // 7-bit: everything non-ASCII is encoded
        let bodyLines = lines.drop { !$0.isEmpty }
        #expect(bodyLines.allSatisfy { $0.utf8.count <= 76 })
    }
}
