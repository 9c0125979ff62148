#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import JSONRPC
import Synchronization

/// Serves JSON-RPC on stdin/stdout for a parent process that spawned us.
///
/// One client, served like a socket connection: poll(2) for stdin (which may be a file or
/// a pipe, which epoll cannot watch), answers up to the same high-water mark of unsent
/// bytes, the rest answered as stdout drains. A pipe or socket on stdout is written without
/// blocking, so a parent that stops reading cannot keep us from noticing a stop signal.
/// A stop signal wakes the poll through a self-pipe (a flag checked before a blocking read
/// could miss a signal landing just before it); what the parent had already written is
/// then read without waiting and answered, like the socket server does, until the
/// shutdown deadline: stdout still blocked then ends the process with status 1.
public enum StdioServer {
    private static let stopRequested = Atomic<Bool>(false)
    private static let wakeWriteFD = Atomic<Int32>(-1)
    /// Reads of 64 KiB answered after a stop signal: far more than a pipe buffer holds.
    static let drainReads = 64

    /// Returns the process exit status. `shutdownSeconds` is how long answers may take to
    /// drain after SIGINT/SIGTERM.
    public static func run(dispatcher: Dispatcher, maxMessageBytes: Int, logger: Logger,
                           shutdownSeconds: Double = 5) -> Int32 {
        let wake = installStopHandlers()
        var conversation = Conversation(dispatcher: dispatcher, maxMessageBytes: maxMessageBytes, logger: logger)
        let status = conversation.serve(wake: wake, shutdownSeconds: shutdownSeconds)
        conversation.restoreStdout()
        // Also when end of input won the race with the signal: the stop is always logged.
        if stopRequested.load(ordering: .relaxed) {
            if status == 0 {
                logger.info("stopped on signal; what was already sent was answered")
            } else {
                logger.info("stopped on signal")
            }
        }
        return status
    }

    static var stopping: Bool { stopRequested.load(ordering: .relaxed) }

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
    var session: RPCSession
    let logger: Logger
    var input = [UInt8](repeating: 0, count: 1 << 16)
    var output: [UInt8] = []
    var written = 0
    var reading = true
    /// stdout's flags before we made it non-blocking (a pipe or a socket), to put back.
    let savedFlags: Int32?

    init(dispatcher: Dispatcher, maxMessageBytes: Int, logger: Logger) {
        session = RPCSession(dispatcher: dispatcher, maxMessageBytes: maxMessageBytes)
        self.logger = logger
        output.reserveCapacity(1 << 16)
        // Only a pipe or a socket can stay full for good. A terminal or a file is written as
        // before: blocking, and a shared terminal's flags are not ours to change.
        var info = stat()
        let flags = fcntl(1, F_GETFL)
        if fstat(1, &info) == 0, flags >= 0, (info.st_mode & S_IFMT) == S_IFIFO || (info.st_mode & S_IFMT) == S_IFSOCK,
           fcntl(1, F_SETFL, flags | O_NONBLOCK) == 0 {
            savedFlags = flags
        } else {
            savedFlags = nil
        }
    }

    func restoreStdout() {
        if let savedFlags { _ = fcntl(1, F_SETFL, savedFlags) }
    }

    private var backlog: Int { output.count - written }
    private var outputLimit: Int { written + Connection.highWater }

    mutating func serve(wake: Int32, shutdownSeconds: Double) -> Int32 {
        var deadline: Double?
        var drainReadsLeft = StdioServer.drainReads
        while true {
            while backlog < Connection.resumeBelow && session.hasPending {
                session.resume(into: &output, until: outputLimit)
                guard flush() else { return 1 }
            }
            if session.mustClose { reading = false }
            if !reading && !session.hasPending && backlog == 0 { return 0 }
            if deadline == nil && StdioServer.stopping { deadline = monotonicSeconds() + shutdownSeconds }
            if let deadline, monotonicSeconds() >= deadline {
                logger.warn("shutdown deadline passed with answers unsent: stdout is not being read",
                            ["dropped": String(unsentAnswers()), "unanswered": String(session.unansweredMessages)])
                return 1
            }
            let wantsInput = reading && !session.hasPending && backlog < Connection.highWater
            var watched: [pollfd] = []
            if wantsInput { watched.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
            if backlog > 0 { watched.append(pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)) }
            if deadline == nil { watched.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
            // Stopping: input is read only while some is already waiting; output is waited
            // for until the deadline.
            let timeout = deadline.map { wantsInput ? 0 : Int32(max(1, min(($0 - monotonicSeconds()) * 1000 + 1, 60_000))) } ?? -1
            if poll(&watched, nfds_t(watched.count), timeout) < 0 {
                if errno == EINTR { continue }
                logger.error("cannot poll stdin", ["error": errnoText()])
                return 1
            }
            if wantsInput {
                if watched[0].revents != 0 {
                    guard readOnce() else { return 1 }
                    if deadline != nil {
                        drainReadsLeft -= 1
                        if drainReadsLeft == 0 { reading = false }
                    }
                } else if deadline != nil {
                    reading = false  // nothing more was waiting
                }
            }
            guard flush() else { return 1 }
        }
    }

    /// One read of stdin, answered up to the mark. False on a read error.
    private mutating func readOnce() -> Bool {
        let count = input.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return true }
            logger.error("cannot read stdin", ["error": errnoText()])
            return false
        }
        if count == 0 {
            session.finish(into: &output, until: outputLimit)  // end of input: answer a last message without a line end
            reading = false
            return true
        }
        input.withUnsafeBytes {
            session.receive(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &output, until: outputLimit)
        }
        return true
    }

    /// Writes what stdout takes now (all of it, when stdout blocks). False on a write error.
    private mutating func flush() -> Bool {
        while backlog > 0 {
            let count = output.withUnsafeBytes { write(1, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { break }  // full: poll says when there is room
                logger.error("cannot write stdout", ["error": errnoText()])
                return false
            }
            written += count
        }
        if backlog == 0 {
            output.removeAll(keepingCapacity: output.capacity <= Connection.highWater)
            written = 0
        } else if written >= Connection.compactAfter && written >= backlog {
            output.removeFirst(written)
            written = 0
        }
        return true
    }

    /// Answers in the unsent bytes, one partly sent included. Compact JSON holds no raw
    /// line ends: each answer ends at the only `\n` of its line, or has the only blank line
    /// of its Content-Length header block.
    private func unsentAnswers() -> Int {
        let unsent = output[written...]
        guard session.framing == .headers else { return unsent.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
        let blankLine = Array("\r\n\r\n".utf8), header = Array("Content-Length".utf8)
        let blankLines = unsent.indices.filter { unsent[$0...].starts(with: blankLine) }
        guard !unsent.isEmpty, !unsent.starts(with: header) else { return blankLines.count }
        // Cut inside an answer: inside its header (whose blank line is counted) or its body.
        let nextHeader = unsent.indices.first { unsent[$0...].starts(with: header) }
        let cutInHeader = blankLines.first.map { first in nextHeader.map { first < $0 } ?? true } ?? false
        return blankLines.count + (cutInHeader ? 0 : 1)
    }
}

private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
