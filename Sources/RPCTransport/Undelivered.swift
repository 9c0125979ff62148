/// What a connection still owed its client when shutdown gave up on it.
struct Undelivered: Sendable {
    var connections = 0
    /// Answers not written whole: a client that got part of one did not get it.
    var answers = 0
    /// Requests received but not yet read or framed (backpressure held them): bytes, as
    /// their number is unknown until they are parsed.
    var unreadRequestBytes = 0

    mutating func add(_ other: Undelivered) {
        guard other.answers > 0 || other.unreadRequestBytes > 0 else { return }
        connections += 1
        answers += other.answers
        unreadRequestBytes += other.unreadRequestBytes
    }
}

/// Where whole answers end in a connection's output, which starts at an answer. The bytes
/// are ours, so the framing is known exactly: a stream answer is one compact JSON line (a
/// line feed inside JSON text is always escaped), a header answer is
/// `Content-Length: N\r\n\r\n` and N bytes.
enum AnswerBoundaries {
    /// How many whole answers `bytes` begins with, and where the last of them ends.
    static func whole(in bytes: ArraySlice<UInt8>, framing: Framing?) -> (count: Int, end: Int) {
        var count = 0
        var end = bytes.startIndex
        switch framing {
        case .stream?:
            for index in bytes.indices where bytes[index] == 0x0A {
                count += 1
                end = index + 1
            }
        case .headers?:
            while let next = endOfHeaderAnswer(in: bytes[end...]) {
                count += 1
                end = next
            }
        case nil:
            break
        }
        return (count, end - bytes.startIndex)
    }

    /// Where the last whole answer in `bytes` ends: the same as `whole(in:framing:).end`,
    /// but a line end is found from the back, for the compaction of large buffers.
    static func endOfWhole(in bytes: ArraySlice<UInt8>, framing: Framing?) -> Int {
        guard framing == .stream else { return whole(in: bytes, framing: framing).end }
        return bytes.lastIndex(of: 0x0A).map { $0 + 1 - bytes.startIndex } ?? 0
    }

    private static let prefix = Array("Content-Length: ".utf8)

    private static func endOfHeaderAnswer(in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.starts(with: prefix) else { return nil }
        var index = bytes.startIndex + prefix.count
        var length = 0
        while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            length = length * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard bytes[index...].starts(with: [0x0D, 0x0A, 0x0D, 0x0A]) else { return nil }
        let end = index + 4 + length
        return end <= bytes.endIndex ? end : nil
    }
}
