import JSONRPC

/// Turns frame events into framed responses, within the session's output limit.
///
/// What cannot be answered now waits here: a batch's remaining members (with a copy of
/// its message, from which they are parsed as they run) and the messages framed after the
/// output passed its limit, as bytes. The transport frames no more input while anything
/// waits, so this holds at most one read's worth of messages besides the batch.
struct Responder {
    let dispatcher: Dispatcher
    private var writer: JSONWriter
    private(set) var fatal = false
    private var batch: BatchInProgress?
    private var queue: [(event: QueuedEvent, framing: Framing)] = []
    private var queueStart = 0
    /// A large message was answered or put aside: free heap is to be trimmed once the
    /// framer has let go of its buffer too (`trimIfDue`).
    private var trimDue = false

    /// How much of a batch's answer is written at a time before it is moved to the output.
    static let stepBytes = 1 << 16
    /// A writer grown past this by a large answer is let go, so an idle connection does not
    /// keep it.
    static let keptWriterBytes = 1 << 16
    /// After a message this large, free heap is handed back to the kernel (`Allocator`).
    static let trimAfterBytes = 1 << 18

    private struct BatchInProgress {
        var batch: Dispatcher.Batch
        let message: [UInt8]
        let framing: Framing
        /// Content-Length framing: body bytes announced and not written yet.
        var bodyLeft = 0
        /// Content-Length framing, until the header is out: the answer being counted.
        var counting: Counting?
    }

    /// A Content-Length batch too large to hold is run once to count its answer, a step at
    /// a time like the writing (a 1 MiB batch takes 130 ms to count: other clients of the
    /// loop are served in between), holding only the part written before counting began.
    private struct Counting {
        var counter: Dispatcher.Batch
        var total: Int
        let written: [UInt8]
    }

    private enum QueuedEvent {
        case message([UInt8])
        case malformed(String)
        case oversized(Int)
        case fatal(String)

        init(_ event: FrameEvent) {
            switch event {
            case .message(let bytes): self = .message(Array(bytes))
            case .malformed(let reason): self = .malformed(reason)
            case .oversized(let size): self = .oversized(size)
            case .fatal(let reason): self = .fatal(reason)
            }
        }
    }

    init(dispatcher: Dispatcher, capacity: Int = 4096) {
        self.dispatcher = dispatcher
        writer = JSONWriter(capacity: capacity)
    }

    var hasPending: Bool { batch != nil || queueStart < queue.count }
    var unansweredMessages: Int { (batch == nil ? 0 : 1) + queue.count - queueStart }

    mutating func handle(_ event: FrameEvent, framing: Framing, into output: inout [UInt8], until limit: Int) {
        guard !hasPending && output.count < limit else { return enqueue(event, framing: framing) }
        switch event {
        case .message(let bytes): answer(bytes, framing: framing, into: &output, until: limit)
        case .malformed(let reason): answerError(.parseError(reason: reason), framing: framing, into: &output)
        case .oversized(let size): answerError(.invalidRequest(reason: Responder.oversized(size)), framing: framing, into: &output)
        case .fatal(let reason):
            answerError(.invalidRequest(reason: reason), framing: framing, into: &output)
            fatal = true
        }
    }

    @inline(never)  // rare: kept out of the path every message takes
    private mutating func enqueue(_ event: FrameEvent, framing: Framing) {
        queue.append((QueuedEvent(event), framing))
    }

    mutating func resume(into output: inout [UInt8], until limit: Int) {
        while output.count < limit && !fatal {
            if batch != nil {
                continueBatch(into: &output, until: limit)
                continue
            }
            guard queueStart < queue.count else { break }
            let (event, framing) = queue[queueStart]
            queueStart += 1
            if queueStart == queue.count {
                queue = []
                queueStart = 0
            }
            switch event {
            case .message(let bytes):
                bytes.withUnsafeBytes { answer($0, framing: framing, into: &output, until: limit) }
            case .malformed(let reason): answerError(.parseError(reason: reason), framing: framing, into: &output)
            case .oversized(let size): answerError(.invalidRequest(reason: Responder.oversized(size)), framing: framing, into: &output)
            case .fatal(let reason):
                answerError(.invalidRequest(reason: reason), framing: framing, into: &output)
                fatal = true
            }
        }
        if fatal { discardPending() }
    }

    mutating func discardPending() {
        if let batch, batch.message.count >= Responder.trimAfterBytes { trimDue = true }
        batch = nil
        queue = []
        queueStart = 0
    }

    /// Hands the heap a large message left free back to the kernel (see `Allocator`).
    mutating func trimIfDue() {
        guard trimDue else { return }
        trimDue = false
        Allocator.releaseFreeMemory()
    }

    private static func oversized(_ size: Int) -> String {
        "message of \(size) bytes is over the limit (--max-message-bytes)"
    }

