import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

@Suite struct EligibilityTests {
    func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

    @Test func constants() throws {
        #expect(Eligibility.cutoffDate == (try date("2011-07-01")))
        #expect(Eligibility.targetVersion == "2012")
    }

    @Test func cutoffIsInclusive() throws {
        #expect(Eligibility.evaluate(purchaseDate: try date("2011-07-01")).eligible)
        #expect(!Eligibility.evaluate(purchaseDate: try date("2011-06-30")).eligible)
        #expect(Eligibility.evaluate(purchaseDate: try date("2012-02-29")).eligible)
        #expect(!Eligibility.evaluate(purchaseDate: try date("2000-02-29")).eligible)
    }

    @Test func eligibleDecision() throws {
        let decision = Eligibility.evaluate(purchaseDate: try date("2011-08-15"))
        #expect(decision.eligible)
        #expect(decision.purchaseDate.description == "2011-08-15")
        #expect(decision.cutoffDate.description == "2011-07-01")
        #expect(decision.targetVersion == "2012")
        #expect(decision.reason == "El software se adquirió el 15 de agosto de 2011, a partir "
            + "del 1 de julio de 2011, por lo que tiene derecho a la actualización a la versión "
            + "2012 sin costo.")
        #expect(decision.keyRequest?.to == "claves@contpaqi.com")
        #expect(decision.keyRequest?.subject == "Solicitud de claves para actualización sin costo")
    }

    @Test func notEligibleDecision() throws {
        let decision = Eligibility.evaluate(purchaseDate: try date("2011-06-30"),
                                            hasActiveSupportPolicy: true)
        #expect(!decision.eligible)
        #expect(decision.reason == "El software se adquirió el 30 de junio de 2011, antes del "
            + "1 de julio de 2011, por lo que no tiene derecho a la actualización a la versión "
            + "2012 sin costo.")
        #expect(decision.keyRequest == nil)
        #expect(decision.installation.includedInPolicy)  // installation guidance regardless
    }

    @Test func installationWithACurrentPolicy() throws {
        let guidance = Eligibility.evaluate(purchaseDate: try date("2011-08-15"),
                                            hasActiveSupportPolicy: true).installation
        #expect(guidance.includedInPolicy)
        #expect(guidance.phone == "5141-5110")
        #expect(guidance.options.isEmpty)
    }

    @Test func installationWithoutAPolicyOffersTwoOptions() throws {
        let guidance = Eligibility.evaluate(purchaseDate: try date("2011-08-15")).installation
        #expect(!guidance.includedInPolicy)
        #expect(guidance.phone == "5141-5110")
        #expect(guidance.options.map(\.option.rawValue) == ["renewPolicy", "perEvent"])
        #expect(guidance.options.map(\.quoteMethod) == ["quoteSupport", "quoteSupport"])
        #expect(guidance.options[0].plans.map(\.rawValue) == ["quarterly", "semiannual", "annual"])
        #expect(guidance.options[1].plans == [.perEvent])
        #expect(guidance.options[0].description.contains("cursos y talleres"))
        #expect(guidance.options[0].description.contains("instalación de sus actualizaciones"))
        #expect(guidance.options[1].description.contains("un evento de un sistema"))
    }

    @Test func futureDatesAreDetectedAgainstToday() throws {
        let today = try date("2012-01-10")
        #expect(Eligibility.isFuture(try date("2012-01-11"), today: today))
        #expect(!Eligibility.isFuture(today, today: today))
        #expect(!Eligibility.isFuture(try date("2011-07-01"), today: today))
    }
}
