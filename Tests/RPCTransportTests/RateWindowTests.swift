import RPCTransport
import Testing

/// Throttled logging: the first event at once, then at most one report per interval, and
/// every event counted in exactly one report.
@Suite struct RateWindowTests {
    private let second: Int64 = 1_000_000_000

    @Test func theFirstEventIsReportedAtOnceAndTheNextOnesHeld() {
        var window = RateWindow(interval: second)
        #expect(window.record(at: 0) == 1)
        #expect(window.record(at: 1) == nil)
        #expect(window.record(3, at: second / 2) == nil)
        #expect(window.pending == 4)
        #expect(window.due(at: second - 1) == nil)
        #expect(window.due(at: second) == 4)
        #expect(window.pending == 0 && window.due(at: 5 * second) == nil)
    }

    @Test func anEventAfterAQuietIntervalIsReportedAtOnce() {
        var window = RateWindow(interval: second)
        #expect(window.record(at: 0) == 1)
        #expect(window.record(at: 3 * second) == 1)
    }

    @Test func aFloodBecomesOneLinePerIntervalCountingEveryEvent() {
        var window = RateWindow(interval: second)
        var reports: [Int] = []
        let events = 100_000
        for event in 0..<events {  // 10 000 events a second for 10 seconds
            if let count = window.record(at: Int64(event) * (second / 10_000)) { reports.append(count) }
        }
        if let rest = window.due(at: 11 * second) { reports.append(rest) }
        #expect(reports.count <= 12)
        #expect(reports.reduce(0, +) == events)
    }

    /// At exit everything held is reported, whenever the last report was.
    @Test func theEndOfTimeReportsWhatIsHeld() {
        var window = RateWindow(interval: second)
        #expect(window.record(at: 0) == 1)
        #expect(window.record(at: 1) == nil)
        #expect(window.due(at: .max) == 1)
        #expect(window.pending == 0)
    }

    @Test func countingNothingReportsNothing() {
        var window = RateWindow(interval: second)
        #expect(window.record(0, at: 0) == nil)
        #expect(window.record(at: 1) == 1)
    }
}
