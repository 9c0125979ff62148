import JSONRPC

/// One conversation: bytes in, framed responses out, in request order.
///
/// The same for stdio and every socket connection, so both transports behave alike.
public struct RPCSession {
    private var framer: Framer
    private var responder: Responder
    /// Set after a header block that cannot be parsed: flush what is written, then close.
    public var mustClose: Bool { responder.fatal }
    /// How answers are framed; nil until the first non-white-space byte.
    public var framing: Framing? { framer.framing }

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
    }

    /// End of input: answers a last message that had no line end.
    public mutating func finish(into output: inout [UInt8]) {
        guard !mustClose else { return }
        var responder = self.responder
        framer.finish { event, framing in responder.handle(event, framing: framing, into: &output) }
        self.responder = responder
    }
}

/// Turns frame events into framed responses.
private struct Responder {
    let dispatcher: Dispatcher
    var writer: JSONWriter
    var fatal = false

    init(dispatcher: Dispatcher, capacity: Int = 4096) {
        self.dispatcher = dispatcher
        writer = JSONWriter(capacity: capacity)
    }

    mutating func handle(_ event: FrameEvent, framing: Framing, into output: inout [UInt8]) {
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
