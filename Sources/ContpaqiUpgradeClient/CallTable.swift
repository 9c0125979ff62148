#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The calls of one connection by id, and whether the connection has ended: what callers,
/// the reader thread, timers and cancellation handlers share, behind the connection's lock.
/// Pure state: whoever takes a `Waiter` out resumes it, outside the lock.
struct CallTable {
    private enum Entry {
        /// An id handed out; its request is being encoded.
        case reserved
        /// Cancelled before it was sent: it will not be.
        case cancelled
        /// Sent (queued in `sequence` order), awaiting its answer.
        case waiting(Waiter, sequence: UInt64)
        /// Sent, then given up (timed out or cancelled): its answer is dropped when it
        /// comes. Kept until then, so a `"id": null` answer is matched to the right request.
        case abandoned(sequence: UInt64)
    }

    enum Registration {
        /// Queue the request now, still under the lock, so the queue's order is `sequence`'s.
        case send
        case cancelled
        case failed(ClientError)
    }

    private var entries: [Int64: Entry] = [:]
    private var nextID: Int64 = 1
    private var nextSequence: UInt64 = 0
    /// Why the connection ended; once set, every call fails with it.
    private(set) var failure: ClientError?

    /// Calls sent and not yet answered, timed out or cancelled.
    var waitingCount: Int {
        entries.values.count { if case .waiting = $0 { true } else { false } }
    }

    /// A fresh id for a request about to be encoded.
    mutating func reserve() throws(ClientError) -> Int64 {
        if let failure { throw failure }
        defer { nextID += 1 }
        entries[nextID] = .reserved
        return nextID
    }

    /// The request with this id will not be sent (it could not be encoded).
    mutating func release(_ id: Int64) {
        entries[id] = nil
    }

    mutating func register(_ id: Int64, _ continuation: CheckedContinuation<Data, any Error>) -> Registration {
        if let failure {
            entries[id] = nil
            return .failed(failure)
        }
        if case .cancelled = entries[id] {
            entries[id] = nil
            return .cancelled
        }
        nextSequence += 1
        entries[id] = .waiting(Waiter(continuation: continuation), sequence: nextSequence)
        return .send
    }

    /// Gives the call its timer; false when it is already over (cancel the timer then).
    mutating func attach(_ timer: Task<Void, Never>, to id: Int64) -> Bool {
        guard case .waiting(var waiter, let sequence) = entries[id] else { return false }
        waiter.timer = timer
        entries[id] = .waiting(waiter, sequence: sequence)
        return true
    }

    /// The answer to `id` arrived.
    mutating func complete(_ id: Int64) -> Waiter? {
        guard let entry = entries[id] else { return nil }
        switch entry {
        case .waiting(let waiter, _):
            entries[id] = nil
            return waiter
        case .abandoned:
            entries[id] = nil
            return nil
        case .reserved, .cancelled:
            return nil  // not sent yet: not an answer to it
        }
    }

    /// An answer with `"id": null` arrived: the server could not read a request's id. It
    /// answers in the order it reads, so it is the earliest request sent and not answered.
    mutating func completeOldest() -> Waiter? {
        var oldest: (id: Int64, sequence: UInt64)?
        for (id, entry) in entries {
            let sequence: UInt64
            switch entry {
            case .waiting(_, let sent), .abandoned(let sent): sequence = sent
            case .reserved, .cancelled: continue
            }
            if oldest == nil || sequence < oldest!.sequence { oldest = (id, sequence) }
        }
        guard let oldest else { return nil }
        return complete(oldest.id)
    }

    /// The caller stops waiting for `id` (timeout, cancellation); its answer will be dropped.
    mutating func abandon(_ id: Int64) -> Waiter? {
        switch entries[id] {
        case .waiting(let waiter, let sequence):
            entries[id] = .abandoned(sequence: sequence)
            return waiter
        case .reserved:
            entries[id] = .cancelled
            return nil
        case .cancelled, .abandoned, nil:
            return nil
        }
    }

    /// The connection ended: every waiting call, to be failed; nil if it had ended already.
    mutating func fail(_ error: ClientError) -> [Waiter]? {
        guard failure == nil else { return nil }
        failure = error
        let waiters = entries.values.compactMap { entry -> Waiter? in
            if case .waiting(let waiter, _) = entry { waiter } else { nil }
        }
        // Reserved ones stay: their callers find `failure` when they register.
        entries = entries.filter { if case .reserved = $0.value { true } else { false } }
        return waiters
    }
}

/// A caller suspended for its answer, and the timer that bounds the wait.
struct Waiter {
    let continuation: CheckedContinuation<Data, any Error>
    var timer: Task<Void, Never>?

    func finish(_ outcome: Result<Data, any Error>) {
        timer?.cancel()
        continuation.resume(with: outcome)
    }

    func finish(throwing error: any Error) { finish(.failure(error)) }
}
