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
    /// Set after a header block that cannot be parsed: flush what is written, then close.
    public var mustClose: Bool { responder.fatal }
    /// Answers are due for bytes already received: call `resume` once output has drained.
    public var hasPending: Bool { responder.hasPending }
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
        // The framer calls back while it is being mutated, so the responder is moved out of
        // `self` for the duration instead of being reached through it.
        var responder = self.responder
        self.responder = Responder(dispatcher: responder.dispatcher, capacity: 0)
        framer.push(chunk) { event, framing in responder.handle(event, framing: framing, into: &output, until: limit) }
        responder.trimIfDue()
        self.responder = responder
    }

    /// End of input: answers a last message that had no line end.
    public mutating func finish(into output: inout [UInt8], until limit: Int = .max) {
        guard !mustClose else { return }
        var responder = self.responder
        self.responder = Responder(dispatcher: responder.dispatcher, capacity: 0)
        framer.finish { event, framing in responder.handle(event, framing: framing, into: &output, until: limit) }
        responder.trimIfDue()
        self.responder = responder
    }

    /// Goes on with what `hasPending` says is due, until `output` holds `limit` bytes.
    public mutating func resume(into output: inout [UInt8], until limit: Int = .max) {
        responder.resume(into: &output, until: limit)
        responder.trimIfDue()
    }

    /// The client is gone: nothing pending will ever be delivered.
    public mutating func discardPending() {
        responder.discardPending()
        responder.trimIfDue()
    }
}
