import Testing
import ContpaqiUpgradeAPI
import UpgradeRules

@Suite struct CalendarDateTests {
    @Test(arguments: ["2012-02-29", "2000-02-29", "2011-07-01", "2011-06-30", "0001-01-01",
                      "9999-12-31", "2011-12-31", "2011-04-30"])
    func parsesRealDates(text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.description == text)
    }

    @Test(arguments: ["2011-02-29", "1900-02-29", "2011-02-30", "2011-13-01", "2011-00-10",
                      "2011-04-31", "2011-01-00", "2011-01-32", "0000-01-01", "15/08/2011",
                      "", "2011-8-15", "2011-08-5", "11-08-15", "2011/08/15", "2011-08-15 ",
                      " 2011-08-15", "2011-08-15T00:00:00Z", "+011-08-15", "２０１１-08-15",
                      "2011-0a-15", "20110815"])
    func rejectsAnythingElse(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func leapYearRule() {
        #expect(CalendarDate.isLeapYear(2012))
        #expect(CalendarDate.isLeapYear(2000))
        #expect(!CalendarDate.isLeapYear(2011))
        #expect(!CalendarDate.isLeapYear(1900))
        #expect(CalendarDate(year: 2012, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2011, month: 2, day: 29) == nil)
    }

    @Test func fieldsAndOrdering() throws {
        let date = try #require(CalendarDate("2011-08-15"))
        #expect(date.year == 2011 && date.month == 8 && date.day == 15)
        let cutoff = try #require(CalendarDate("2011-07-01"))
        let dayBefore = try #require(CalendarDate("2011-06-30"))
        #expect(dayBefore < cutoff)
        #expect(cutoff < date)
        #expect(try #require(CalendarDate("2010-12-31")) < dayBefore)
        #expect(CalendarDate("2011-07-01") == cutoff)
    }

    @Test(arguments: [
        (1, "enero"), (2, "febrero"), (3, "marzo"), (4, "abril"), (5, "mayo"), (6, "junio"),
        (7, "julio"), (8, "agosto"), (9, "septiembre"), (10, "octubre"),
        (11, "noviembre"), (12, "diciembre"),
    ])
    func spanishTextNamesEveryMonth(month: Int, name: String) throws {
        let date = try #require(CalendarDate(year: 2011, month: month, day: 9))
        #expect(date.spanishText == "9 de \(name) de 2011")
    }

    @Test func spanishTextOfTheSourceDates() throws {
        #expect(try #require(CalendarDate("2011-07-01")).spanishText == "1 de julio de 2011")
        #expect(try #require(CalendarDate("2011-08-15")).spanishText == "15 de agosto de 2011")
    }

    @Test func dayNumbersAndWeekdays() throws {
        let epoch = try #require(CalendarDate("1970-01-01"))
        #expect(epoch.daysSinceUnixEpoch == 0)
        #expect(epoch.isoWeekday == 4)  // Thursday
        let sample = try #require(CalendarDate("2012-01-10"))
        #expect(sample.daysSinceUnixEpoch == 15_349)
        #expect(sample.isoWeekday == 2)  // Tuesday
        #expect(try #require(CalendarDate("1969-12-31")).daysSinceUnixEpoch == -1)
        #expect(try #require(CalendarDate("1969-12-31")).isoWeekday == 3)
        #expect(try #require(CalendarDate("0001-01-01")).isoWeekday == 1)  // Monday
        #expect(try #require(CalendarDate("2000-03-01")).daysSinceUnixEpoch == 11_017)
    }

    @Test func dayNumbersRoundTripAcrossCenturies() throws {
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = try #require(CalendarDate(daysSinceUnixEpoch: days))
            #expect(date.daysSinceUnixEpoch == days)
        }
        #expect(CalendarDate(daysSinceUnixEpoch: -719_163) == nil)
        #expect(CalendarDate(daysSinceUnixEpoch: 2_932_897) == nil)
        #expect(CalendarDate(daysSinceUnixEpoch: Int.max) == nil)
    }

    @Test func addingDaysCrossesMonthsAndLeapDays() throws {
        let leapDay = try #require(CalendarDate("2012-02-28")?.adding(days: 1))
        #expect(leapDay.description == "2012-02-29")
        #expect(try #require(CalendarDate("2011-02-28")?.adding(days: 1)).description
            == "2011-03-01")
        #expect(try #require(CalendarDate("2011-07-01")?.adding(days: -1)).description
            == "2011-06-30")
        #expect(CalendarDate("9999-12-31")?.adding(days: 1) == nil)
    }
}
