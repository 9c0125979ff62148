#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import CSystem

/// One client of the socket server, owned by one loop thread: its session, the answers not
/// yet written, and the bytes read but not yet framed.
///
/// Memory per connection stays bounded whatever the client does. Answers waiting to be
/// written stop the reading at `highWater`; framing goes a slice at a time, so even a read
/// full of tiny requests asking for large answers (a 50-byte `rpc.discover` gets 66 kB)
/// overshoots by one slice's worth; the rest of the read waits, framed as answers drain.
final class Connection {
    static let highWater = 1 << 20
    static let sliceBytes = 1024
    /// Written answers are dropped from the front of the buffer once this many pile up (and
    /// outweigh the rest), so a client that reads as it sends, never letting the buffer
    /// empty, does not grow it.
    static let compactAfter = 1 << 18

    private(set) var fd: Int32
    private var session: RPCSession
    private var output: [UInt8] = []
    private var written = 0
    private var unframed: [UInt8] = []
    private(set) var reading = true
    /// At shutdown: the bytes received before the signal that are still to be read.
    private var drainBudget: Int?
    /// The epoll events this connection is registered for.
    var registered: UInt32 = 0
    private var timer: ConnectionTimer
    /// The session's word on it as of the end of the last serve: read once there, not at every
    /// question (each read of the session is an exclusivity check on the connection).
    private var midMessage = false
    /// What this connection last published in the loops' IdleRegistry.
    var published = IdleRegistry.busy

    init(fd: Int32, session: RPCSession, now: Int64) {
        self.fd = fd
        self.session = session
        timer = ConnectionTimer(now: now)
        registered = interest
    }

    private var backlog: Int { output.count - written }
    private var wantsRead: Bool { reading && unframed.isEmpty && backlog < Connection.highWater }

    /// Read while there is room; wait for writability while answers are pending.
    var interest: UInt32 {
        var events: UInt32 = 0
        if wantsRead { events |= csystem_epollin | csystem_epollrdhup }
        if backlog > 0 { events |= csystem_epollout }
        return events
    }

    /// Done reading and everything answered and written: close it.
    var isFinished: Bool { !reading && unframed.isEmpty && backlog == 0 }

    /// Nothing in progress, nothing unsent, still listening: what --idle-timeout and
    /// eviction under --max-connections go by.
    var isIdle: Bool { reading && !midMessage && backlog == 0 && unframed.isEmpty }

    /// Handles readiness: one read (which keeps the loop fair), framing, writing. `now` is
    /// the loop's clock reading for this wake-up.
    func serve(events: UInt32, buffer: inout [UInt8], now: Int64) {
        let answersWereWaiting = backlog > 0
        if events & (csystem_epollin | csystem_epollhup | csystem_epollerr | csystem_epollrdhup) != 0, wantsRead {
            readOnce(&buffer)
        }
        var wrote = flush()
        // Until framing stops with answers still unwritten (EPOLLOUT then brings us back),
        // or nothing is left: a fast reader may empty the buffer with bytes still unframed.
        while !unframed.isEmpty && backlog < Connection.highWater {
            let pending = unframed
            unframed = []
            pending.withUnsafeBytes { frame($0) }
            wrote = flush() || wrote
        }
        // Once per serve, from plain values: each access to the session or the timer of this
        // object is an exclusivity check, which per write or per question would add up.
        midMessage = session.isMidMessage
        timer.served(at: now, answersWereWaiting: answersWereWaiting, wrote: wrote,
                     midMessage: midMessage, messagesEnded: session.messagesEnded)
    }

    /// Which of --idle-timeout, --read-timeout, --write-timeout this connection is past.
    func expiry(at now: Int64, limits: Deadlines) -> ConnectionTimer.Expiry? {
        timer.expiry(at: now, midMessage: midMessage, reading: wantsRead, unsent: backlog > 0, limits: limits)
    }

    /// Shutdown: read exactly what the client had sent when the signal came (FIONREAD),
    /// answer it at the usual pace, then finish.
    func beginDrain() {
        guard reading else { return }
        var queued: Int32 = 0
        let budget = ioctl(fd, UInt(FIONREAD), &queued) == 0 ? Int(queued) : 0
        drainBudget = budget
        if budget == 0 { reading = false }
    }

    func markClosed() { fd = -1 }

    private func readOnce(_ buffer: inout [UInt8]) {
        let limit = min(buffer.count, drainBudget ?? Int.max)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, limit) }
        if count > 0 {
            if let budget = drainBudget {
                drainBudget = budget - count
                if budget == count { reading = false }
            }
            buffer.withUnsafeBytes { frame(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        } else if count == 0 {
            session.finish(into: &output)  // the client is done: answer a last message without a line end
            reading = false
        } else if errno != EAGAIN && errno != EINTR {
            abandon()
        }
    }

    private func frame(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while start < bytes.count {
            if backlog >= Connection.highWater {
                unframed.append(contentsOf: bytes[start...])
                return
            }
            let end = min(start + Connection.sliceBytes, bytes.count)
            session.receive(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), into: &output)
            if session.mustClose {  // an unparseable header block: answer it, then close
                reading = false
                return
            }
            start = end
        }
    }

    /// Writes what the socket takes; true when some bytes went out.
    @discardableResult
    private func flush() -> Bool {
        var wrote = false
        while backlog > 0 {
            let count = output.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN { abandon() }  // the reader is gone: nothing more can be delivered
                break
            }
            written += count
            wrote = true
        }
        if backlog == 0 {
            output.removeAll(keepingCapacity: output.capacity <= Connection.highWater)
            written = 0
        } else if written >= Connection.compactAfter && written >= backlog {  // amortized: one copy per byte at most
            output.removeFirst(written)
            written = 0
        }
        return wrote
    }

    private func abandon() {
        reading = false
        unframed = []
        output = []
        written = 0
    }
}
