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

// MARK: - Coding

extension Rate: SchemaValue {
    /// A decimal string (never a JSON number, so no binary float touches money), written
    /// back normalised: `"0.160"` is answered `"0.16"`.
    public init(from decoder: any Decoder) throws {
        let text = try TextInput.read(decoder, expecting: "una tasa decimal como texto (\"0.16\")")
        if let rate = Rate(text) {
            self = rate
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal = (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        if isDecimal && (parts.count == 1 || parts[1].utf8.count <= 4) {
            throw ValueError(.outOfRange, "La tasa debe estar entre 0 y 1.")
        }
        throw ValueError(.invalidValue, "La tasa debe ser un decimal entre 0 y 1 con a lo más 4 decimales (\"0.16\").")
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(description, to: encoder) }

    public static let inputSchema = SchemaFragment(type: .string, pattern: "^(0(\\.[0-9]{1,4})?|1(\\.0{1,4})?)$",
                                                   examples: .literal(["0.16", "0.08"]))
    /// As written back: the shortest decimal.
    public static let outputSchema = SchemaFragment(type: .string, pattern: "^(0(\\.[0-9]{1,4})?|1)$")
    public static var schemaName: String? { "Rate" }
    public static let placeholder = Rate(tenThousandths: 0)!
}
