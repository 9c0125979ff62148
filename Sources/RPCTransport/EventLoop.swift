#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSystem
import JSONRPC

/// One epoll loop on its own thread. It accepts connections and serves them to the end:
/// read a chunk, answer its messages (those past the high water mark once answers drain),
/// write without blocking.
///
/// Backpressure (see `Connection`): a connection whose unwritten answers pass its high
/// water mark is not read again until they drain, so a client that sends but never reads
/// costs bounded memory and never stalls anyone else.
final class EventLoop {
    struct Config: Sendable {
        let listenFD: Int32
        let wakeFD: Int32
        let options: SocketServer.Options
        let dispatcher: Dispatcher
        let logger: Logger
        let state: ServerState
    }

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
        // Left over only when the shutdown deadline passed (or epoll failed).
        for connection in Array(connections.values) {
            let undelivered = connection.undelivered
            config.state.dropped.withLock { $0.add(undelivered) }
            close(connection)
        }
        Glibc.close(epoll)
    }

    // MARK: Accepting

    private func acceptAll() {
        while !draining {
            let fd: Int32
            switch config.state.accept(config.listenFD) {
            case .connection(let accepted):
                fd = accepted
            case .refused:
                config.logger.warn("refused a connection: out of file descriptors", ["error": errnoText(EMFILE)])
                continue
            case .outOfDescriptors:
                usleep(10_000)  // not even the spare is free: the listener stays readable; do not spin
                return
            case .noneWaiting:
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
        connection.serve(events: events, buffer: &buffer)
        settle(connection)
    }

    /// Closes a connection that is done and fully answered, or registers its new interest.
    private func settle(_ connection: Connection) {
        if connection.isFinished { close(connection) } else { update(connection) }
    }

    private func update(_ connection: Connection) {
        let wanted = connection.interest
        guard wanted != connection.registered else { return }
        csystem_epoll_mod(epoll, connection.fd, wanted)
        connection.registered = wanted
    }

    // MARK: Shutdown

    /// Stop accepting; answer what each client had sent when the signal came, then close.
    ///
    /// Clients that connected before the signal but were not accepted yet are accepted
    /// first: their requests were received too. Answers are written at the client's pace
    /// (backpressure still holds) until every connection is done or the deadline passes.
    private func beginDrain() {
        guard !draining else { return }
        acceptAll()
        draining = true
        clock_gettime(CLOCK_MONOTONIC, &drainDeadline)
        let seconds = config.options.shutdownSeconds
        let nanoseconds = drainDeadline.tv_nsec + Int((seconds - seconds.rounded(.down)) * 1e9)
        drainDeadline.tv_sec += Int(seconds) + nanoseconds / 1_000_000_000
        drainDeadline.tv_nsec = nanoseconds % 1_000_000_000
        csystem_epoll_del(epoll, config.listenFD)
        csystem_epoll_del(epoll, config.wakeFD)
        for connection in Array(connections.values) where connection.fd >= 0 {
            connection.beginDrain()
            settle(connection)
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
        connection.markClosed()
        config.state.connections.subtract(1, ordering: .relaxed)
    }
}
