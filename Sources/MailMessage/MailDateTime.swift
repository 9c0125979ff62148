/// A wall-clock date and time together with its offset from UTC, as the `Date:` header
/// carries it (RFC 5322 §3.3). The offset is kept, never converted to UTC, so the header
/// shows the sender's local time.
public struct MailDateTime: Sendable, Equatable {
    /// Four-digit year, 1900–9999.
    public let year: Int
    /// Month, 1–12.
    public let month: Int
    /// Day of the month, 1–31.
    public let day: Int
    /// Hour, 0–23.
    public let hour: Int
    /// Minute, 0–59.
    public let minute: Int
    /// Second, 0–60 (60 only for a leap second).
    public let second: Int
    /// Minutes east of UTC: `-360` for `-0600`.
    public let offsetMinutes: Int

    /// Creates a date-time from its fields (`month` 1–12, `day` 1–31, 24-hour clock).
    ///
    /// Callers validate their input; out-of-range fields are clamped into range here (year
    /// to 1900–9999 as RFC 5322 requires, day to the month's length, second to 0–60 for a
    /// leap second, offset to ±99:59) so that rendering can never trap or emit a malformed
    /// header.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                offsetMinutes: Int) {
        self.year = min(max(year, 1900), 9999)
        self.month = min(max(month, 1), 12)
        let monthLength = Self.daysInMonth(self.month, year: self.year)
        self.day = min(max(day, 1), monthLength)
        self.hour = min(max(hour, 0), 23)
        self.minute = min(max(minute, 0), 59)
        self.second = min(max(second, 0), 60)
        self.offsetMinutes = min(max(offsetMinutes, -5999), 5999)
    }

    /// The `date-time` form of RFC 5322 §3.3, e.g. `Tue, 10 Jan 2012 16:30:00 -0600`.
    public var rfc5322: String {
        var text: [UInt8] = []
        appendRFC5322(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends ``rfc5322`` to a message being built.
    func appendRFC5322(to out: inout [UInt8]) {
        let weekdays: StaticString = "SunMonTueWedThuFriSat"
        let months: StaticString = "JanFebMarAprMayJunJulAugSepOctNovDec"
        let magnitude = abs(offsetMinutes)
        out.append(contentsOf: UnsafeBufferPointer(start: weekdays.utf8Start + 3 * weekday, count: 3))
        out.appendLiteral(", ")
        out.appendDecimal(day, width: 2)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: UnsafeBufferPointer(start: months.utf8Start + 3 * (month - 1), count: 3))
        out.append(UInt8(ascii: " "))
        out.appendDecimal(year, width: 4)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(hour, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(minute, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(second, width: 2)
        out.appendLiteral(offsetMinutes < 0 ? " -" : " +")
        out.appendDecimal(magnitude / 60, width: 2)
        out.appendDecimal(magnitude % 60, width: 2)
    }

    /// Day of the week, 0 = Sunday, for the (proleptic Gregorian) calendar date.
    public var weekday: Int {
        let days = Self.daysSinceUnixEpoch(year: year, month: month, day: day)
        return ((days + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday
    }

    /// Counts days by treating March as the first month of the year, so the leap day falls
    /// at the end and every other month has a fixed offset; 400-year eras repeat exactly.
    static func daysSinceUnixEpoch(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468  // 719 468 days from 0000-03-01 to 1970
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}
