import MailMessage
import Testing

@Suite("Date header")
struct MailDateTimeTests {
    @Test("RFC 5322 date-time with the right weekday and offset", arguments: [
        (2012, 1, 10, 16, 30, 0, -360, "Tue, 10 Jan 2012 16:30:00 -0600"),
        (2011, 7, 1, 0, 0, 0, -300, "Fri, 01 Jul 2011 00:00:00 -0500"),
        (2000, 2, 29, 23, 59, 59, 0, "Tue, 29 Feb 2000 23:59:59 +0000"),
        (1970, 1, 1, 0, 0, 0, 330, "Thu, 01 Jan 1970 00:00:00 +0530"),
        (2024, 12, 31, 8, 5, 9, 840, "Tue, 31 Dec 2024 08:05:09 +1400"),
        (1900, 3, 1, 12, 0, 0, -30, "Thu, 01 Mar 1900 12:00:00 -0030"),
        (2100, 2, 28, 1, 2, 3, -720, "Sun, 28 Feb 2100 01:02:03 -1200"),
        (2016, 12, 31, 23, 59, 60, 0, "Sat, 31 Dec 2016 23:59:60 +0000"),
    ])
    func rendering(fields: (Int, Int, Int, Int, Int, Int, Int, String)) {
        let (year, month, day, hour, minute, second, offset, expected) = fields
        let date = MailDateTime(year: year, month: month, day: day, hour: hour,
                                minute: minute, second: second, offsetMinutes: offset)
        #expect(date.rfc5322 == expected)
    }

    @Test func weekdaysOfAWholeLeapYearFollowEachOther() {
        var expected = 6  // 2000-01-01 was a Saturday
        for month in 1...12 {
            for day in 1...31 where day <= (month == 2 ? 29 : [4, 6, 9, 11].contains(month) ? 30 : 31) {
                let date = MailDateTime(year: 2000, month: month, day: day, hour: 0, minute: 0,
                                        second: 0, offsetMinutes: 0)
                #expect(date.weekday == expected)
                expected = (expected + 1) % 7
            }
        }
    }

    @Test func outOfRangeFieldsAreClampedInsteadOfTrapping() {
        let date = MailDateTime(year: 20_000, month: 13, day: 0, hour: 25, minute: -1,
                                second: 99, offsetMinutes: -10_000)
        #expect(date.rfc5322 == "Wed, 01 Dec 9999 23:00:60 -9959")
        let february = MailDateTime(year: 2011, month: 2, day: 30, hour: 0, minute: 0,
                                    second: 0, offsetMinutes: 0)
        #expect(february.day == 28)
    }
}
