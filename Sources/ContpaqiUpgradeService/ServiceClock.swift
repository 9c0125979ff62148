#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization
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
        var seconds = time(nil)
        let offsetMinutes: Int
        if MexicoCityZone.ready {
            var parts = tm()
            localtime_r(&seconds, &parts)
            offsetMinutes = parts.tm_gmtoff / 60
        } else {
            offsetMinutes = -360
        }
        return OffsetDateTime(unixTime: Int64(seconds), utcOffsetMinutes: offsetMinutes)!
    }

    public var today: CalendarDate { now().date }
}

/// Points the C library's local time at America/Mexico_City once, before any thread asks.
private enum MexicoCityZone {
    static let ready: Bool = {
        let file = "/usr/share/zoneinfo/America/Mexico_City"
        guard access(file, R_OK) == 0 else { return false }
        setenv("TZ", ":America/Mexico_City", 1)
        tzset()
        return true
    }()
}
