import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

private let facturaElectronica = SystemType("CONTPAQ i Factura electrónica")
private let contabilidad = SystemType("CONTPAQ i Contabilidad")
private let nominas = SystemType("CONTPAQ i Nóminas")
private let bancos = SystemType("CONTPAQ i Bancos")

@Suite struct SystemTypeTests {
    @Test func catalogOrderAndCanonicalNames() {
        #expect(SystemTypeCatalog.builtIn.names == [
            "CONTPAQ i Factura electrónica", "CONTPAQ i Contabilidad",
            "CONTPAQ i Nóminas", "CONTPAQ i Bancos",
        ])
        #expect(SystemTypeCatalog.builtIn.types[2] == SystemType("CONTPAQ i Nóminas"))
    }

    @Test(arguments: [
        ("nominas", nominas),
        ("CONTPAQ i Nóminas", nominas),
        ("NÓMINAS", nominas),
        ("contpaqi-nominas", nominas),
        ("No\u{0301}minas", nominas),  // decomposed accent
        ("CONTPAQ i – Factura electrónica", facturaElectronica),  // the source's spelling
        ("CONTPAQ i Factura electrónica", facturaElectronica),
        ("factura electronica", facturaElectronica),
        ("FACTURA—ELECTRÓNICA", facturaElectronica),
        ("Factura\tElectrónica", facturaElectronica),
        ("contpaqi contabilidad", contabilidad),
        ("ContPAQi Contabilidad", contabilidad),
        ("CONTPAQ\u{00A0}i  Contabilidad", contabilidad),
        ("  BANCOS ", bancos),
        ("contpaq i - bancos", bancos),
        ("CONTPAQ\u{3000}i\u{2003}Bancos", bancos),  // ideographic and em spaces
        ("Conta\u{0301}bilidad", contabilidad),  // an accent that the catalog name lacks
    ])
    func matchesWhatPeopleType(input: String, expected: SystemType) {
        #expect(SystemTypeCatalog.builtIn.matching(input) == expected)
    }

    @Test(arguments: ["Factura", "CONTPAQ i", "CONTPAQi", "Nóminas 2", "", "   ", "-",
                      "Electrónica", "nomina", "facturaelectronica", "CONTPAQ Bancos",
                      "Bancos Contabilidad", "AdminPAQ Bancos", "contpaq i contpaq i bancos",
                      String(repeating: "Bancos ", count: 40), "BancosBancos"])
    func rejectsWhatIsNotInTheCatalog(input: String) {
        #expect(SystemTypeCatalog.builtIn.matching(input) == nil)
    }
}

@Suite struct SerialNumberTests {
    @Test(arguments: [
        ("Aaaa-Bbbb-Cccc-Dddd", "AAAA-BBBB-CCCC-DDDD"),
        ("AAAA-BBBB-CCCC-DDDD", "AAAA-BBBB-CCCC-DDDD"),
        ("1a2b-3C4d-0000-zzzz", "1A2B-3C4D-0000-ZZZZ"),
    ])
    func acceptsAndUpperCases(text: String, value: String) throws {
        let serial = try #require(SerialNumber(text))
        #expect(serial.value == value)
        #expect(serial.description == value)
    }

    @Test(arguments: ["", "AAAA-BBBB-CCCC", "AAAA-BBBB-CCCC-DDDDD", "AAA-BBBBB-CCCC-DDDD",
                      "AAAA_BBBB_CCCC_DDDD", "AAAABBBBCCCCDDDD", " AAAA-BBBB-CCCC-DDDD",
                      "AAAA-BBBB-CCCC-DDD ", "ÁAAA-BBBB-CCCC-DDDD", "AAAA-BBBB-CCCC-DDD!",
                      "AAAA–BBBB-CCCC-DDDD", "AAAA-BBBB-CCCC-DDDD-", "ＡAAA-BBBB-CCCC-DDD"])
    func rejectsOtherShapes(text: String) {
        #expect(SerialNumber(text) == nil)
    }

    @Test func equalityIgnoresCaseForDuplicateDetection() {
        #expect(SerialNumber("aaaa-bbbb-cccc-dddd") == SerialNumber("AAAA-BBBB-CCCC-DDDD"))
        #expect(Set([SerialNumber("aaaa-bbbb-cccc-dddd"), SerialNumber("AAAA-bbbb-CCCC-dddd")])
            .count == 1)
    }

    @Test func patternIsTheDocumentedOne() {
        #expect(SerialNumber.pattern == "^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$")
    }
}