    private mutating func answerError(_ error: RPCError, framing: Framing, into output: inout [UInt8]) {
        writer.reset()
        Dispatcher.writeError(error, id: .null, into: &writer)
        emit(framing: framing, into: &output)
    }

    @inline(__always)
    private mutating func answer(_ message: UnsafeRawBufferPointer, framing: Framing, into output: inout [UInt8],
                                 until limit: Int) {
        writer.reset()
        // Content-Length needs the answer's size up front: a batch too large to hold is run
        // once to count it, so its methods must answer the same way twice.
        switch dispatcher.begin(message, into: &writer) {
        case .none: break
        case .answer: emit(framing: framing, into: &output)
        case .batch(let membersAt):
            let started = dispatcher.batch(membersAt: membersAt, repeatable: framing == .headers)
            startBatch(started, message: message, framing: framing, into: &output, until: limit)
        }
        if writer.capacity > Responder.keptWriterBytes || message.count >= Responder.trimAfterBytes {
            afterLargeMessage(message.count)
        }
    }

    @inline(never)  // rare: kept out of the path every message takes
    private mutating func afterLargeMessage(_ size: Int) {
        releaseLargeWriter()
        if size >= Responder.trimAfterBytes { trimDue = true }
    }

    private mutating func startBatch(_ started: Dispatcher.Batch, message: UnsafeRawBufferPointer, framing: Framing,
                                     into output: inout [UInt8], until limit: Int) {
        var progress = started
        var counting: Counting?
        switch framing {
        case .stream:
            while !progress.isFinished && output.count < limit {
                writer.reset()
                progress.step(message, into: &writer, until: min(limit - output.count, Responder.stepBytes))
                writer.withBytes { output.append(contentsOf: $0) }
            }
            if progress.isFinished {
                if progress.answered { output.append(0x0A) }
                return
            }
        case .headers:
            // Whole when it fits (then exactly as a single answer); otherwise the rest is
            // counted, then what was written goes out after a header with the total, and the
            // rest follows as it drains.
            progress.step(message, into: &writer, until: max(limit - output.count, 1))
            if progress.isFinished {
                if progress.answered { emit(framing: .headers, into: &output) }
                return
            }
            counting = Counting(counter: progress, total: writer.count, written: writer.bytes)
        }
        batch = BatchInProgress(batch: progress, message: Array(message), framing: framing, counting: counting)
    }

    /// Counts one step of a Content-Length batch's answer; once all of it is counted,
    /// writes the header and what was written before counting began.
    private mutating func count(_ progress: inout BatchInProgress, into output: inout [UInt8]) {
        guard var counting = progress.counting else { return }
        writer.reset()
        progress.message.withUnsafeBytes { counting.counter.step($0, into: &writer, until: Responder.stepBytes) }
        counting.total += writer.count
        releaseLargeWriter()
        guard counting.counter.isFinished else {
            progress.counting = counting
            return
        }
        output.append(contentsOf: "Content-Length: \(counting.total)\r\n\r\n".utf8)
        output.append(contentsOf: counting.written)
        progress.bodyLeft = counting.total - counting.written.count
        progress.counting = nil
    }

    private mutating func continueBatch(into output: inout [UInt8], until limit: Int) {
        guard var progress = batch else { return }
        batch = nil
        if progress.counting != nil {
            count(&progress, into: &output)
            batch = progress
            return
        }
        writer.reset()
        progress.message.withUnsafeBytes {
            progress.batch.step($0, into: &writer, until: min(limit - output.count, Responder.stepBytes))
        }
        writer.withBytes { output.append(contentsOf: $0) }
        progress.bodyLeft -= writer.count
        releaseLargeWriter()
        guard progress.batch.isFinished else {
            batch = progress
            return
        }
        switch progress.framing {
        case .stream: if progress.batch.answered { output.append(0x0A) }
        // Counted and written by the same repeatable methods, so this cannot be off; if it
        // were, the stream could no longer be framed: close rather than send a wrong length.
        case .headers where progress.bodyLeft != 0: fatal = true
        case .headers: break
        }
        if progress.message.count >= Responder.trimAfterBytes { trimDue = true }
    }

    @inline(__always)
    private mutating func emit(framing: Framing, into output: inout [UInt8]) {
        switch framing {
        case .stream:
            writer.withBytes { output.append(contentsOf: $0) }
            output.append(0x0A)
        case .headers:
            output.append(contentsOf: "Content-Length: \(writer.count)\r\n\r\n".utf8)
            writer.withBytes { output.append(contentsOf: $0) }
        }
    }

    private mutating func releaseLargeWriter() {
        if writer.capacity > Responder.keptWriterBytes { writer = JSONWriter(capacity: 4096) }
    }
}
