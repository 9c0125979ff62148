/// Splits what the server sends into messages, without doing any I/O itself: the reader
/// thread appends what it receives and takes out every message that is complete.
///
/// Nothing grows past `limit` (one message) plus one read: an answer without end, or a
/// `Content-Length` beyond the limit, is an error before it is held.
struct FrameReader {
    enum Failure: Error, Equatable {
        /// A message longer than the limit.
        case tooLarge
        /// A Content-Length header block that cannot be read.
        case badHeader(String)
    }

    /// A header block longer than this is not a header block (the server writes one line).
    static let maxHeaderBytes = 8 << 10

    let framing: Framing
    let limit: Int
    private var buffer: [UInt8] = []
    /// The first byte not handed out yet.
    private var start = 0
    /// Where the search for a delimiter resumes, so no byte is searched twice.
    private var scanned = 0
    /// Content-Length framing, once a header block is read: the length of its body.
    private var bodyLength: Int?

    init(framing: Framing, limit: Int) {
        self.framing = framing
        self.limit = limit
    }

    mutating func append(_ bytes: some Collection<UInt8>) {
        // Everything before `start` was handed out; only a partial message is left to move.
        if start > 0 {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, or nil until more bytes arrive. The slice is valid until
    /// the next `append`.
    mutating func next() throws(Failure) -> ArraySlice<UInt8>? {
        switch framing {
        case .ndjson: try nextLine()
        case .contentLength: try nextBody()
        }
    }

    private mutating func nextLine() throws(Failure) -> ArraySlice<UInt8>? {
        while let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = buffer[start..<end]
            start = newline + 1
            scanned = start
            if line.count > limit { throw .tooLarge }
            if line.allSatisfy(Self.isBlank) { continue }
            return line
        }
        scanned = buffer.count
        if buffer.count - start > limit { throw .tooLarge }
        return nil
    }

    private mutating func nextBody() throws(Failure) -> ArraySlice<UInt8>? {
        if bodyLength == nil {
            guard let length = try readHeaderBlock() else { return nil }
            bodyLength = length
        }
        guard let length = bodyLength, buffer.count - start >= length else { return nil }
        let body = buffer[start..<start + length]
        start += length
        scanned = start
        bodyLength = nil
        return body
    }

    /// The Content-Length of a complete header block, consumed; nil while it is incomplete.
    private mutating func readHeaderBlock() throws(Failure) -> Int? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        // The terminator may straddle the previous read: back up by its length less one.
        var index = max(start, scanned - 3)
        var found: Int?
        while index + 4 <= buffer.count {
            if buffer[index] == 13 && buffer[index..<index + 4].elementsEqual(terminator) { found = index; break }
            index += 1
        }
        guard let end = found else {
            scanned = buffer.count
            if buffer.count - start > Self.maxHeaderBytes { throw .badHeader("a header block over \(Self.maxHeaderBytes) bytes") }
            return nil
        }
        var length: Int?
        for line in buffer[start..<end].split(separator: 10) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .badHeader("a header line without a colon") }
            let name = line[line.startIndex..<colon].map { $0 | 0x20 }  // ASCII lower case
            guard name.elementsEqual("content-length".utf8) else { continue }
            length = try Self.parseLength(line[(colon + 1)...].filter { !Self.isBlank($0) }, limit: limit)
        }
        guard let length else { throw .badHeader("no Content-Length header") }
        start = end + 4
        scanned = start
        return length
    }

    /// Decimal digits, refused past `limit` digit by digit, so no length can overflow.
    private static func parseLength(_ digits: [UInt8], limit: Int) throws(Failure) -> Int {
        guard !digits.isEmpty else { throw .badHeader("an empty Content-Length") }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { throw .badHeader("a Content-Length that is not a number") }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
            if value > limit { throw .tooLarge }
        }
        return value
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
