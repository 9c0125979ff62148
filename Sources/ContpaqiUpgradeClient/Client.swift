#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ContpaqiUpgradeAPI

/// A connection to the contpaqi-upgrade service, over a Unix socket or the stdio of a
/// server it spawns, calling its methods with the API module's types:
///
/// ```swift
/// let client = try Client(socketPath: "/run/contpaqi-upgrade/contpaqi-upgrade.sock")
/// let answer = try await client.call(CheckEligibility.self, .init(purchaseDate: date))
/// await client.close()
/// ```
///
/// Calls may be made from any number of tasks at once: they share the connection
/// (pipelined), and each answer goes to its caller by id. Every call is bounded by a
/// timeout; a cancelled call throws `CancellationError` at once. The server's errors are
/// thrown as `RPCError`, failures on this side as `ClientError`. When the connection ends
/// (the server exits, is killed, or closes it) every pending call throws at once.
public final class Client: Sendable {
    private let connection: Connection
    private let child: ChildProcess?
    /// How long a call waits for its answer unless it says otherwise.
    public let timeout: Duration

    /// The longest answer read, in bytes: far above any real answer (a `requestKeys`
    /// workbook is kilobytes), as the `call` command's.
    public static let defaultMaxAnswerBytes = 64 << 20

    /// Connects to a server listening on the Unix socket at `socketPath`
    /// (`contpaqi-upgrade serve --socket PATH`).
    ///
    /// - Parameters:
    ///   - framing: How messages are delimited; the server follows either.
    ///   - timeout: How long a call waits for its answer unless it says otherwise; also
    ///     bounds the wait to be accepted when the server's backlog is full.
    ///   - maxAnswerBytes: An answer longer than this ends the connection: reading stops
    ///     there, so a broken server cannot make the client hold without bound.
    /// - Throws: `ClientError.cannotConnect`.
    public init(socketPath: String, framing: Framing = .ndjson, timeout: Duration = .seconds(30),
                maxAnswerBytes: Int = Client.defaultMaxAnswerBytes) throws {
        let socket = try Socket.dial(path: socketPath, timeout: timeout)
        connection = Connection(socket: socket, framing: framing, maxAnswerBytes: maxAnswerBytes,
                                endOfStream: "the server closed the connection")
        child = nil
        self.timeout = timeout
        guard connection.start() else {
            throw ClientError.cannotConnect(path: socketPath, reason: "cannot start the thread that reads answers")
        }
    }

    /// Starts the server at `executablePath` and talks to it over its stdin and stdout;
    /// its stderr (the server's log) is this process's. `close()` ends it.
    ///
    /// - Parameters:
    ///   - arguments: The server's arguments; by default those that make it serve on
    ///     stdio whatever the environment (`serve --stdio`), with its options after them
    ///     (`["serve", "--stdio", "--log-level", "error"]`).
    ///   - framing, timeout, maxAnswerBytes: As for a socket.
    /// - Throws: `ClientError.cannotStart`.
    public init(executablePath: String, arguments: [String] = ["serve", "--stdio"], framing: Framing = .ndjson,
                timeout: Duration = .seconds(30), maxAnswerBytes: Int = Client.defaultMaxAnswerBytes) throws {
        // A socket pair rather than two pipes: one descriptor both ways, MSG_NOSIGNAL on
        // sends (a pipe to a dead child raises SIGPIPE in the whole program), and shutdown
        // wakes the reader. The server reads and writes it as it would pipes.
        let (socket, theirs) = try Socket.pair()
        let child = try ChildProcess.spawn(path: executablePath, arguments: arguments, stdio: theirs)
        connection = Connection(socket: socket, framing: framing, maxAnswerBytes: maxAnswerBytes,
                                endOfStream: "the server process closed its output (it exited or was killed)")
        self.child = child
        self.timeout = timeout
        guard connection.start() else {
            child.stopNow()
            throw ClientError.cannotStart(path: executablePath, reason: "cannot start the thread that reads answers")
        }
    }

    /// Without `close()`: pending calls fail, and a spawned server reads end of input and
    /// exits, ended in the background if it does not.
    deinit {
        connection.fail(.closed)
        if let child { Task.detached { await child.terminate() } }
    }

    /// The spawned server's process id; nil on a socket.
    public var processIdentifier: Int32? { child?.pid }

    /// Calls sent and waiting for their answers.
    public var pendingCalls: Int { connection.pendingCalls }

    /// Calls `method` with `params` and returns its result.
    ///
    /// - Parameter timeout: How long to wait for the answer; the client's `timeout` when nil.
    /// - Throws: `RPCError` when the server answers with an error (invalid params: see its
    ///   `fieldErrors`); `ClientError` when no answer comes (timeout, connection ended,
    ///   client closed); `CancellationError` when the task is cancelled, its answer then
    ///   dropped; `EncodingError`/`DecodingError` when the params or result do not code.
    public func call<M: RPCMethod>(_ method: M.Type, _ params: M.Params, timeout: Duration? = nil) async throws -> M.Result {
        let answer = try await connection.exchange(method: M.name, params: params, timeout: timeout ?? self.timeout)
        return try JSONDecoder().decode(Answer<M.Result>.self, from: answer).result
    }

    /// Calls a method that takes no params (`getCatalog`).
    public func call<M: RPCMethod>(_ method: M.Type, timeout: Duration? = nil) async throws -> M.Result where M.Params == NoParams {
        try await call(method, NoParams(), timeout: timeout)
    }

    /// Ends the connection: pending calls throw `ClientError.closed`, and so does every
    /// later call. A spawned server reads end of input and exits; this returns once it has
    /// (it is sent SIGTERM after two seconds, then SIGKILL).
    public func close() async {
        connection.fail(.closed)
        await child?.terminate()
    }
}
