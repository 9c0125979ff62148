/// An amount of Mexican pesos (MXN) in exact integer cents. Never a binary floating-point
/// number: every price, discount and tax is computed in integers and rounded explicitly.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in cents: 650000 is $6,500.00.
    public let cents: Int64

    /// The currency of every amount here (ISO 4217).
    public static let currency = "MXN"

    public static let zero = Money(cents: 0)

    public init(cents: Int64) {
        self.cents = cents
    }

    /// Whole pesos: `Money(pesos: 6500)` is 6500.00.
    public init(pesos: Int64) {
        self.cents = pesos * 100
    }

    /// Always two decimals, a dot, no thousands separator: `"6032.00"`, `"-0.50"`.
    public var description: String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + "."
            + (fraction < 10 ? "0" : "") + String(fraction)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    // Sums and products trap on overflow like Int: quotes stay below 10^10 cents, far
    // from the limit, so an overflow would be a bug, not an input to report.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }

    /// `count` times this amount (a unit price times a number of systems).
    public static func * (lhs: Money, count: Int) -> Money {
        Money(cents: lhs.cents * Int64(count))
    }

    /// This amount times `rate`, rounded once, half-up to the cent (halves go away from
    /// zero): 0.01 × 0.5 is 0.01, 123.45 × 0.16 (19.752) is 19.75.
    public func multiplied(by rate: Rate) -> Money {
        // Full width, so no amount can overflow: the quotient never exceeds the
        // magnitude, because a rate is at most 1.
        let scale = UInt64(Rate.scale)
        let product = cents.magnitude.multipliedFullWidth(by: UInt64(rate.tenThousandths))
        var (rounded, remainder) = scale.dividingFullWidth(product)
        if remainder * 2 >= scale { rounded += 1 }
        return Money(cents: cents < 0 ? Int64(bitPattern: 0 &- rounded) : Int64(rounded))
    }
}

/// A proportion in [0, 1] with at most four decimals: the IVA rate (`0.16`) or a
/// promotional discount (`0.20`). Held exactly as ten-thousandths.
///
/// The text form is a plain decimal: an integer part of `0` or `1`, optionally a dot and
/// one to four digits (`"0.16"`, `"0.160"`, `"0"`, `"1"`, `"1.0000"`). Rejected, so that a
/// typo never becomes a tax rate: `".16"` and `"0."` (a digit must stand on each side of
/// the dot), signs (`"+0.16"`, `"-0"`), exponents (`"16e-2"`), leading zeros (`"00.16"`),
/// a comma for the dot, white space, more than four decimals, and anything above 1.
public struct Rate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Ten-thousandths: 1600 is 0.16 (16 %).
    public let tenThousandths: Int

    /// Ten-thousandths per unit.
    public static let scale = 10_000

    /// The IVA rate applied when the caller gives none: 16 %.
    public static let defaultIVA = Rate(constant: 1600)

    /// A rate of `tenThousandths` / 10000, or nil outside 0...10000.
    public init?(tenThousandths: Int) {
        guard (0...Self.scale).contains(tenThousandths) else { return nil }
        self.tenThousandths = tenThousandths
    }

    /// A whole percentage: `Rate(percent: 20)` is 0.2; nil outside 0...100.
    public init?(percent: Int) {
        guard (0...100).contains(percent) else { return nil }
        self.tenThousandths = percent * 100
    }

    /// For constants of this module, known to be in range.
    init(constant tenThousandths: Int) {
        self.tenThousandths = tenThousandths
    }

    /// Parses the strict decimal form described on the type; nil if it is not one.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let whole = bytes.first, whole == UInt8(ascii: "0") || whole == UInt8(ascii: "1")
        else { return nil }
        var value = Int(whole - UInt8(ascii: "0")) * Self.scale
        if bytes.count > 1 {
            let decimals = bytes[2...]
            guard bytes[1] == UInt8(ascii: "."), (1...4).contains(decimals.count),
                  let fraction = CalendarDate.number(decimals)
            else { return nil }
            var multiplier = 1
            for _ in decimals.count..<4 { multiplier *= 10 }
            value += fraction * multiplier
        }
        self.init(tenThousandths: value)
    }

    /// The shortest decimal: `"0.16"` (from `"0.160"`), `"0"` (from `"0.0"`), `"1"`.
    public var description: String {
        let whole = tenThousandths / Self.scale
        var fraction = tenThousandths % Self.scale
        guard fraction != 0 else { return String(whole) }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
    }

    /// The rate as a percentage without trailing zeros: `"20"` for 0.2, `"16"`, `"8.5"`.
    public var percentText: String {
        let whole = tenThousandths / 100
        let hundredths = tenThousandths % 100
        if hundredths == 0 { return String(whole) }
        if hundredths % 10 == 0 { return String(whole) + "." + String(hundredths / 10) }
        return String(whole) + "." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.tenThousandths < rhs.tenThousandths }
}
