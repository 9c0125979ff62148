import ContpaqiUpgradeAPI
import ContpaqiUpgradeClient
import Foundation
import Testing

/// No call hangs: a killed server, a silent one, a cancelled call, an answer too large or
/// not JSON-RPC, a closed client each end pending calls at once with an error that says so.
@Suite(.timeLimit(.minutes(1)))
struct FailureTests {
    /// SIGKILL while 50 calls wait (the server is stopped first, so none is answered):
    /// every one throws `connectionClosed` within a bound, and so does the next call.
    @Test(arguments: Transport.allCases)
    func killedServer(transport: Transport) async throws {
        try await withClient(transport, timeout: .seconds(30)) { client, pid in
            _ = try await client.call(GetCatalog.self)  // the server is up and answering
            kill(pid, SIGSTOP)
            try await withThrowingTaskGroup(of: ClientError?.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        do {
                            _ = try await client.call(CheckEligibility.self, .init(purchaseDate: .day(2011, 8, 15),
                                                                                   serialNumber: PipeliningTests.serial(index)))
                            return nil
                        } catch let error as ClientError {
                            return error
                        }
                    }
                }
                try await waitUntil { client.pendingCalls == 50 }
                let taken = try await elapsed {
                    kill(pid, SIGKILL)
                    for try await error in group {
                        guard case .connectionClosed = error else { Issue.record("expected connectionClosed, got \(String(describing: error))"); continue }
                    }
                }
                #expect(taken < .seconds(5))
            }
            await #expect(throws: ClientError.self) { try await client.call(GetCatalog.self) }
        }
    }

    /// A server that accepts and never answers: the call throws `timedOut` after its
    /// timeout, not before and not much after; a per-call timeout overrides the client's.
    @Test func timeout() async throws {
        let server = try FakeServer { $0.drain() }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, timeout: .milliseconds(300))
        let taken = try await elapsed {
            let error = try await #require(throws: ClientError.self) { try await client.call(Echo.self, .init(value: 1)) }
            #expect(error == .timedOut(method: "echo", after: .milliseconds(300)))
        }
        #expect(taken >= .milliseconds(300) && taken < .seconds(3))
        let override = try await #require(throws: ClientError.self) {
            try await client.call(Echo.self, .init(value: 2), timeout: .milliseconds(50))
        }
        #expect(override == .timedOut(method: "echo", after: .milliseconds(50)))
        #expect(client.pendingCalls == 0)
        await client.close()
    }

    /// A call given up (timed out, or cancelled) is answered late: the late answer is
    /// dropped, and the next call gets its own answer, not that one.
    @Test(arguments: [GiveUp.timeout, .cancellation])
    func lateAnswerIsDropped(_ giveUp: GiveUp) async throws {
        let server = try FakeServer { connection in
            guard let first = connection.readRequest(), let second = connection.readRequest() else { return }
            connection.answer(id: first.id, value: -1)
            connection.answer(id: second.id, value: second.value)
            connection.drain()
        }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, timeout: .seconds(10))
        switch giveUp {
        case .timeout:
            await #expect(throws: ClientError.timedOut(method: "echo", after: .milliseconds(100))) {
                try await client.call(Echo.self, .init(value: 1), timeout: .milliseconds(100))
            }
        case .cancellation:
            let call = Task { try await client.call(Echo.self, .init(value: 1)) }
            try await waitUntil { client.pendingCalls == 1 }
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
        }
        #expect(try await client.call(Echo.self, .init(value: 2)) == .init(value: 2))
        #expect(client.pendingCalls == 0)
        await client.close()
    }

    enum GiveUp: CaseIterable, Sendable { case timeout, cancellation }

    /// Cancelled while waiting on a silent server: it throws at once, not at the timeout.
    @Test func cancellationIsPrompt() async throws {
        let server = try FakeServer { $0.drain() }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, timeout: .seconds(30))
        let calls = (0..<20).map { value in Task { try await client.call(Echo.self, .init(value: value)) } }
        try await waitUntil { client.pendingCalls == 20 }
        let taken = await elapsed {
            for call in calls { call.cancel() }
            for call in calls { await #expect(throws: CancellationError.self) { try await call.value } }
        }
        #expect(taken < .seconds(2))
        #expect(client.pendingCalls == 0)
        // Already cancelled before it starts: nothing is sent, it throws all the same.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.call(Echo.self, .init(value: 99))
        }
        await #expect(throws: CancellationError.self) { try await early.value }
        await client.close()
    }

    /// An answer over `maxAnswerBytes` ends the connection: reading stops there.
    @Test(arguments: [Framing.ndjson, .contentLength])
    func answerTooLarge(framing: Framing) async throws {
        try await withClient(.stdio, framing: framing, maxAnswerBytes: 512) { client, _ in
            // A short answer (this error, about 200 bytes) passes; the catalog (kilobytes) does not.
            await #expect(throws: RPCError.self) { try await client.call(CheckEligibility.self, .init(purchaseDate: .day(2999, 1, 1))) }
            await #expect(throws: ClientError.answerTooLarge(limit: 512)) { try await client.call(GetCatalog.self) }
            await #expect(throws: ClientError.answerTooLarge(limit: 512)) { try await client.call(GetCatalog.self) }
        }
    }

    @Test func notJSONRPC() async throws {
        let server = try FakeServer { connection in
            _ = connection.readRequest()
            connection.write("hello\n")
            connection.drain()
        }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, timeout: .seconds(10))
        let error = try await #require(throws: ClientError.self) { try await client.call(Echo.self, .init(value: 1)) }
        guard case .invalidAnswer = error else { Issue.record("expected invalidAnswer, got \(error)"); return }
        await client.close()
    }

    /// `close()` fails what is pending and every later call with `closed`.
    @Test func closeFailsPendingCalls() async throws {
        let server = try FakeServer { $0.drain() }
        defer { server.stop() }
        let client = try Client(socketPath: server.path, timeout: .seconds(30))
        let call = Task { try await client.call(Echo.self, .init(value: 1)) }
        try await waitUntil { client.pendingCalls == 1 }
        let taken = await elapsed {
            await client.close()
            await #expect(throws: ClientError.closed) { try await call.value }
        }
        #expect(taken < .seconds(2))
        await #expect(throws: ClientError.closed) { try await client.call(Echo.self, .init(value: 2)) }
    }

    /// The spawned server is gone (reaped, not a zombie) once `close()` returns.
    @Test func closeEndsTheSpawnedServer() async throws {
        let client = try Client(executablePath: try ServerBinary.require(), arguments: ["serve", "--stdio", "--log-level", "warn"])
        let pid = try #require(client.processIdentifier)
        _ = try await client.call(GetCatalog.self)
        await client.close()
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    /// Released without `close()`: the server reads end of input, exits and is reaped.
    @Test func releasedClientEndsItsServer() async throws {
        var client: Client? = try Client(executablePath: try ServerBinary.require(), arguments: ["serve", "--stdio", "--log-level", "warn"])
        let pid = try #require(client?.processIdentifier)
        _ = try await client?.call(GetCatalog.self)
        client = nil
        try await waitUntil { kill(pid, 0) == -1 && errno == ESRCH }
    }

    @Test func cannotStartOrConnect() throws {
        #expect(throws: ClientError.self) { try Client(executablePath: "/nonexistent/contpaqi-upgrade") }
        #expect(throws: ClientError.self) { try Client(socketPath: temporarySocketPath()) }
    }
}

/// Waits (in a test only) until `condition` holds, failing after five seconds.
func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            throw TimedOut(sourceLocation: sourceLocation)
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}

struct TimedOut: Error, CustomStringConvertible {
    let sourceLocation: SourceLocation
    var description: String { "condition not met within 5 s (\(sourceLocation))" }
}
