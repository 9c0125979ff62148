import RPCTransport
import Testing

/// The three connection deadlines, driven by hand: times are plain nanoseconds.
@Suite struct ConnectionTimerTests {
    private let second: Int64 = 1_000_000_000
    private let limits = Deadlines(idleSeconds: 10, readSeconds: 2, writeSeconds: 3)

    /// A serve with nothing written and no answer waiting before it, the framer as given.
    private func serve(_ timer: inout ConnectionTimer, at now: Int64, midMessage: Bool = false, ended: UInt64 = 0) {
        timer.served(at: now, answersWereWaiting: false, wrote: false, midMessage: midMessage, messagesEnded: ended)
    }

    private func idleExpiry(_ timer: inout ConnectionTimer, at now: Int64) -> ConnectionTimer.Expiry? {
        timer.expiry(at: now, midMessage: false, reading: true, unsent: false, limits: limits)
    }

    @Test func anIdleConnectionExpiresAtTheIdleDeadlineNotBefore() {
        var timer = ConnectionTimer(now: 0)
        #expect(idleExpiry(&timer, at: 10 * second - 1) == nil)
        #expect(idleExpiry(&timer, at: 10 * second) == .idle)
    }

    @Test func activityPushesTheIdleDeadline() {
        var timer = ConnectionTimer(now: 0)
        serve(&timer, at: 8 * second)
        #expect(idleExpiry(&timer, at: 17 * second) == nil)
        #expect(idleExpiry(&timer, at: 18 * second) == .idle)
    }

    @Test func aMessageInProgressIsTimedByTheReadDeadlineFromItsStart() {
        var timer = ConnectionTimer(now: 0)
        serve(&timer, at: 5 * second, midMessage: true)
        // More bytes of the same message do not restart its clock.
        serve(&timer, at: 6 * second, midMessage: true)
        #expect(timer.expiry(at: 7 * second - 1, midMessage: true, reading: true, unsent: false, limits: limits) == nil)
        #expect(timer.expiry(at: 7 * second, midMessage: true, reading: true, unsent: false, limits: limits) == .read)
    }

    /// Every read ends one message and begins the next: always mid-message, never late.
    @Test func aReadThatEndsOneMessageAndBeginsAnotherRestartsTheClock() {
        var timer = ConnectionTimer(now: 0)
        for step in 0..<20 {
            let now = Int64(step) * second
            serve(&timer, at: now, midMessage: true, ended: UInt64(step))
            #expect(timer.expiry(at: now + second, midMessage: true, reading: true, unsent: false, limits: limits) == nil)
        }
        #expect(timer.messageStart == 19 * second)
    }

    @Test func aMessageThatEndsStopsTheReadClock() {
        var timer = ConnectionTimer(now: 0)
        serve(&timer, at: 0, midMessage: true)
        serve(&timer, at: second, ended: 1)
        #expect(timer.messageStart == nil)
        #expect(idleExpiry(&timer, at: 5 * second) == nil)
    }

    /// The server stops reading while answers back up; the client cannot finish its message
    /// then, so the read clock starts over when reading resumes.
    @Test func theReadClockWaitsWhileTheConnectionIsNotRead() {
        var timer = ConnectionTimer(now: 0)
        serve(&timer, at: 0, midMessage: true)
        #expect(timer.expiry(at: 5 * second, midMessage: true, reading: false, unsent: false, limits: limits) == nil)
        #expect(timer.expiry(at: 6 * second, midMessage: true, reading: true, unsent: false, limits: limits) == nil)
        #expect(timer.expiry(at: 7 * second, midMessage: true, reading: true, unsent: false, limits: limits) == .read)
    }

    @Test func unsentAnswersAreTimedFromTheirLastProgress() {
        var timer = ConnectionTimer(now: 0)
        serve(&timer, at: 4 * second)  // answers produced now, none before: they begin to wait
        let unsent = { (timer: inout ConnectionTimer, now: Int64) in
            timer.expiry(at: now, midMessage: false, reading: true, unsent: true, limits: self.limits)
        }
        #expect(unsent(&timer, 7 * second - 1) == nil)
        timer.served(at: 6 * second, answersWereWaiting: true, wrote: true, midMessage: false, messagesEnded: 0)
        #expect(unsent(&timer, 9 * second - 1) == nil)
        // Being served with answers still waiting (new requests, say) is not progress.
        timer.served(at: 8 * second, answersWereWaiting: true, wrote: false, midMessage: false, messagesEnded: 0)
        #expect(unsent(&timer, 9 * second) == .write)
        // Unsent answers are not idleness, however long they wait.
        var patient = ConnectionTimer(now: 0)
        #expect(patient.expiry(at: 100 * second, midMessage: false, reading: true, unsent: true,
                               limits: Deadlines(idleSeconds: 1, readSeconds: 1, writeSeconds: 1000)) == nil)
    }

    @Test func theSweepIsAnEighthOfTheShortestTimeoutWithinBounds() {
        #expect(limits.sweepInterval == second / 4)
        #expect(Deadlines(idleSeconds: 300, readSeconds: 30, writeSeconds: 30).sweepInterval == second)
        #expect(Deadlines(idleSeconds: 0.01, readSeconds: 30, writeSeconds: 30).sweepInterval == second / 100)
        #expect(Deadlines(idleSeconds: 0.5, readSeconds: 30, writeSeconds: 30).idle == second / 2)
    }

    @Test func valuesTheCommandLineRefusesStillDoNotTrap() {
        let odd = Deadlines(idleSeconds: 0, readSeconds: .nan, writeSeconds: .infinity)
        #expect(odd.idle == 1_000_000 && odd.read == 1_000_000)
        #expect(odd.write == 1_000_000_000 * second)
    }
}
