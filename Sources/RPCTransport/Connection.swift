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
/// written stop the reading at `highWater`, and the session stops answering there too
/// (a 50-byte `rpc.discover` gets 66 kB; a batch of them gets them all): what it has not
/// answered yet, it resumes as answers drain, before any more input is framed.
final class Connection {
    static let highWater = 1 << 20
    static let sliceBytes = 1024
    /// Written answers are dropped from the front of the buffer once this many pile up (and
    /// outweigh the rest), so a client that reads as it sends, never letting the buffer
    /// empty, does not grow it.
    static let compactAfter = 1 << 18
    /// Answers put aside (a batch's other members, messages behind it) are resumed only once
    /// the unsent bytes fall below this, not as soon as they dip under `highWater`: a client
    /// that never reads then holds one round of answers, not a second one on top (a second
    /// 1.1 MB answer from a batch of requestKeys, per connection).
    static let resumeBelow = 1 << 16

    private(set) var fd: Int32
    private var session: RPCSession
    private var output: [UInt8] = []
    private var written = 0
    private var unframed: [UInt8] = []
    /// `session.hasPending`, noted after each call into the session: every look at the
    /// session costs a dynamic exclusivity check, and the getters below run several times
    /// per request.
    private var answersDue = false
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
    private var wantsRead: Bool {
        reading && unframed.isEmpty && !answersDue && backlog < Connection.highWater
    }
    /// Where the session stops answering: the high-water mark of unsent bytes.
    private var outputLimit: Int { written + Connection.highWater }

    /// Read while there is room; wait for writability while answers are pending.
    var interest: UInt32 {
        var events: UInt32 = 0
        if wantsRead { events |= csystem_epollin | csystem_epollrdhup }
        // Also while answers are put aside: a Content-Length batch being counted writes
        // nothing for a while, and a writable socket brings it back for its next step.
        if backlog > 0 || answersDue { events |= csystem_epollout }
        return events
    }

    /// Done reading and everything answered and written: close it.
    var isFinished: Bool { !reading && unframed.isEmpty && !answersDue && backlog == 0 }

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
        // Until answering stops with answers still unwritten (EPOLLOUT then brings us back),
        // or nothing is left: a fast reader may empty the buffer with answers still due.
        while backlog < Connection.highWater {
            if answersDue {
                guard backlog < Connection.resumeBelow else { break }  // EPOLLOUT brings us back
                let before = output.count
                session.resume(into: &output, until: outputLimit)
                answersDue = session.hasPending
                if session.mustClose { stopReading() }
                if output.count == before && answersDue { break }  // a step with nothing to send: let others in
            } else if !unframed.isEmpty {
                let pending = unframed
                unframed = []
                pending.withUnsafeBytes { frame($0) }
            } else {
                break
            }
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
            session.finish(into: &output, until: outputLimit)  // the client is done: answer a last message without a line end
            answersDue = session.hasPending
            reading = false
        } else if errno != EAGAIN && errno != EINTR {
            abandon()
        }
    }

    private func frame(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while start < bytes.count {
            if backlog >= Connection.highWater || answersDue {
                unframed.append(contentsOf: bytes[start...])
                return
            }
            let end = min(start + Connection.sliceBytes, bytes.count)
            session.receive(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), into: &output, until: outputLimit)
            answersDue = session.hasPending
            if session.mustClose {  // an unparseable header block: answer it, then close
                stopReading()
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

    private func stopReading() {
        reading = false
        unframed = []
    }

    private func abandon() {
        reading = false
        unframed = []
        output = []
        written = 0
        session.discardPending()
        answersDue = false
    }
}
