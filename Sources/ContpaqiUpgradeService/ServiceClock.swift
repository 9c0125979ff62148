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

    public init(now: @escaping @Sendable () -> OffsetDateTime) { self.now = now }

    /// A clock that always answers `instant` (for tests and examples).
    public static func fixed(_ instant: OffsetDateTime) -> ServiceClock { ServiceClock { instant } }

    public static let mexicoCity = ServiceClock {
        let seconds = Int64(time(nil))
        return OffsetDateTime(unixTime: seconds, utcOffsetMinutes: MexicoCityZone.offsetMinutes(at: seconds))!
    }

    public var today: CalendarDate { now().date }
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

    /// Points the C library's local time at the zone once, before any lookup.
    private static let ready: Bool = {
        let file = "/usr/share/zoneinfo/America/Mexico_City"
        guard access(file, R_OK) == 0 else { return false }
        setenv("TZ", ":America/Mexico_City", 1)
        tzset()
        return true
    }()
}
