/// A wall-clock time with its offset from UTC, to the second: when a key request is sent.
///
/// The rules never read the clock. The caller turns "now" (a Unix time) and the offset of
/// `America/Mexico_City` into an `OffsetDateTime`, or parses the client's `sentAt`; the
/// greeting then follows `hour`, and `date` is "today" for the future-date checks.
public struct OffsetDateTime: Hashable, Sendable {
    /// The local calendar date (in `utcOffsetMinutes`, not in UTC).
    public let date: CalendarDate
    /// 0–23, local.
    public let hour: Int
    /// 0–59.
    public let minute: Int
    /// 0–59: leap seconds are not represented.
    public let second: Int
    /// Local time minus UTC, in minutes: -360 for `-06:00`. Within ±23:59.
    public let utcOffsetMinutes: Int

    /// The largest offset RFC 3339 can write (`±23:59`).
    public static let maximumOffsetMinutes = 23 * 60 + 59

    /// A time if every field is in range, else nil.
    public init?(date: CalendarDate, hour: Int, minute: Int, second: Int, utcOffsetMinutes: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              abs(utcOffsetMinutes) <= Self.maximumOffsetMinutes
        else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// The local time at `unixTime` (seconds since 1970-01-01T00:00:00Z) in a zone that is
    /// `utcOffsetMinutes` ahead of UTC. Nil if the offset is beyond ±23:59 or the local
    /// date falls outside years 1–9999.
    public init?(unixTime: Int64, utcOffsetMinutes: Int) {
        guard abs(utcOffsetMinutes) <= Self.maximumOffsetMinutes else { return nil }
        let (local, overflow) = unixTime.addingReportingOverflow(Int64(utcOffsetMinutes) * 60)
        guard !overflow else { return nil }
        // Floor division, so that times before 1970 land on the right day and hour.
        var days = local / 86_400
        var secondOfDay = local % 86_400
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        guard let date = CalendarDate(daysSinceUnixEpoch: Int(days)) else { return nil }
        let seconds = Int(secondOfDay)
        self.init(date: date, hour: seconds / 3600, minute: seconds / 60 % 60,
                  second: seconds % 60, utcOffsetMinutes: utcOffsetMinutes)
    }

    /// Seconds since 1970-01-01T00:00:00Z of this instant.
    public var unixTime: Int64 {
        let localSeconds = Int64(date.daysSinceUnixEpoch) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        return localSeconds - Int64(utcOffsetMinutes) * 60
    }
}

// MARK: - RFC 3339

extension OffsetDateTime {
    /// Parses an RFC 3339 `date-time`: `2012-01-10T16:30:00-06:00`, `…T22:30:00Z`,
    /// `…T16:30:00.250-06:00`. The offset is required; `T` and `Z` may be lower case.
    /// Fractions of a second are accepted and dropped (mail dates count whole seconds).
    /// A leap second (`:60`), a space instead of `T`, or a missing offset is nil.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              let hour = CalendarDate.number(bytes[11..<13]),
              let minute = CalendarDate.number(bytes[14..<16]),
              let second = CalendarDate.number(bytes[17..<19])
        else { return nil }

        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let firstDigit = index
            while index < bytes.count, CalendarDate.number(bytes[index..<index + 1]) != nil {
                index += 1
            }
            guard index > firstDigit else { return nil }
        }
        guard let offset = Self.parseOffset(bytes[index...]) else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second,
                  utcOffsetMinutes: offset)
    }

    /// `Z`, or `+HH:MM` / `-HH:MM` with HH 00–23 and MM 00–59, and nothing after it.
    private static func parseOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        let rest = Array(bytes)
        if rest.count == 1, rest[0] == UInt8(ascii: "Z") || rest[0] == UInt8(ascii: "z") {
            return 0
        }
        guard rest.count == 6, rest[3] == UInt8(ascii: ":"),
              rest[0] == UInt8(ascii: "+") || rest[0] == UInt8(ascii: "-"),
              let hours = CalendarDate.number(rest[1..<3]), hours <= 23,
              let minutes = CalendarDate.number(rest[4..<6]), minutes <= 59
        else { return nil }
        let magnitude = hours * 60 + minutes
        return rest[0] == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM`; a zero offset is written `+00:00`.
    public var rfc3339: String {
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        return date.description + "T" + CalendarDate.padded(hour, width: 2) + ":"
            + CalendarDate.padded(minute, width: 2) + ":" + CalendarDate.padded(second, width: 2)
            + sign + CalendarDate.padded(offset / 60, width: 2) + ":"
            + CalendarDate.padded(offset % 60, width: 2)
    }
}

// MARK: - Coding

extension OffsetDateTime: SchemaValue {
    /// RFC 3339 with an offset, trimmed of white space; anything else is `INVALID_DATETIME`.
    public init(from decoder: any Decoder) throws {
        let text = try TextInput.read(decoder, expecting: "una fecha y hora RFC 3339")
        guard let time = OffsetDateTime(rfc3339: text) else {
            throw ValueError(.invalidDateTime, "No es una fecha y hora RFC 3339 con zona horaria (2012-01-10T16:30:00-06:00).")
        }
        self = time
    }

    /// Written in `rfc3339`'s form: whole seconds, a zero offset as `+00:00`.
    public func encode(to encoder: any Encoder) throws { try TextInput.write(rfc3339, to: encoder) }

    public static let inputSchema = SchemaFragment(type: .string, format: "date-time",
                                                   examples: .literal(["2012-01-10T16:30:00-06:00"]))
    public static var schemaName: String? { "OffsetDateTime" }
    public static let placeholder = OffsetDateTime(unixTime: 0, utcOffsetMinutes: 0)!
}
