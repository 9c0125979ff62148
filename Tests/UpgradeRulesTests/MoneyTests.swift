import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

@Suite struct MoneyTests {
    @Test(arguments: [
        (Int64(603_200), "6032.00"), (0, "0.00"), (5, "0.05"), (50, "0.50"), (1_300_000, "13000.00"),
        (-50, "-0.50"), (-123_456, "-1234.56"), (Int64.min, "-92233720368547758.08"),
    ])
    func formatsTwoDecimalsWithoutSeparators(cents: Int64, text: String) {
        #expect(Money(cents: cents).description == text)
    }

    @Test func arithmetic() {
        #expect(Money(pesos: 6500) * 2 == Money(cents: 1_300_000))
        #expect(Money(pesos: 13000) - Money(pesos: 2600) == Money(pesos: 10400))
        #expect(Money(pesos: 10400) + Money(pesos: 1664) == Money(pesos: 12064))
        #expect(Money(cents: 1) < Money(cents: 2))
    }

    @Test(arguments: [
        (Int64(1), "0.5", Int64(1)),          // 0.005 -> 0.01: the half goes up
        (3, "0.5", 2),                         // 0.015 -> 0.02
        (1, "0.4999", 0),                      // 0.004999 -> 0.00
        (12_345, "0.16", 1975),                // 19.752 -> 19.75
        (12_500, "0.0004", 5),                 // 0.05 exactly
        (1_041_875, "0.16", 166_700),          // 1667.00 exactly
        (1_041_872, "0.16", 166_700),          // 1666.9952 -> 1667.00
        (1_041_869, "0.16", 166_699),          // 1666.9904 -> 1666.99
        (-1, "0.5", -1),                       // symmetric: away from zero
        (Int64.max, "1", Int64.max),           // no overflow at the edge
        (Int64.min, "1", Int64.min),
    ])
    func multipliesRoundingHalfUpOnce(cents: Int64, rate: String, expected: Int64) throws {
        let rate = try #require(Rate(rate))
        #expect(Money(cents: cents).multiplied(by: rate) == Money(cents: expected))
    }
}

@Suite struct RateTests {
    @Test(arguments: [
        ("0.16", 1600, "0.16"), ("0.160", 1600, "0.16"), ("0.1600", 1600, "0.16"),
        ("0", 0, "0"), ("0.0", 0, "0"), ("0.0000", 0, "0"), ("1", 10_000, "1"),
        ("1.0000", 10_000, "1"), ("0.08", 800, "0.08"), ("0.0001", 1, "0.0001"),
        ("0.5", 5000, "0.5"), ("0.1050", 1050, "0.105"), ("0.9999", 9999, "0.9999"),
    ])
    func parsesAndNormalises(text: String, units: Int, normalised: String) throws {
        let rate = try #require(Rate(text))
        #expect(rate.tenThousandths == units)
        #expect(rate.description == normalised)
    }

    @Test(arguments: [".16", "0.", "1.", "+0.16", "-0", "-0.16", "1.0001", "2", "1.5", "10",
                      "0.00001", "0.16000", "16e-2", "1e0", "0,16", " 0.16", "0.16 ", "00.16",
                      "01", "0.1a", "", ".", "0x1", "１", "0.16%", "16%", "0..16"])
    func rejectsEverythingElse(text: String) {
        #expect(Rate(text) == nil)
    }

    @Test func defaultsAndPercentages() throws {
        #expect(Catalog.defaultIVARate.description == "0.16")
        #expect(Rate(percent: 20)?.percentText == "20")
        #expect(Rate(percent: 101) == nil)
        #expect(Rate(tenThousandths: 10_001) == nil)
        #expect(Rate(tenThousandths: -1) == nil)
        #expect(try #require(Rate("0.085")).percentText == "8.5")
        #expect(try #require(Rate("0.0805")).percentText == "8.05")
        #expect(try #require(Rate("0.0001")).percentText == "0.01")
        #expect(try #require(Rate("1")).percentText == "100")
    }
}
