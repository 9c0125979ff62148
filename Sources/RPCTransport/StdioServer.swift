#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import JSONRPC
import Synchronization

/// Serves JSON-RPC on stdin/stdout for a parent process that spawned us.
///
/// One client, so plain blocking reads and writes, with poll(2) in front of each read
/// (stdin may be a file or a pipe, which epoll cannot watch). Every chunk read is answered
/// before the next read. A stop signal wakes the poll through a self-pipe (a flag checked
/// before a blocking read could miss a signal landing just before it); what the parent had
/// already written is then read without waiting and answered, like the socket server does.
public enum StdioServer {
    private static let stopRequested = Atomic<Bool>(false)
    private static let wakeWriteFD = Atomic<Int32>(-1)
    /// Reads of 64 KiB answered after a stop signal: far more than a pipe buffer holds.
    private static let drainReads = 64

    /// Returns the process exit status.
    public static func run(dispatcher: Dispatcher, maxMessageBytes: Int, logger: Logger) -> Int32 {
        let wake = installStopHandlers()
        var conversation = Conversation(dispatcher: dispatcher, maxMessageBytes: maxMessageBytes, logger: logger)
        let status = serve(&conversation, wake: wake, logger: logger)
        // Also when end of input won the race with the signal: the stop is always logged.
        if stopRequested.load(ordering: .relaxed) {
            logger.info("stopped on signal; what was already sent was answered")
        }
        return status
    }

    private static func serve(_ conversation: inout Conversation, wake: Int32, logger: Logger) -> Int32 {
        while !stopRequested.load(ordering: .relaxed) {
            var watched = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            if poll(&watched, 2, -1) < 0 {
                if errno == EINTR { continue }
                logger.error("cannot poll stdin", ["error": errnoText()])
                return 1
            }
            if watched[1].revents != 0 { break }
            if watched[0].revents == 0 { continue }
            if case .done(let status) = conversation.readAndAnswer() { return status }
        }
        // Stopped by a signal: answer what is already waiting on stdin, without blocking.
        for _ in 0..<drainReads {
            var input = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            guard poll(&input, 1, 0) > 0 else { break }
            if case .done(let status) = conversation.readAndAnswer() { return status }
        }
        return 0
    }

    /// Returns the read end of the self-pipe the handlers write to.
    private static func installStopHandlers() -> Int32 {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for fd in ends {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            wakeWriteFD.store(ends[1], ordering: .relaxed)
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let saved = errno  // the interrupted code may be about to read errno
            StdioServer.stopRequested.store(true, ordering: .relaxed)
            var byte: UInt8 = 1
            _ = write(StdioServer.wakeWriteFD.load(ordering: .relaxed), &byte, 1)
            errno = saved
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        signal(SIGPIPE, SIG_IGN)
        return ends[0]
    }
}

/// The session over fd 0 and fd 1, with its buffers.
private struct Conversation {
    enum Outcome { case more, done(Int32) }

    var session: RPCSession
    let logger: Logger
    var input = [UInt8](repeating: 0, count: 1 << 16)
    var output: [UInt8] = []

    init(dispatcher: Dispatcher, maxMessageBytes: Int, logger: Logger) {
        session = RPCSession(dispatcher: dispatcher, maxMessageBytes: maxMessageBytes)
        self.logger = logger
        output.reserveCapacity(1 << 16)
    }

    /// One read of stdin, answered and written out.
    mutating func readAndAnswer() -> Outcome {
        let count = input.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return .more }
            logger.error("cannot read stdin", ["error": errnoText()])
            return .done(1)
        }
        if count == 0 {
            session.finish(into: &output)  // end of input: answer a last message without a line end
            return .done(flush() ? 0 : 1)
        }
        input.withUnsafeBytes { session.receive(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &output) }
        guard flush() else { return .done(1) }
        return session.mustClose ? .done(0) : .more
    }

    private mutating func flush() -> Bool {
        defer { output.removeAll(keepingCapacity: output.capacity <= 1 << 20) }
        guard !output.isEmpty else { return true }
        let written = output.withUnsafeBytes { writeAll(1, $0) }
        if !written { logger.error("cannot write stdout", ["error": errnoText()]) }
        return written
    }
}
