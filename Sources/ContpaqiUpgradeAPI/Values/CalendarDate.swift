/// A day of the proleptic Gregorian calendar, without time or time zone: a purchase date,
/// the cutoff, the date that decides the January promotion.
///
/// Years run from 1 to 9999 so that the text form is always exactly `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable {
    /// 1 through 9999.
    public let year: Int
    /// 1 (January) through 12 (December).
    public let month: Int
    /// 1 through the last day of the month.
    public let day: Int

    /// A date if `year`, `month` and `day` name a real day (years 1–9999), else nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` has a 29 February (Gregorian rule: every fourth year, except
    /// centuries that are not divisible by 400).
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days of `month` (1–12) in `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

// MARK: - Text forms

extension CalendarDate: LosslessStringConvertible {
    /// Parses exactly `YYYY-MM-DD`: ten ASCII characters, digits and two dashes, naming a
    /// real day. Nothing is trimmed or guessed: `2011-8-15`, `15/08/2011`, `2011-02-30`
    /// and `""` are all nil.
    public init?(_ text: String) {
        var text = text
        guard let (year, month, day) = text.withUTF8({ bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let year = Self.number(bytes[0..<4]),
                  let month = Self.number(bytes[5..<7]),
                  let day = Self.number(bytes[8..<10])
            else { return nil }
            return (year, month, day)
        }) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`, zero-padded. Written byte by byte: dates are in every result.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { out in
            Self.writeDigits(year, count: 4, to: out, at: 0)
            out[4] = UInt8(ascii: "-")
            Self.writeDigits(month, count: 2, to: out, at: 5)
            out[7] = UInt8(ascii: "-")
            Self.writeDigits(day, count: 2, to: out, at: 8)
            return 10
        }
    }

    /// The date as written in Spanish prose: `1 de julio de 2011`. ASCII, so building it
    /// byte by byte costs no UTF-8 validation to speak of.
    public var spanishText: String {
        String(unsafeUninitializedCapacity: 32) { out in
            var count = day < 10 ? 1 : 2
            Self.writeDigits(day, count: count, to: out, at: 0)
            count = Self.write(" de ", to: out, at: count)
            count = Self.write(Self.spanishMonthNames[month - 1], to: out, at: count)
            count = Self.write(" de ", to: out, at: count)
            Self.writeDigits(year, count: 4, to: out, at: count)
            return count + 4
        }
    }

    /// Copies `text`'s UTF-8 to `out` at `offset`; returns where it ends.
    private static func write(_ text: String, to out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var text = text
        return text.withUTF8 { utf8 in
            precondition(out.count - offset >= utf8.count)
            (out.baseAddress! + offset).initialize(from: utf8.baseAddress!, count: utf8.count)
            return offset + utf8.count
        }
    }

    /// `value`'s last `count` decimal digits, zero-padded, at `offset`.
    private static func writeDigits(_ value: Int, count: Int, to out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var rest = value
        for index in stride(from: offset + count - 1, through: offset, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Month names in lower case, as Spanish writes them inside a sentence.
    public static let spanishMonthNames = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ]

    /// Decimal value of a run of ASCII digits; nil if any byte is not a digit.
    package static func number(_ digits: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    package static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

// MARK: - Day numbers

extension CalendarDate {
    /// Days from 0001-01-01 to 1970-01-01.
    private static let unixEpochDayNumber = daysBefore(year: 1970)

    /// Days from 0001-01-01 to the first of January of `year` (year >= 1).
    private static func daysBefore(year: Int) -> Int {
        let y = year - 1
        return 365 * y + y / 4 - y / 100 + y / 400
    }

    private static func daysBefore(month: Int, year: Int) -> Int {
        (1..<month).reduce(0) { $0 + daysIn(month: $1, year: year) }
    }

    /// Days since 1970-01-01 (negative before it): what a Unix time divides into.
    public var daysSinceUnixEpoch: Int {
        Self.daysBefore(year: year) + Self.daysBefore(month: month, year: year) + day - 1
            - Self.unixEpochDayNumber
    }

    /// The date `days` days after 1970-01-01; nil outside years 1–9999.
    public init?(daysSinceUnixEpoch days: Int) {
        let (dayNumber, overflow) = days.addingReportingOverflow(Self.unixEpochDayNumber)
        guard !overflow, dayNumber >= 0, dayNumber < Self.daysBefore(year: 10000) else { return nil }
        // 146097 days per 400 years gives a guess at most one year off; then settle it.
        var year = dayNumber * 400 / 146_097 + 1
        while Self.daysBefore(year: year + 1) <= dayNumber { year += 1 }
        while Self.daysBefore(year: year) > dayNumber { year -= 1 }
        var remaining = dayNumber - Self.daysBefore(year: year)
        var month = 1
        while remaining >= Self.daysIn(month: month, year: year) {
            remaining -= Self.daysIn(month: month, year: year)
            month += 1
        }
        self.init(year: year, month: month, day: remaining + 1)
    }

    /// ISO 8601 day of the week: 1 is Monday, 7 is Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4); floor modulo keeps earlier dates right.
        let shifted = (daysSinceUnixEpoch + 3) % 7
        return (shifted < 0 ? shifted + 7 : shifted) + 1
    }

    /// The date `count` days later (earlier if negative); nil outside years 1–9999.
    public func adding(days count: Int) -> CalendarDate? {
        let (days, overflow) = daysSinceUnixEpoch.addingReportingOverflow(count)
        return overflow ? nil : CalendarDate(daysSinceUnixEpoch: days)
    }
}

// MARK: - Coding

extension CalendarDate: SchemaValue {
    /// `YYYY-MM-DD`, trimmed of white space; anything else is `INVALID_DATE`.
    public init(from decoder: any Decoder) throws {
        let text = try TextInput.read(decoder, expecting: "una fecha AAAA-MM-DD")
        guard let date = CalendarDate(text) else {
            throw ValueError(.invalidDate, "No es una fecha de calendario válida con formato AAAA-MM-DD.")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws { try TextInput.write(description, to: encoder) }

    public static let inputSchema = SchemaFragment(type: .string, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                                   format: "date", examples: .literal(["2011-08-15"]))
    public static var schemaName: String? { "CalendarDate" }
    public static let placeholder = CalendarDate(year: 2000, month: 1, day: 1)!
}
