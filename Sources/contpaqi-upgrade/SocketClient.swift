#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Sends one request line to a server and reads one answer line, all before a deadline:
/// a server that stalls, or answers without end, cannot keep `call` waiting or growing.
enum SocketClient {
    /// The longest answer line taken. Far above any real answer (a requestKeys workbook is
    /// kilobytes); an answer past it is a broken or hostile server.
    static let maxAnswerBytes = 64 << 20

    enum Failure: Error {
        case unreachable(String)
        case notAccepted
        case timedOut
        case tooLarge
        case closedWithoutAnswer
        case broken(String)
    }

    static func exchange(path: String, request: [UInt8], timeout: Double) -> Result<[UInt8], Failure> {
        let deadline = Deadline(seconds: timeout)
        let fd: Int32
        switch dial(path, deadline: deadline) {
        case .success(let connected): fd = connected
        case .failure(let failure): return .failure(failure)
        }
        defer { close(fd) }
        var line = request
        line.append(0x0A)
        if let failure = sendAll(line, to: fd, deadline: deadline) { return .failure(failure) }
        return receiveLine(from: fd, deadline: deadline)
    }

    private static func dial(_ path: String, deadline: Deadline) -> Result<Int32, Failure> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return .failure(.unreachable("the path is too long for a Unix socket"))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(.broken(errnoText())) }
        // A listener whose backlog is full makes connect() wait; on a Unix socket that wait
        // ends at SO_SNDTIMEO (with EAGAIN), and a non-blocking connect could not wait at all.
        while true {
            var limit = deadline.socketTimeout
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if connected == 0 { return .success(fd) }
            let error = errno
            if error == EINTR && !deadline.passed { continue }
            close(fd)
            return .failure(error == EAGAIN || error == EINTR ? .notAccepted : .unreachable(String(cString: strerror(error))))
        }
    }

    private static func sendAll(_ bytes: [UInt8], to fd: Int32, deadline: Deadline) -> Failure? {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                // MSG_NOSIGNAL: a server gone mid-request is an error to report, not SIGPIPE.
                let count = send(fd, raw.baseAddress! + offset, raw.count - offset,
                                 Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
                if count >= 0 { offset += count; continue }
                if errno == EINTR { continue }
                guard errno == EAGAIN || errno == EWOULDBLOCK else { return .broken(errnoText()) }
                if let failure = wait(for: fd, Int16(POLLOUT), until: deadline) { return failure }
            }
            return nil
        }
    }

    /// Reads into one buffer reserved at the cap: pages are touched only as bytes arrive, so
    /// memory follows the answer's real size, and a full buffer is never copied to grow.
    private static func receiveLine(from fd: Int32, deadline: Deadline) -> Result<[UInt8], Failure> {
        var failure: Failure?
        let limit = maxAnswerBytes + 1  // the longest line and its newline
        let answer = [UInt8](unsafeUninitializedCapacity: limit) { buffer, length in
            length = 0
            while true {
                let count = recv(fd, buffer.baseAddress! + length, limit - length, Int32(MSG_DONTWAIT))
                if count > 0 {
                    if let newline = memchr(buffer.baseAddress! + length, 0x0A, count) {
                        length = UnsafeMutableRawPointer(buffer.baseAddress!).distance(to: newline)
                        return
                    }
                    length += count
                    if length == limit { failure = .tooLarge; return }  // the cap, and still no newline
                    continue
                }
                if count == 0 {  // end of stream: an answer without its newline is still whole
                    if length == 0 { failure = .closedWithoutAnswer }
                    return
                }
                if errno == EINTR { continue }
                guard errno == EAGAIN || errno == EWOULDBLOCK else { failure = .broken(errnoText()); return }
                if let stop = wait(for: fd, Int16(POLLIN), until: deadline) { failure = stop; return }
            }
        }
        if let failure { return .failure(failure) }
        return .success(answer)
    }

    /// Waits until `fd` is ready for `events` (or has an error to report), or the deadline.
    private static func wait(for fd: Int32, _ events: Int16, until deadline: Deadline) -> Failure? {
        while true {
            guard let milliseconds = deadline.pollMilliseconds else { return .timedOut }
            var watched = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&watched, 1, milliseconds)
            if ready > 0 { return nil }
            if ready < 0 && errno != EINTR { return .broken(errnoText()) }
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// A point on the monotonic clock, so a wall-clock change cannot stretch or cut a timeout.
struct Deadline {
    private let end: Double

    init(seconds: Double) { end = Deadline.now() + seconds }

    var passed: Bool { Deadline.now() >= end }

    /// Time left for poll(), rounded up so a wait cannot end just short and spin; nil when none is.
    var pollMilliseconds: Int32? {
        let left = end - Deadline.now()
        guard left > 0 else { return nil }
        return Int32(min((left * 1000).rounded(.up), Double(Int32.max)))
    }

    /// Time left as SO_SNDTIMEO takes it; never zero, which would mean "wait for ever".
    var socketTimeout: timeval {
        let left = min(max(end - Deadline.now(), 0.000_001), Double(Int32.max))
        let seconds = left.rounded(.down)
        return timeval(tv_sec: Int(seconds), tv_usec: max(1, Int((left - seconds) * 1_000_000)))
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
