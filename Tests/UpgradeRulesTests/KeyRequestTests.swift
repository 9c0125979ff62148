import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

@Suite struct KeyRequestTests {
    let contact = "Raul Gonzalez Rivera"
    let email = "rgonzalez@empresamuestra.com.mx"

    func system(_ type: String, _ serial: String) throws -> KeyRequest.System {
        KeyRequest.System(systemType: try #require(SystemTypeCatalog.builtIn.matching(type)),
                          serialNumber: try #require(SerialNumber(serial)))
    }

    /// The source document's first example, typed as the customer would type it.
    @Test func singleSystemFollowsTheFirstExampleLineByLine() throws {
        let request = try #require(KeyRequest(
            company: "Empresa de muestra S.A. de C.V.", contactName: contact,
            contactEmail: email,
            systems: [try system("CONTPAQ i – Factura electrónica", "Aaaa-Bbbb-Cccc-Dddd")],
            localHour: 16))
        let expected = [
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
        ]
        #expect(request.bodyLines == expected)
        #expect(request.body == expected.joined(separator: "\n"))
        #expect(!request.body.hasSuffix("\n"))
        #expect(request.attachment == nil)
    }

    /// The second example, with the source's four-row spreadsheet.
    @Test func severalSystemsFollowTheSecondExampleAndTheSheet() throws {
        let company = "Empresa de muestra, S.A. de C.V."
        let request = try #require(KeyRequest(
            company: company, contactName: contact, contactEmail: email,
            systems: [
                try system("CONTPAQ i Factura electrónica", "AAAA-BBBB-CCCC-DDDD"),
                try system("CONTPAQ i Contabilidad", "AAAA-BBBB-CCCC-EEEE"),
                try system("CONTPAQ i Nóminas", "aaaa-bbbb-cccc-ffff"),
                try system("CONTPAQ i Bancos", "AAAA-BBBB-CCCC-GGGG"),
            ],
            localHour: 12))
        #expect(request.bodyLines == [
            "Buenas tardes",
            "",
            "Me permito solicitar las claves de actualización sin costo de nuestros sistemas, "
                + "anexo un archivo donde relaciono los números de serie actuales.",
            "",
            "Gracias",
            "",
            "Raul Gonzalez Rivera",
            "Empresa de muestra, S.A. de C.V.",
        ])
        let sheet = try #require(request.attachment)
        #expect(sheet.filename == "Relacion de sistemas sin costo.xlsx")
        #expect(sheet.sheetName == "Sistemas")
        #expect(sheet.header == ["Nombre de la empresa", "Nombre del contacto",
                                 "Correo electrónico", "Tipo de sistema", "Número de serie"])
        let row = { (type: String, serial: String) in [company, self.contact, self.email, type, serial] }
        #expect(sheet.rows == [
            row("CONTPAQ i Factura electrónica", "AAAA-BBBB-CCCC-DDDD"),
            row("CONTPAQ i Contabilidad", "AAAA-BBBB-CCCC-EEEE"),
            row("CONTPAQ i Nóminas", "AAAA-BBBB-CCCC-FFFF"),
            row("CONTPAQ i Bancos", "AAAA-BBBB-CCCC-GGGG"),
        ])
        #expect(sheet.rows.allSatisfy { $0.count == sheet.header.count })
        #expect(KeyRequest.attachmentMediaType
            == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    @Test(arguments: [
        (0, "Buenos días"), (6, "Buenos días"), (11, "Buenos días"), (12, "Buenas tardes"),
        (16, "Buenas tardes"), (19, "Buenas tardes"), (20, "Buenas noches"), (23, "Buenas noches"),
    ])
    func greetingFollowsTheLocalHour(hour: Int, greeting: String) throws {
        #expect(KeyRequest.greeting(forHour: hour) == greeting)
        let request = try #require(KeyRequest(
            company: "Empresa", contactName: contact, contactEmail: email,
            systems: [try system("bancos", "AAAA-BBBB-CCCC-DDDD")], localHour: hour))
        #expect(request.bodyLines.first == greeting)
    }

    @Test func refusesNoSystemsOrAnImpossibleHour() throws {
        let one = [try system("bancos", "AAAA-BBBB-CCCC-DDDD")]
        #expect(KeyRequest(company: "E", contactName: "C", contactEmail: email,
                           systems: [], localHour: 10) == nil)
        #expect(KeyRequest(company: "E", contactName: "C", contactEmail: email,
                           systems: one, localHour: 24) == nil)
        #expect(KeyRequest(company: "E", contactName: "C", contactEmail: email,
                           systems: one, localHour: -1) == nil)
    }

    @Test func addressAndSubject() {
        #expect(KeyRequest.address.to == "claves@contpaqi.com")
        #expect(KeyRequest.address.subject == "Solicitud de claves para actualización sin costo")
        #expect(!KeyRequest.address.subject.hasSuffix("."))
    }
}
