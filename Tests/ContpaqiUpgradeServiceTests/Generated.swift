import ContpaqiUpgradeAPI
import ContpaqiUpgradeService

/// Reproducible random values for the tests that compare two writers or two coders over
/// thousands of inputs (SplitMix64: the same sequence on every run).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &self)] }

    /// Text that exercises a JSON writer: quotes, backslashes, controls, accents, emoji,
    /// U+2028, lengths on both sides of 16 bytes.
    mutating func text() -> String {
        let pieces = ["a", "Nóminas", "\"", "\\", "\n", "\u{1}", "\u{7F}", "😀", "\u{2028}", " ", "CONTPAQ i", "/", "é", "0123456789"]
        return (0..<Int.random(in: 0...12, using: &self)).map { _ in pick(pieces) }.joined()
    }

    mutating func date() -> CalendarDate {
        let year = Int.random(in: 1...9999, using: &self), month = Int.random(in: 1...12, using: &self)
        return CalendarDate(year: year, month: month, day: Int.random(in: 1...CalendarDate.daysIn(month: month, year: year), using: &self))!
    }

    /// A date around the cutoff and before the tests' today (2012-01-10), where the
    /// interesting answers are.
    mutating func purchaseDate() -> CalendarDate {
        CalendarDate(year: 2011, month: 6, day: 1)!.adding(days: Int.random(in: 0...220, using: &self))!
    }

    mutating func serial() -> SerialNumber {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let group = { (generator: inout SeededGenerator) in String((0..<4).map { _ in generator.pick(alphabet) }) }
        return SerialNumber([group(&self), group(&self), group(&self), group(&self)].joined(separator: "-"))!
    }

    mutating func systemTypeAsTyped() -> SystemType {
        SystemType(pick(["nominas", "NÓMINAS", "CONTPAQ i – Factura electrónica", "contpaqi contabilidad", "  BANCOS ",
                         "CONTPAQ i Bancos", "Factura Electronica"]))
    }

    mutating func money() -> Money { Money(cents: Int64.random(in: -1_000_000...100_000_000, using: &self)) }

    mutating func rate() -> Rate { Rate(tenThousandths: Int.random(in: 0...10_000, using: &self))! }
}
