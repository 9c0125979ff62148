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

    init(fd: Int32, session: RPCSession) {
        self.fd = fd
        self.session = session
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

    /// What closing now would leave undelivered (for the shutdown deadline's log line).
    var undelivered: Undelivered {
        let queued = AnswerBoundaries.whole(in: output[...], framing: session.framing)
        let partlyQueued = queued.end < output.count ? 1 : 0
        let sent = AnswerBoundaries.whole(in: output[..<written], framing: session.framing).count
        return Undelivered(answers: queued.count + partlyQueued - sent,
                           unreadRequestBytes: unframed.count + (drainBudget ?? 0))
    }

    /// Handles readiness: one read (which keeps the loop fair), framing, writing.
    func serve(events: UInt32, buffer: inout [UInt8]) {
        if events & (csystem_epollin | csystem_epollhup | csystem_epollerr | csystem_epollrdhup) != 0, wantsRead {
            readOnce(&buffer)
        }
        flush()
        // Until framing stops with answers still unwritten (EPOLLOUT then brings us back),
        // or nothing is left: a fast reader may empty the buffer with bytes still unframed.
        while !unframed.isEmpty && backlog < Connection.highWater {
            let pending = unframed
            unframed = []
            pending.withUnsafeBytes { frame($0) }
            flush()
        }
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

    private func flush() {
        while backlog > 0 {
            let count = output.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN { abandon() }  // the reader is gone: nothing more can be delivered
                break
            }
            written += count
        }
        if backlog == 0 {
            output.removeAll(keepingCapacity: output.capacity <= Connection.highWater)
            written = 0
        } else if written >= Connection.compactAfter && written >= backlog {  // amortized: one copy per byte at most
            // Only whole answers go, so the output still starts at one and can be counted.
            let sent = AnswerBoundaries.endOfWhole(in: output[..<written], framing: session.framing)
            output.removeFirst(sent)
            written -= sent
        }
    }

    private func abandon() {
        reading = false
        unframed = []
        output = []
        written = 0
    }
}
