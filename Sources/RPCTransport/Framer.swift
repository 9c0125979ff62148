/// How a connection frames its messages, chosen by its first non-white-space byte.
public enum Framing: Sendable, Equatable {
    /// JSON texts one after another: NDJSON, or pretty-printed as `jq .` prints them.
    case stream
    /// LSP-style `Content-Length` headers, as editors use.
    case headers
}

/// What the framer found in the bytes pushed so far.
public enum FrameEvent {
    /// One complete JSON text; the bytes are valid only during the callback.
    case message(UnsafeRawBufferPointer)
    /// The text is not JSON (-32700): stream framing dropped the rest of its line, unless the
    /// error was a `{` or `[` opening a line, where reading resumes. Also the input ended
    /// inside a message (either framing).
    case malformed(reason: String)
    /// A message over the size limit (-32600); its bytes were skipped, never held whole.
    case oversized(bytes: Int)
    /// A header block that cannot be parsed (-32600); the connection must be closed.
    case fatal(reason: String)
}

/// Splits a byte stream into messages. No I/O: feed it bytes in chunks of any size (one
/// byte at a time works) and it calls back with each event in stream order.
///
/// Memory is bounded by the size limit: an oversized text is tracked by its length only.
public struct Framer {
    public let maxMessageBytes: Int
    public private(set) var framing: Framing?
    var stream = StreamScanner()
    var headers = HeaderReader()
    private var byteOrderMarkSeen = 0
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Bytes held for the message in progress: bounded by about twice the size limit
    /// whatever arrives (an oversized text is tracked by its length only).
    public var bufferedBytes: Int { stream.bufferedBytes + headers.bufferedBytes }

    /// Some bytes of a message (or of a broken line being skipped) are in and its end is not:
    /// what --read-timeout times. Stored as each push ends rather than computed when asked,
    /// so that asking, from a session inside a connection object, never copies the session.
    public private(set) var isMidMessage = false

    public init(maxMessageBytes: Int) {
        self.maxMessageBytes = maxMessageBytes
    }

    /// Feeds bytes; `handle` gets each event with the connection's framing (for the reply).
    public mutating func push(_ chunk: UnsafeRawBufferPointer, _ handle: (FrameEvent, Framing) -> Void) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        if framing == nil {
            guard let (first, brokenMark) = detect(bytes) else { return }
            start = first
            if brokenMark > 0 {
                // A broken mark is not white space: the scanner reports it and drops its line,
                // as it does for a mark anywhere else. Its bytes may be in earlier chunks.
                Framer.byteOrderMark[0..<brokenMark].withUnsafeBufferPointer { partial in
                    stream.push(partial, from: 0, limit: maxMessageBytes) { handle($0, .stream) }
                }
            }
        }
        switch framing {
        case .stream?:
            stream.push(bytes, from: start, limit: maxMessageBytes) { handle($0, .stream) }
            isMidMessage = stream.isMidText
        case .headers?:
            headers.push(bytes, from: start, limit: maxMessageBytes) { handle($0, .headers) }
            isMidMessage = headers.isMidMessage
        case nil: break
        }
    }

    public mutating func push(_ chunk: [UInt8], _ handle: (FrameEvent, Framing) -> Void) {
        chunk.withUnsafeBytes { push($0, handle) }
    }

    /// End of input: a last text without a trailing newline is still a message.
    public mutating func finish(_ handle: (FrameEvent, Framing) -> Void) {
        switch framing {
        case .stream?: stream.finish(limit: maxMessageBytes) { handle($0, .stream) }
        case .headers?: headers.finish { handle($0, .headers) }
        case nil: break
        }
        isMidMessage = false
    }

    /// Skips white space and a leading UTF-8 byte-order mark; returns where framed data starts
    /// and how many bytes of a broken mark were skipped before it.
    private mutating func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> (start: Int, brokenMark: Int)? {
        for index in bytes.indices {
            let byte = bytes[index]
            if byteOrderMarkSeen < 3 {
                if byte == Framer.byteOrderMark[byteOrderMarkSeen] {
                    byteOrderMarkSeen += 1
                    continue
                }
                if byteOrderMarkSeen > 0 {  // a broken mark: the scanner judges it and the rest
                    defer { byteOrderMarkSeen = 3 }
                    framing = .stream
                    return (index, byteOrderMarkSeen)
                }
                byteOrderMarkSeen = 3  // a mark only counts at the very start
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "C"), UInt8(ascii: "c"): framing = .headers
            default: framing = .stream
            }
            return (index, 0)
        }
        return nil
    }
}
