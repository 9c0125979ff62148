import ContpaqiUpgradeAPI
import ContpaqiUpgradeService
import Testing

/// The real clock's "today" is kept once a day: it must still be the date of "now".
@Suite struct ServiceClockTests {
    @Test func todayIsTheDateOfNowInMexicoCity() {
        let clock = ServiceClock.mexicoCity
        for _ in 0..<3 {  // computed, then read from the cache
            let before = clock.now().date, today = clock.today, after = clock.now().date
            #expect(today == before || today == after)  // around midnight, either
        }
    }

    @Test func aFixedClocksTodayIsItsInstantsDate() throws {
        let instant = try #require(OffsetDateTime(rfc3339: "2012-01-10T23:30:00-06:00"))
        #expect(ServiceClock.fixed(instant).today == CalendarDate(year: 2012, month: 1, day: 10))
    }
}
