/// An amount of Mexican pesos (MXN) in exact integer cents. Never a binary floating-point
/// number: every price, discount and tax is computed in integers and rounded explicitly.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in cents: 650000 is $6,500.00.
    public let cents: Int64

    /// No money: 0.00.
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
        // Digits written into the String's own storage: amounts are in every quote, and
        // joining five Strings cost more than the arithmetic of the quote.
        String(unsafeUninitializedCapacity: 22) { out in
            var digits = cents.magnitude, end = 22
            func put(_ byte: UInt8) { end -= 1; out[end] = byte }
            put(UInt8(ascii: "0") + UInt8(digits % 10)); digits /= 10
            put(UInt8(ascii: "0") + UInt8(digits % 10)); digits /= 10
            put(UInt8(ascii: "."))
            repeat {
                put(UInt8(ascii: "0") + UInt8(digits % 10))
                digits /= 10
            } while digits > 0
            if cents < 0 { put(UInt8(ascii: "-")) }
            let count = 22 - end
            for index in 0..<count { out[index] = out[end + index] }
            return count
        }
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


// MARK: - Coding

extension Money: SchemaValue {
    /// Exactly two decimals after a dot, an optional minus sign: `"6032.00"`, `"-0.50"`.
    public init(from decoder: any Decoder) throws {
        let text = try TextInput.read(decoder, expecting: "un importe decimal como texto (\"6500.00\")")
        guard let money = Money(text) else {
            throw ValueError(.invalidValue, "El importe debe ser un decimal con dos decimales (\"6500.00\").")
        }
        self = money
    }

    /// Parses the form `description` writes; nil for anything else (`"6500"`, `"6,500.00"`).
    public init?(_ text: String) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].utf8.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 16,
              parts[0].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let whole = Int64(parts[0]), let fraction = Int64(parts[1])
        else { return nil }
        let cents = whole * 100 + fraction
        self.init(cents: negative ? -cents : cents)
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(description, to: encoder) }

    /// Money: a decimal string with exactly two decimals, never a binary float.
    public static let inputSchema = SchemaFragment(type: .string, pattern: "^-?[0-9]+\\.[0-9]{2}$",
                                                   examples: .literal(["6500.00"]))
    public static var schemaName: String? { "Money" }
    public static let placeholder = Money.zero
}
