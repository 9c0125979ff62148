#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSystem
import JSONRPC

/// One epoll loop on its own thread. It accepts connections and serves them to the end:
/// read a chunk, answer every message in it, write without blocking.
///
/// Backpressure: a connection whose unwritten answers pass `highWater` is not read again
/// until they drain, so a client that sends but never reads costs bounded memory and never
/// stalls anyone else.
final class EventLoop {
    struct Config: Sendable {
        let listenFD: Int32
        let wakeFD: Int32
        let options: SocketServer.Options
        let dispatcher: Dispatcher
        let logger: Logger
        let state: ServerState
    }

    static let highWater = 1 << 20
    private let config: Config
    private let epoll: Int32
    private var connections: [Int32: Connection] = [:]
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var draining = false
    private var drainDeadline = timespec()

    init(_ config: Config) {
        self.config = config
        epoll = csystem_epoll_create()
        add(config.listenFD, events: csystem_epollin | csystem_epollexclusive)  // one loop woken per connection
        add(config.wakeFD, events: csystem_epollin)
    }

    func run() {
        var fds = [Int32](repeating: 0, count: 128)
        var masks = [UInt32](repeating: 0, count: 128)
        while !(draining && (connections.isEmpty || pastDeadline())) {
            let count = csystem_epoll_wait(epoll, &fds, &masks, 128, draining ? 100 : -1)
            if count < 0 && errno != EINTR { break }
            for slot in 0..<max(0, Int(count)) {
                let fd = fds[slot]
                if fd == config.listenFD {
                    acceptAll()
                } else if fd == config.wakeFD {
                    beginDrain()
                } else if let connection = connections[fd] {
                    serve(connection, events: masks[slot])
                }
            }
        }
        for connection in Array(connections.values) { close(connection) }
        Glibc.close(epoll)
    }

    // MARK: Accepting

    private func acceptAll() {
        while !draining {
            let fd = csystem_accept(config.listenFD)
            if fd < 0 {
                if errno == EMFILE || errno == ENFILE {
                    config.logger.error("cannot accept: out of file descriptors", ["error": errnoText()])
                    usleep(10_000)  // the listener stays readable; do not spin
                }
                return
            }
            let open = config.state.connections.add(1, ordering: .relaxed).newValue
            if open > config.options.maxConnections {
                config.state.connections.subtract(1, ordering: .relaxed)
                Glibc.close(fd)
                config.logger.warn("refused a connection: over --max-connections",
                                   ["max": String(config.options.maxConnections)])
                continue
            }
            let connection = Connection(fd: fd, session: RPCSession(dispatcher: config.dispatcher,
                                                                    maxMessageBytes: config.options.maxMessageBytes))
            connections[fd] = connection
            add(fd, events: connection.interest)
            config.logger.debug("connection opened", ["fd": String(fd), "open": String(open)])
        }
    }

    // MARK: Serving

    private func serve(_ connection: Connection, events: UInt32) {
        if events & (csystem_epollin | csystem_epollhup | csystem_epollerr | csystem_epollrdhup) != 0,
           connection.reading {
            readOnce(connection)
        }
        flush(connection)  // also closes a connection that is done and fully answered
        if connection.fd >= 0 { update(connection) }
    }

    /// One read per readiness event keeps the loop fair between connections.
    private func readOnce(_ connection: Connection) {
        let count = buffer.withUnsafeMutableBytes { read(connection.fd, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer.withUnsafeBytes {
                connection.session.receive(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &connection.output)
            }
            if connection.session.mustClose { connection.reading = false; connection.closeWhenFlushed = true }
        } else if count == 0 {
            // The client is done sending (or gone): answer a last message without a line end.
            connection.session.finish(into: &connection.output)
            connection.reading = false
            connection.closeWhenFlushed = true
        } else if errno != EAGAIN && errno != EINTR {
            connection.reading = false
            connection.output.removeAll()
            connection.closeWhenFlushed = true
        }
    }

    private func flush(_ connection: Connection) {
        while connection.written < connection.output.count {
            let count = connection.output.withUnsafeBytes {
                write(connection.fd, $0.baseAddress! + connection.written, $0.count - connection.written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { break }
                connection.output.removeAll()  // the reader is gone: nothing more can be delivered
                connection.written = 0
                connection.reading = false
                connection.closeWhenFlushed = true
                break
            }
            connection.written += count
        }
        if connection.written == connection.output.count {
            connection.output.removeAll(keepingCapacity: connection.output.capacity <= EventLoop.highWater)
            connection.written = 0
        }
        if connection.output.isEmpty && connection.closeWhenFlushed { close(connection) }
    }

    private func update(_ connection: Connection) {
        let wanted = connection.interest
        guard wanted != connection.registered else { return }
        csystem_epoll_mod(epoll, connection.fd, wanted)
        connection.registered = wanted
    }

    // MARK: Shutdown

    /// Stop accepting; read what each client already sent, answer it, then close.
    private func beginDrain() {
        guard !draining else { return }
        draining = true
        clock_gettime(CLOCK_MONOTONIC, &drainDeadline)
        drainDeadline.tv_sec += config.options.drainSeconds
        csystem_epoll_del(epoll, config.listenFD)
        csystem_epoll_del(epoll, config.wakeFD)
        for connection in Array(connections.values) where connection.fd >= 0 {
            for _ in 0..<64 where connection.reading {  // what is in the socket now; bounded
                let before = connection.output.count
                readOnce(connection)
                if errno == EAGAIN && connection.output.count == before { break }
            }
            connection.reading = false
            connection.closeWhenFlushed = true
            flush(connection)
            if connection.fd >= 0 { update(connection) }
        }
    }

    private func pastDeadline() -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec > drainDeadline.tv_sec
            || (now.tv_sec == drainDeadline.tv_sec && now.tv_nsec >= drainDeadline.tv_nsec)
    }

    private func add(_ fd: Int32, events: UInt32) {
        csystem_epoll_add(epoll, fd, events)
    }

    private func close(_ connection: Connection) {
        guard connection.fd >= 0 else { return }
        csystem_epoll_del(epoll, connection.fd)
        Glibc.close(connection.fd)
        connections[connection.fd] = nil
        connection.fd = -1
        config.state.connections.subtract(1, ordering: .relaxed)
    }
}

/// A connection's state, owned by one loop thread.
final class Connection {
    var fd: Int32
    var session: RPCSession
    var output: [UInt8] = []
    var written = 0
    var reading = true
    var closeWhenFlushed = false
    var registered: UInt32

    init(fd: Int32, session: RPCSession) {
        self.fd = fd
        self.session = session
        registered = 0
        registered = interest
    }

    /// Read while reading and not backed up; wait for writability while answers are pending.
    var interest: UInt32 {
        var events: UInt32 = 0
        if reading && output.count - written < EventLoop.highWater { events |= csystem_epollin | csystem_epollrdhup }
        if written < output.count { events |= csystem_epollout }
        return events
    }
}
