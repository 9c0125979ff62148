import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

@Suite struct OffsetDateTimeTests {
    /// 2012-01-10T22:30:00Z, which is 16:30 in Mexico City (UTC-6 then).
    let sample: Int64 = 1_326_234_600

    @Test func unixTimeInMexicoCity() throws {
        let time = try #require(OffsetDateTime(unixTime: sample, utcOffsetMinutes: -360))
        #expect(time.date.description == "2012-01-10")
        #expect((time.hour, time.minute, time.second) == (16, 30, 0))
        #expect(time.utcOffsetMinutes == -360)
        #expect(time.unixTime == sample)
        #expect(time.rfc3339 == "2012-01-10T16:30:00-06:00")
    }

    @Test func theOffsetCanChangeTheDate() throws {
        // 03:00Z on 2012-01-11 is still the evening of the 10th in Mexico City.
        let evening = try #require(OffsetDateTime(unixTime: 1_326_250_800, utcOffsetMinutes: -360))
        #expect(evening.date.description == "2012-01-10")
        #expect(evening.hour == 21)
        let utc = try #require(OffsetDateTime(unixTime: 1_326_250_800, utcOffsetMinutes: 0))
        #expect(utc.date.description == "2012-01-11")
        #expect(utc.hour == 3)
    }

    @Test func timesBeforeTheEpochFloorCorrectly() throws {
        let time = try #require(OffsetDateTime(unixTime: -1, utcOffsetMinutes: 0))
        #expect(time.date.description == "1969-12-31")
        #expect((time.hour, time.minute, time.second) == (23, 59, 59))
        #expect(time.unixTime == -1)
    }

    @Test func rejectsOffsetsAndTimesOutOfRange() throws {
        #expect(OffsetDateTime(unixTime: 0, utcOffsetMinutes: 24 * 60) == nil)
        #expect(OffsetDateTime(unixTime: Int64.max, utcOffsetMinutes: 60) == nil)
        #expect(OffsetDateTime(unixTime: 300_000_000_000, utcOffsetMinutes: 0) == nil)
        let date = try #require(CalendarDate("2012-01-10"))
        #expect(OffsetDateTime(date: date, hour: 24, minute: 0, second: 0, utcOffsetMinutes: 0) == nil)
        #expect(OffsetDateTime(date: date, hour: 0, minute: 0, second: 60, utcOffsetMinutes: 0) == nil)
    }

    @Test func parsesRFC3339WithItsOwnOffset() throws {
        let time = try #require(OffsetDateTime(rfc3339: "2012-01-10T16:30:00-06:00"))
        #expect(time.date.description == "2012-01-10")
        #expect(time.hour == 16)
        #expect(time.utcOffsetMinutes == -360)
        #expect(time.unixTime == sample)
        #expect(time.rfc3339 == "2012-01-10T16:30:00-06:00")

        let zulu = try #require(OffsetDateTime(rfc3339: "2012-01-10t22:30:00.123456z"))
        #expect(zulu.unixTime == sample)
        #expect(zulu.rfc3339 == "2012-01-10T22:30:00+00:00")
        let india = try #require(OffsetDateTime(rfc3339: "2012-01-11T04:00:00+05:30"))
        #expect(india.unixTime == sample)
    }

    @Test(arguments: ["2012-01-10T16:30:00", "2012-01-10 16:30:00-06:00", "2012-01-10",
                      "2012-01-10T16:30-06:00", "2012-01-10T24:00:00Z", "2012-01-10T16:60:00Z",
                      "2012-01-10T23:59:60Z", "2012-01-10T16:30:00.Z", "2012-01-10T16:30:00+0600",
                      "2012-01-10T16:30:00+24:00", "2012-01-10T16:30:00-06:00 ",
                      "2012-02-30T16:30:00Z", "2012-01-10T16:30:00UTC", ""])
    func rejectsWhatIsNotRFC3339(text: String) {
        #expect(OffsetDateTime(rfc3339: text) == nil)
    }
}
