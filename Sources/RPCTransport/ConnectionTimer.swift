/// When a connection is past one of its deadlines, from times stamped as it is served.
///
/// Pure: every `now` is the loop's once-per-wake-up clock reading, so the loop's sweep can
/// ask, and the tests can drive it, without a clock of its own.
public struct ConnectionTimer: Equatable {
    public enum Expiry: Equatable, Sendable { case idle, read, write }

    /// Last read or write of any bytes: the idle deadline counts from here.
    public private(set) var lastActivity: Int64
    /// Last progress writing answers, or the moment answers began to wait: the write deadline.
    public private(set) var lastWrite: Int64
    /// When the message in progress began: the read deadline. Nil between messages.
    public private(set) var messageStart: Int64?
    /// The framer's count of ended messages as last seen: when it moves while a message is
    /// still in progress, that message is a new one (one read can end one and begin the next).
    private var messagesEnded: UInt64 = 0

    public init(now: Int64) {
        lastActivity = now
        lastWrite = now
    }

    /// The connection was served (it was readable or writable): one call per serve, after it.
    /// `answersWereWaiting`: unsent answers before it; if there were none, any left now began
    /// waiting now. `wrote`: some answer bytes went out. Then where the framer stands.
    public mutating func served(at now: Int64, answersWereWaiting: Bool, wrote: Bool,
                                midMessage: Bool, messagesEnded ended: UInt64) {
        lastActivity = now
        if wrote || !answersWereWaiting { lastWrite = now }
        if !midMessage {
            messageStart = nil
        } else if messageStart == nil || ended != messagesEnded {
            messageStart = now
        }
        messagesEnded = ended
    }

    /// Which deadline has passed, if any. `reading` is false while the connection is not read
    /// (its answers back up, or the client ended its input): a message cannot arrive then, so
    /// its clock starts over rather than charging the client for the server's pause.
    public mutating func expiry(at now: Int64, midMessage: Bool, reading: Bool, unsent: Bool,
                         limits: Deadlines) -> Expiry? {
        if unsent && now - lastWrite >= limits.write { return .write }
        if midMessage {
            guard reading else {
                messageStart = now
                return nil
            }
            if let start = messageStart, now - start >= limits.read { return .read }
            return nil
        }
        if !unsent && reading && now - lastActivity >= limits.idle { return .idle }
        return nil
    }
}
