/// A call that failed on this side of the connection: no answer, or no connection. Errors
/// the server answered are `RPCError`; a cancelled call throws `CancellationError`.
public enum ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The socket could not be connected to (no server there, or its backlog stayed full
    /// past the timeout).
    case cannotConnect(path: String, reason: String)
    /// The executable could not be started.
    case cannotStart(path: String, reason: String)
    /// No answer came within the call's timeout. The connection stays usable; the late
    /// answer, if it ever comes, is dropped.
    case timedOut(method: String, after: Duration)
    /// The connection ended: the server exited, was killed or closed it. Every call pending
    /// then, and every call after, throws this.
    case connectionClosed(reason: String)
    /// An answer was longer than the client's `maxAnswerBytes`; reading stopped there and
    /// the connection was closed.
    case answerTooLarge(limit: Int)
    /// The server sent something that is not a JSON-RPC answer; the connection was closed.
    case invalidAnswer(reason: String)
    /// `close()` was called (or the client was released) before the call was answered.
    case closed

    public var description: String {
        switch self {
        case .cannotConnect(let path, let reason): "cannot connect to \(path): \(reason)"
        case .cannotStart(let path, let reason): "cannot start \(path): \(reason)"
        case .timedOut(let method, let after): "\(method): no answer within \(after)"
        case .connectionClosed(let reason): "connection closed: \(reason)"
        case .answerTooLarge(let limit): "an answer over \(limit) bytes; the connection was closed"
        case .invalidAnswer(let reason): "not a JSON-RPC answer (\(reason)); the connection was closed"
        case .closed: "the client was closed"
        }
    }
}
