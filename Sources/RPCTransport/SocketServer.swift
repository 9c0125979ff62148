#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSystem
import JSONRPC
import Synchronization

/// Serves JSON-RPC on a Unix domain socket to many clients at once.
///
/// One epoll loop per core, each accepting from the shared listening socket and owning its
/// connections outright (no locks on the request path). The main thread only waits for
/// SIGINT/SIGTERM and then runs the shutdown: stop accepting, answer what was received,
/// close, remove the socket file.
public struct SocketServer: Sendable {
    public struct Options: Sendable {
        public var path: String?
        public var mode: mode_t = 0o600
        public var maxConnections = 1024
        public var maxMessageBytes = 1 << 20
        /// --shutdown-timeout: how long shutdown waits for slow readers before closing on
        /// them, dropping what they have not read.
        public var shutdownSeconds = 5.0
        public init() {}
    }

    public enum StartError: Error, CustomStringConvertible {
        case message(String)
        public var description: String { switch self { case .message(let text): text } }
    }

    let options: Options
    let dispatcher: Dispatcher
    let logger: Logger

    public init(options: Options, dispatcher: Dispatcher, logger: Logger) {
        self.options = options
        self.dispatcher = dispatcher
        self.logger = logger
    }

    /// Runs until SIGINT/SIGTERM; returns the exit status.
    public func run() throws(StartError) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        // Block the stop signals before any thread exists, so only sigwait below sees them.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

        let fileLimit = raiseOpenFileLimit()
        if UInt64(options.maxConnections) + 16 > fileLimit {
            logger.warn("the open-file limit is below --max-connections: when descriptors run out, new clients are refused",
                        ["maxConnections": String(options.maxConnections), "openFileLimit": String(fileLimit)])
        }
        let listener = try SocketListener.open(path: options.path, mode: options.mode)
        let wake = csystem_eventfd()
        let state = ServerState()
        logger.info("listening", ["socket": listener.path ?? "(systemd)", "activated": String(listener.activated)])

        let loops = max(1, min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        let config = EventLoop.Config(listenFD: listener.fd, wakeFD: wake, options: options,
                                      dispatcher: dispatcher, logger: logger, state: state)
        let threads = (0..<loops).map { _ in startThread { EventLoop(config).run() } }

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        logger.info("stopping: no new connections; answering what was received", ["signal": String(received)])
        // New clients fail at once (ENOENT) instead of queueing unserved.
        if let reason = listener.unlinkPath() { logger.warn("socket file not removed", ["reason": reason]) }
        var one: UInt64 = 1
        _ = write(wake, &one, 8)  // never read, so it stays readable for every loop
        for thread in threads { pthread_join(thread, nil) }
        listener.close()
        state.dropped.withLock { dropped in
            guard dropped.connections > 0 else { return }
            let answers = dropped.answers == 1 ? "1 answer" : "\(dropped.answers) answers"
            let connections = dropped.connections == 1 ? "1 connection" : "\(dropped.connections) connections"
            logger.warn("shutdown deadline passed: dropped \(answers) on \(connections)",
                        ["shutdownTimeout": String(options.shutdownSeconds),
                         "unreadRequestBytes": String(dropped.unreadRequestBytes)])
        }
        logger.info("stopped")
        return 0
    }
}

/// What the loops share: the connection count, for --max-connections, and the accepting.
final class ServerState: Sendable {
    enum Accepted { case connection(Int32), refused, noneWaiting, outOfDescriptors }

    let connections = Atomic<Int>(0)
    /// What the loops closed on unread at the shutdown deadline, summed for one log line.
    let dropped = Mutex(Undelivered())
    /// A descriptor held in reserve for refusing a client when descriptors run out. The lock
    /// also serializes the loops' accepts, so no other loop takes the spare while it is
    /// given back for a moment.
    private let spare = Mutex<Int32>(open("/dev/null", O_RDONLY | O_CLOEXEC))

    deinit { spare.withLock { if $0 >= 0 { _ = close($0) } } }

    /// Accepts one waiting client. Out of descriptors, the spare is given back just long
    /// enough to accept the client and close it: it is refused at once (as over
    /// --max-connections) instead of waiting unserved while the listener stays readable.
    func accept(_ listenFD: Int32) -> Accepted {
        spare.withLock { spareFD in
            let fd = csystem_accept(listenFD)
            if fd >= 0 { return .connection(fd) }
            guard errno == EMFILE || errno == ENFILE else { return .noneWaiting }
            if spareFD >= 0 { _ = close(spareFD) }
            let refused = csystem_accept(listenFD)
            if refused >= 0 { _ = close(refused) }
            spareFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
            return refused >= 0 ? .refused : .outOfDescriptors
        }
    }
}
