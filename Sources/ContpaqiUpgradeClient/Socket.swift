#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One connected stream socket, closed when the last holder lets go of it.
///
/// The reader thread, queued writes and `close()` may each still hold it: closing the
/// descriptor while another thread uses it could hand its number to an unrelated file, and
/// a `close` does not wake a thread blocked in `recv` — `shutdown` does, so that is how the
/// connection is ended.
final class Socket: Sendable {
    let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { _ = close(fd) }

    /// Connects to the Unix socket at `path`, waiting at most `timeout` for a listener
    /// whose backlog is full.
    static func dial(path: String, timeout: Duration) throws(ClientError) -> Socket {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw .cannotConnect(path: path, reason: "the path is too long for a Unix socket")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .cannotConnect(path: path, reason: errnoText()) }
        let socket = Socket(fd: fd)
        // A full backlog makes a blocking connect() wait, bounded on a Unix socket only by
        // SO_SNDTIMEO; a non-blocking one could not wait at all (EAGAIN at once).
        socket.setSendTimeout(timeout)
        while true {
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if connected == 0 { break }
            if errno == EINTR { continue }
            let reason = errno == EAGAIN ? "the server did not accept within \(timeout)" : errnoText()
            throw .cannotConnect(path: path, reason: reason)
        }
        // Writes run on their own queue and may wait as long as the server takes to read.
        socket.setSendTimeout(nil)
        return socket
    }

    /// A connected pair: this end, and the one to hand to a child process (closed on exec,
    /// once dup'ed onto the child's stdin and stdout).
    static func pair() throws(ClientError) -> (Socket, theirs: Socket) {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw .cannotStart(path: "", reason: "socketpair: \(errnoText())")
        }
        return (Socket(fd: ends[0]), Socket(fd: ends[1]))
    }

    /// Sends every byte, waiting as needed; the reason when the peer is gone.
    func sendAll(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                // MSG_NOSIGNAL: a server gone mid-request is an error to report, not a SIGPIPE
                // that would end the program using this library.
                let count = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if count >= 0 { offset += count; continue }
                if errno == EINTR { continue }
                return errnoText()
            }
            return nil
        }
    }

    /// Blocks until bytes arrive: their count, 0 at end of stream, or -1 with `errno` set.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }

    /// Ends the connection both ways: a blocked `recv` returns end of stream, a blocked
    /// `send` fails, and the server reads end of input.
    func shutDown() { _ = shutdown(fd, Int32(SHUT_RDWR)) }

    private func setSendTimeout(_ timeout: Duration?) {
        var limit = timeval()  // zero: no limit
        if let timeout {
            let (seconds, attoseconds) = timeout.components
            limit.tv_sec = Int(max(seconds, 0))
            limit.tv_usec = Int(attoseconds / 1_000_000_000_000)
            if limit.tv_sec == 0 && limit.tv_usec == 0 { limit.tv_usec = 1 }  // zero would mean for ever
        }
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }
}

func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
