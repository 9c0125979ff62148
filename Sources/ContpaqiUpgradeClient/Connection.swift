#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch

/// One connection to a server, whichever the transport: requests go out through a serial
/// queue, answers come in on a thread of its own and are matched to their callers by id,
/// so any number of calls share the connection at once.
final class Connection: Sendable {
    private let socket: Socket
    private let framing: Framing
    private let maxAnswerBytes: Int
    /// What to tell pending callers when the server closes the connection.
    private let endOfStream: String
    private let calls = Locked(CallTable())
    /// Sends may wait as long as the server takes to read; never on a caller's thread.
    private let writer = DispatchQueue(label: "ContpaqiUpgradeClient.writer")

    init(socket: Socket, framing: Framing, maxAnswerBytes: Int, endOfStream: String) {
        self.socket = socket
        self.framing = framing
        self.maxAnswerBytes = maxAnswerBytes
        self.endOfStream = endOfStream
    }

    /// Starts the reader thread; false when no thread could be started. The thread holds
    /// the connection until the stream ends, which `fail` brings about.
    func start() -> Bool {
        startThread { [self] in readAnswers() }
    }

    /// Calls sent and not yet answered.
    var pendingCalls: Int { calls.withLock { $0.waitingCount } }

    /// Sends `params` as a request for `method` and waits for the answer: the whole answer
    /// as the server wrote it, once it is known to be a success.
    func exchange<Params: Encodable>(method: String, params: Params, timeout: Duration) async throws -> Data {
        try Task.checkCancellation()
        let id = try calls.withLock { calls throws(ClientError) in try calls.reserve() }
        let request: [UInt8]
        do {
            request = framing.frame(try JSONEncoder().encode(Request(id: id, method: method, params: params)))
        } catch {
            calls.withLock { $0.release(id) }
            throw error
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let registration = calls.withLock { calls in
                    let registration = calls.register(id, continuation)
                    // Queued under the lock, so requests go out in `sequence` order: the
                    // order that matches an answer with `"id": null` to its request.
                    if case .send = registration {
                        writer.async { [self] in send(request) }
                    }
                    return registration
                }
                switch registration {
                case .send: armTimer(id: id, method: method, timeout: timeout)
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .failed(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            calls.withLock { $0.abandon(id) }?.finish(throwing: CancellationError())
        }
    }

    /// Ends the connection, failing every pending call with `error`; the first reason wins.
    func fail(_ error: ClientError) {
        guard let waiters = calls.withLock({ $0.fail(error) }) else { return }
        socket.shutDown()
        for waiter in waiters { waiter.finish(throwing: error) }
    }

    private func armTimer(id: Int64, method: String, timeout: Duration) {
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self?.calls.withLock { $0.abandon(id) }?.finish(throwing: ClientError.timedOut(method: method, after: timeout))
        }
        if !calls.withLock({ $0.attach(timer, to: id) }) { timer.cancel() }
    }

    private func send(_ request: [UInt8]) {
        if let reason = socket.sendAll(request) {
            fail(.connectionClosed(reason: "cannot send: \(reason)"))
        }
    }

    /// The reader thread: blocks in `recv` until bytes or the end of the stream arrive (no
    /// polling), hands every complete answer to its caller, and fails the connection when
    /// the stream ends or breaks the protocol.
    private func readAnswers() {
        var frames = FrameReader(framing: framing, limit: maxAnswerBytes)
        let decoder = JSONDecoder()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let count = socket.receive(into: chunk)
            if count == 0 { return fail(.connectionClosed(reason: endOfStream)) }
            if count < 0 { return fail(.connectionClosed(reason: "cannot read: \(errnoText())")) }
            frames.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            do throws(FrameReader.Failure) {
                while let message = try frames.next() {
                    if let failure = deliver(Data(message), decoder: decoder) { return fail(failure) }
                }
            } catch {
                switch error {
                case .tooLarge: return fail(.answerTooLarge(limit: maxAnswerBytes))
                case .badHeader(let reason): return fail(.invalidAnswer(reason: reason))
                }
            }
        }
    }

    /// Resumes the caller `message` answers; the failure when it is not an answer at all.
    private func deliver(_ message: Data, decoder: JSONDecoder) -> ClientError? {
        let head: AnswerHead
        do {
            head = try decoder.decode(AnswerHead.self, from: message)
        } catch {
            let start = String(decoding: message.prefix(120), as: UTF8.self)
            return .invalidAnswer(reason: "not a JSON-RPC response: \(start)")
        }
        let waiter = calls.withLock { calls -> Waiter? in
            switch head.id {
            case .number(let id): calls.complete(id)
            case .null: calls.completeOldest()
            case .other: nil  // not an id this client sends: no caller waits for it
            }
        }
        waiter?.finish(head.error.map { .failure($0.rpcError) } ?? .success(message))
        return nil
    }
}
