import JSONRPC

/// One conversation: bytes in, framed responses out, in request order.
///
/// The same for stdio and every socket connection, so both transports behave alike.
public struct RPCSession {
    private var framer: Framer
    private var responder: Responder
    /// Set after a header block that cannot be parsed: flush what is written, then close.
    public var mustClose: Bool { responder.fatal }
    /// Bytes of a message that has not ended yet are in: what --read-timeout times.
    /// This and `messagesEnded` are stored as each chunk is handled, never computed when
    /// asked: a connection asks about its session once per wake-up, and a computed property
    /// would copy the whole session out of the connection object to answer.
    public private(set) var isMidMessage = false
    /// Messages ended so far (answered, or judged malformed or oversized): with
    /// `isMidMessage`, what tells a message arriving for long from one begun in the last chunk.
    public private(set) var messagesEnded: UInt64 = 0

    public init(dispatcher: Dispatcher, maxMessageBytes: Int) {
        framer = Framer(maxMessageBytes: maxMessageBytes)
        responder = Responder(dispatcher: dispatcher)
    }

    /// Handles `chunk`, appending every response it completes to `output`.
    public mutating func receive(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard !mustClose else { return }
        // The framer calls back while it is being mutated, so the responder is moved out of
        // `self` for the duration instead of being reached through it.
        var responder = self.responder
        self.responder = Responder(dispatcher: responder.dispatcher, capacity: 0)
        framer.push(chunk) { event, framing in responder.handle(event, framing: framing, into: &output) }
        self.responder = responder
        isMidMessage = framer.isMidMessage
        messagesEnded = responder.ended
    }

    /// End of input: answers a last message that had no line end.
    public mutating func finish(into output: inout [UInt8]) {
        guard !mustClose else { return }
        var responder = self.responder
        framer.finish { event, framing in responder.handle(event, framing: framing, into: &output) }
        self.responder = responder
        isMidMessage = false
        messagesEnded = responder.ended
    }
}

/// Turns frame events into framed responses.
private struct Responder {
    let dispatcher: Dispatcher
    var writer: JSONWriter
    var fatal = false
    /// Every event ends a message, answered or not.
    var ended: UInt64 = 0

    init(dispatcher: Dispatcher, capacity: Int = 4096) {
        self.dispatcher = dispatcher
        writer = JSONWriter(capacity: capacity)
    }

    mutating func handle(_ event: FrameEvent, framing: Framing, into output: inout [UInt8]) {
        ended &+= 1
        writer.reset()
        switch event {
        case .message(let bytes):
            guard dispatcher.respond(to: bytes, into: &writer) else { return }
        case .malformed(let reason):
            Dispatcher.writeError(.parseError(reason: reason), id: .null, into: &writer)
        case .oversized(let size):
            let reason = "message of \(size) bytes is over the limit (--max-message-bytes)"
            Dispatcher.writeError(.invalidRequest(reason: reason), id: .null, into: &writer)
        case .fatal(let reason):
            Dispatcher.writeError(.invalidRequest(reason: reason), id: .null, into: &writer)
            fatal = true
        }
        switch framing {
        case .stream:
            writer.withBytes { output.append(contentsOf: $0) }
            output.append(0x0A)
        case .headers:
            output.append(contentsOf: "Content-Length: \(writer.count)\r\n\r\n".utf8)
            writer.withBytes { output.append(contentsOf: $0) }
        }
    }
}
