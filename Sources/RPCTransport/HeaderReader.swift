/// Reads LSP-style messages: `Content-Length: N` headers, a blank line, N bytes of JSON.
///
/// The length is never trusted for allocation: a body is buffered only once its length is
/// known to be within the limit, and an oversized one is skipped byte by byte.
struct HeaderReader {
    private enum State {
        case between
        case header
        case body(remaining: Int)
        case skip(remaining: UInt64)
        case closed
    }

    /// Header blocks are tiny; anything larger is not a header block.
    static let maxHeaderBytes = 8192
    private var state = State.between
    private var header: [UInt8] = []
    private var body: [UInt8] = []

    /// Memory held for the message in progress.
    var bufferedBytes: Int { header.capacity + body.capacity }

    mutating func push(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int, limit: Int,
                       _ handle: (FrameEvent) -> Void) {
        var index = first
        while index < bytes.count {
            switch state {
            case .closed:
                return
            case .between:
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    index += 1
                } else {
                    state = .header
                }
            case .header:
                header.append(bytes[index])
                index += 1
                if header.count > HeaderReader.maxHeaderBytes {
                    fail("header block longer than \(HeaderReader.maxHeaderBytes) bytes", handle)
                } else if endsHeaderBlock() {
                    startBody(limit: limit, handle)
                }
            case .body(let remaining):
                let available = min(remaining, bytes.count - index)
                let range = index..<index + available
                index += available
                if available == remaining && body.isEmpty {  // all here: no copy
                    state = .between
                    handle(.message(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range]))))
                } else {
                    body.append(contentsOf: bytes[range])
                    state = .body(remaining: remaining - available)
                    if available == remaining { deliverBody(handle) }
                }
            case .skip(let remaining):
                let available = UInt64(bytes.count - index)
                if available >= remaining {
                    index += Int(remaining)
                    state = .between
                } else {
                    index = bytes.count
                    state = .skip(remaining: remaining - available)
                }
            }
        }
    }

    mutating func finish(_ handle: (FrameEvent) -> Void) {
        switch state {
        case .header, .body:
            handle(.malformed(reason: "unexpected end of input inside a message"))
        default:
            break
        }
        state = .closed
    }

    /// True when the last line is empty: `\r\n\r\n`, or with bare LFs as some tools send
    /// (`\n\n`), or a mix of both (`\n\r\n`, `\r\n\n`).
    private func endsHeaderBlock() -> Bool {
        let count = header.count
        guard count >= 2, header[count - 1] == 0x0A else { return false }
        if header[count - 2] == 0x0A { return true }
        return count >= 3 && header[count - 2] == 0x0D && header[count - 3] == 0x0A
    }

    enum ContentLength {
        case success(UInt64)
        case failure(String)
    }

    private mutating func startBody(limit: Int, _ handle: (FrameEvent) -> Void) {
        let parsed = HeaderReader.contentLength(in: header)
        header.removeAll(keepingCapacity: true)
        switch parsed {
        case .failure(let reason):
            fail(reason, handle)
        case .success(let length) where length > UInt64(limit):
            handle(.oversized(bytes: Int(length)))
            state = .skip(remaining: length)
        case .success(let length):
            state = .body(remaining: Int(length))
            if length == 0 { deliverBody(handle) }
        }
    }

    private mutating func deliverBody(_ handle: (FrameEvent) -> Void) {
        state = .between
        body.withUnsafeBytes { handle(.message($0)) }
        if body.capacity > 1 << 16 { body = [] } else { body.removeAll(keepingCapacity: true) }
    }

    private mutating func fail(_ reason: String, _ handle: (FrameEvent) -> Void) {
        state = .closed
        header = []
        handle(.fatal(reason: reason))
    }

    /// The most digits a length may have. 18 nines fit in an Int, so a length never
    /// overflows; a longer one is no message size anyone sends, and skipping it as a body
    /// would swallow the rest of the connection, so the block is unparseable.
    static let maxLengthDigits = 18

    /// The value of the one `Content-Length` header (names compared case-insensitively,
    /// other headers ignored). Digits only, at most `maxLengthDigits` of them.
    static func contentLength(in block: [UInt8]) -> ContentLength {
        var found: UInt64?
        for line in block.split(separator: 0x0A) {
            let line = line.last == 0x0D ? line.dropLast() : line
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .failure("header line without ':'")
            }
            // ASCII lower-case of letters only: OR-ing 0x20 into every byte would also turn a
            // CR (0x0D) into "-" and let "Content\rLength" pass for the real header.
            let name = line[line.startIndex..<colon].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
            guard name.elementsEqual("content-length".utf8) else { continue }
            let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
            let value = line[(colon + 1)...].drop(while: isBlank)
            let digits = value.prefix(while: { $0 >= 0x30 && $0 <= 0x39 })
            guard !digits.isEmpty, value.dropFirst(digits.count).allSatisfy(isBlank) else {
                return .failure("Content-Length must be a non-negative decimal number")
            }
            guard digits.count <= maxLengthDigits else {
                return .failure("Content-Length has more than \(maxLengthDigits) digits")
            }
            let length = digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 0x30) }
            guard found == nil || found == length else { return .failure("conflicting Content-Length headers") }
            found = length
        }
        guard let found else { return .failure("missing Content-Length header") }
        return .success(found)
    }
}
