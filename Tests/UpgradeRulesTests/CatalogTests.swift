import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

@Suite struct CatalogTests {
    @Test func upgradeFacts() {
        #expect(Catalog.targetVersion == "2012")
        #expect(Catalog.cutoffDate.description == "2011-07-01")
        #expect(Catalog.systemTypes.names == SystemTypeCatalog.builtIn.names)
        #expect(Catalog.serialNumberPattern == "^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$")
        #expect(Catalog.keyRequest.to == "claves@contpaqi.com")
        #expect(Catalog.keyRequest.subject == "Solicitud de claves para actualización sin costo")
        #expect(Catalog.attachmentFilename == "Relacion de sistemas sin costo.xlsx")
        #expect(Catalog.spreadsheetColumns == ["Nombre de la empresa", "Nombre del contacto",
                                               "Correo electrónico", "Tipo de sistema",
                                               "Número de serie"])
        #expect(Catalog.installationPhone == "5141-5110")
        #expect(Catalog.currency == "MXN")
        #expect(Catalog.defaultIVARate.description == "0.16")
    }

    @Test func supportPolicies() {
        #expect(Catalog.supportPolicies.map(\.rawValue) == ["quarterly", "semiannual", "annual"])
        #expect(Catalog.supportPolicies.map { $0.policyPrice?.description }
            == ["2500.00", "4000.00", "6500.00"])
        #expect(Catalog.supportPolicies.allSatisfy { $0.isPolicy })
        #expect(SupportPlan.perEvent.policyPrice == nil)
        #expect(!SupportPlan.perEvent.isPolicy)
        #expect(SupportPlan.allCases.map(\.rawValue)
            == ["quarterly", "semiannual", "annual", "perEvent"])
    }

    @Test func perEventTable() {
        let tiers = Catalog.perEventTiers
        #expect(tiers.map(\.minUsers) == [1, 3, 6, 11, 21])
        #expect(tiers.map(\.maxUsers) == [2, 5, 10, 20, nil])
        #expect(tiers.map { $0.price?.description }
            == ["800.00", "1200.00", "1900.00", "2200.00", nil])
        #expect(PerEventTier.forUsers(0) == nil)
        #expect(PerEventTier.forUsers(21) == tiers.last)
        // The rows leave no gap and do not overlap.
        for (lower, upper) in zip(tiers, tiers.dropFirst()) {
            #expect(lower.maxUsers.map { $0 + 1 } == upper.minUsers)
        }
    }

    @Test func promotions() throws {
        let promotion = try #require(Catalog.promotions.first)
        #expect(Catalog.promotions.count == 1)
        #expect(promotion.months == [1])
        #expect(promotion.percent == "20")
        #expect(promotion.plans == [.semiannual, .annual])
        #expect(promotion.description.contains("enero"))
        #expect(Catalog.multiSystemNote
            == "Si tiene más de 1 sistema pregunte por los precios de promoción.")
    }
}
