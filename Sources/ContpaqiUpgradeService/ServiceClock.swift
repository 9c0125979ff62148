#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization
import ContpaqiUpgradeAPI
import UpgradeRules

/// "Now" for the methods, in America/Mexico_City, as the contract's "today" requires.
///
/// Read through the C library's time-zone database instead of Foundation: it keeps
/// Foundation out of the binary, which is most of a one-shot call's start-up time. Without a
/// time-zone database the fixed offset -06:00 is used (the zone's rule since October 2022).
public struct ServiceClock: Sendable {
    public let now: @Sendable () -> OffsetDateTime
    private let currentDate: @Sendable () -> CalendarDate

    public init(now: @escaping @Sendable () -> OffsetDateTime) {
        self.now = now
        currentDate = { now().date }
    }

    private init(now: @escaping @Sendable () -> OffsetDateTime, today: @escaping @Sendable () -> CalendarDate) {
        self.now = now
        currentDate = today
    }

    /// A clock that always answers `instant` (for tests and examples).
    public static func fixed(_ instant: OffsetDateTime) -> ServiceClock { ServiceClock { instant } }

    public static let mexicoCity = ServiceClock(now: {
        let seconds = Int64(time(nil))
        return OffsetDateTime(unixTime: seconds, utcOffsetMinutes: MexicoCityZone.offsetMinutes(at: seconds))!
    }, today: { MexicoCityZone.today(at: Int64(time(nil))) })

    /// The date in the clock's zone: what a purchase date must not be after.
    public var today: CalendarDate { currentDate() }
}

/// America/Mexico_City's offset from UTC, read through the C library's time-zone database.
///
/// Offsets change only on hour boundaries, so each is computed once an hour and cached in
/// one atomic word (hour since the epoch, and the offset): two threads computing it at the
/// same time store the same value.
private enum MexicoCityZone {
    private static let cache = Atomic<Int64>(Int64.min)

    static func offsetMinutes(at seconds: Int64) -> Int {
        let hour = seconds / 3600
        let cached = cache.load(ordering: .relaxed)
        if cached >> 16 == hour { return Int(cached & 0xFFFF) - 0x8000 }
        var offset = -360  // the zone's rule since October 2022, if there is no database
        if ready {
            var clock = time_t(seconds)
            var parts = tm()
            localtime_r(&clock, &parts)
            offset = parts.tm_gmtoff / 60
        }
        cache.store(hour << 16 | Int64(offset + 0x8000), ordering: .relaxed)
        return offset
    }

    /// Today's date, turned from a day number into a calendar date once a day, not once per
    /// request (every checkEligibility asks): the day number and the date share one atomic
    /// word, day << 23 | year << 9 | month << 5 | day of month.
    private static let todayCache = Atomic<Int64>(Int64.min)

    static func today(at seconds: Int64) -> CalendarDate {
        let local = seconds + Int64(offsetMinutes(at: seconds)) * 60
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let cached = todayCache.load(ordering: .relaxed)
        if cached >> 23 == dayNumber, let date = CalendarDate(year: Int(cached >> 9 & 0x3FFF),
                                                              month: Int(cached >> 5 & 0xF), day: Int(cached & 0x1F)) {
            return date
        }
        let date = CalendarDate(daysSinceUnixEpoch: Int(dayNumber))!
        todayCache.store(dayNumber << 23 | Int64(date.year) << 9 | Int64(date.month) << 5 | Int64(date.day), ordering: .relaxed)
        return date
    }

    /// Points the C library's local time at the zone once, before any lookup.
    private static let ready: Bool = {
        let file = "/usr/share/zoneinfo/America/Mexico_City"
        guard access(file, R_OK) == 0 else { return false }
        setenv("TZ", ":America/Mexico_City", 1)
        tzset()
        return true
    }()
}
