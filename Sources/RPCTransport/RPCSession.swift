import JSONRPC

/// One conversation: bytes in, framed responses out, in request order.
///
/// The same for stdio and every socket connection, so both transports behave alike. Output
/// is produced up to a limit the transport gives (its high-water mark): once the output
/// passes it, the rest of a batch and any further messages wait (`hasPending`) until the
/// transport has written some and calls `resume`. Unsent answers thus stay within the mark
/// plus one answer, whatever a batch asks for and whether or not the client reads.
public struct RPCSession {
    private var framer: Framer
    private var responder: Responder
    // The two facts a transport asks for after every call, kept as plain values: read
    // through the responder, each look cost a copy of it on the path of every request.
    /// Set after a header block that cannot be parsed: flush what is written, then close.
    public private(set) var mustClose = false
    /// Answers are due for bytes already received: call `resume` once output has drained.
    public private(set) var hasPending = false
    /// The framing the client chose, once its first byte is in.
    public var framing: Framing? { framer.framing }
    /// Messages received but not answered yet (a batch under way counts as one).
    public var unansweredMessages: Int { responder.unansweredMessages }

    public init(dispatcher: Dispatcher, maxMessageBytes: Int) {
        framer = Framer(maxMessageBytes: maxMessageBytes)
        responder = Responder(dispatcher: dispatcher)
    }

    /// Handles `chunk`, appending responses to `output` until it holds `limit` bytes; the
    /// messages after that are kept, to be answered by `resume`.
    public mutating func receive(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8], until limit: Int = .max) {
        guard !mustClose else { return }
        RPCSession.push(chunk, &framer, &responder, into: &output, until: limit)
        settle()
    }

    /// End of input: answers a last message that had no line end.
    public mutating func finish(into output: inout [UInt8], until limit: Int = .max) {
        guard !mustClose else { return }
        RPCSession.finish(&framer, &responder, into: &output, until: limit)
        settle()
    }

    /// Goes on with what `hasPending` says is due, until `output` holds `limit` bytes.
    public mutating func resume(into output: inout [UInt8], until limit: Int = .max) {
        responder.resume(into: &output, until: limit)
        settle()
    }

    /// The client is gone: nothing pending will ever be delivered.
    public mutating func discardPending() {
        responder.discardPending()
        settle()
    }

    // The framer calls back into the responder while it is being mutated itself: both are
    // passed as separate inout arguments, which exclusivity allows for two stored
    // properties, where a closure capturing `self` would not be (moving the responder out
    // for the duration, as before, cost a copy of it per read).
    private static func push(_ chunk: UnsafeRawBufferPointer, _ framer: inout Framer, _ responder: inout Responder,
                             into output: inout [UInt8], until limit: Int) {
        framer.push(chunk) { event, framing in responder.handle(event, framing: framing, into: &output, until: limit) }
    }

    private static func finish(_ framer: inout Framer, _ responder: inout Responder, into output: inout [UInt8],
                               until limit: Int) {
        framer.finish { event, framing in responder.handle(event, framing: framing, into: &output, until: limit) }
    }

    private mutating func settle() {
        responder.trimIfDue()
        mustClose = responder.fatal
        hasPending = responder.hasPending
    }
}
