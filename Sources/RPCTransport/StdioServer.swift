#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import JSONRPC
import Synchronization

/// Serves JSON-RPC on stdin/stdout for a parent process that spawned us.
///
/// Blocking reads and writes: there is exactly one client, and stdin may be a file or a
/// pipe, which epoll cannot watch. Every chunk read is answered before the next read, so on
/// SIGINT/SIGTERM or end of input everything read has already been answered.
public enum StdioServer {
    private static let stopRequested = Atomic<Bool>(false)

    /// Returns the process exit status.
    public static func run(dispatcher: Dispatcher, maxMessageBytes: Int, logger: Logger) -> Int32 {
        installStopHandlers()
        var session = RPCSession(dispatcher: dispatcher, maxMessageBytes: maxMessageBytes)
        var input = [UInt8](repeating: 0, count: 1 << 16)
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        while !stopRequested.load(ordering: .relaxed) {
            let count = input.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                logger.error("cannot read stdin", ["error": errnoText()])
                return 1
            }
            if count == 0 {
                session.finish(into: &output)
                return flush(&output, logger) ? 0 : 1
            }
            input.withUnsafeBytes { session.receive(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &output) }
            guard flush(&output, logger) else { return 1 }
            if session.mustClose { return 0 }
        }
        logger.info("stopping on signal; every request read was answered")
        return 0
    }

    private static func flush(_ output: inout [UInt8], _ logger: Logger) -> Bool {
        defer { output.removeAll(keepingCapacity: output.capacity <= 1 << 20) }
        guard !output.isEmpty else { return true }
        let written = output.withUnsafeBytes { writeAll(1, $0) }
        if !written { logger.error("cannot write stdout", ["error": errnoText()]) }
        return written
    }

    /// Without SA_RESTART, so a blocked read returns EINTR and the loop sees the flag.
    private static func installStopHandlers() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in StdioServer.stopRequested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        signal(SIGPIPE, SIG_IGN)
    }
}
