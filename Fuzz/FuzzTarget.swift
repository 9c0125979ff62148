import ContpaqiUpgradeService
import JSONRPC
import RPCTransport

/// libFuzzer entry point: the bytes a client could send, through everything they reach.
///
/// The first byte picks how the input is cut into reads (framers must give the same answer
/// however the bytes arrive); the rest goes through the framer, the envelope decoder, the
/// dispatcher and every method's params decoding, as on a real connection, then again
/// within a small output limit, resumed as a transport resumes it. Any trap, memory error
/// or unbounded growth is a finding.
/// Message-IDs are random on every call (RFC 5322 §3.6.4): here one constant id, so that the
/// answers to the pieces and to the whole input can be compared byte for byte.
let dispatcher = ContpaqiUpgradeService.dispatcher(clock: .fixed(.init(rfc3339: "2026-01-15T10:00:00-06:00")!),
                                                   messageIDs: MessageIDSource { (0, 0) })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    // Bit 4 makes reads of 1 to 16 bytes instead of 7 to 112: one-byte reads are where the
    // stream scanner must carry, across reads, whether a line holds only blanks so far.
    let chunk = (Int(data[0] % 16) + 1) * (data[0] & 0x10 == 0 ? 7 : 1)
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    var session = RPCSession(dispatcher: dispatcher, maxMessageBytes: 4096)
    var output: [UInt8] = []
    var offset = 0
    while offset < input.count {
        let end = min(input.count, offset + chunk * 7)
        session.receive(UnsafeRawBufferPointer(rebasing: input[offset..<end]), into: &output)
        offset = end
        if output.count > 1 << 20 { output.removeAll(keepingCapacity: true) }
    }
    session.finish(into: &output)
    // The whole input at once must give the same answers as the pieces.
    var whole = RPCSession(dispatcher: dispatcher, maxMessageBytes: 4096)
    var wholeOutput: [UInt8] = []
    whole.receive(input, into: &wholeOutput)
    whole.finish(into: &wholeOutput)
    if input.count <= 1 << 16 && output.count < 1 << 20 && output != wholeOutput {
        fatalError("framing depends on how the bytes were cut into reads")
    }
    // Answered within a small output limit, the rest resumed as the output drains (as a
    // transport does before framing more), it must still be the same bytes: batches split
    // into steps, Content-Length batches counted then written, queued messages in order.
    let limit = Int(data[0] >> 5) * 97 + 1
    var stepped = RPCSession(dispatcher: dispatcher, maxMessageBytes: 4096)
    var steppedOutput: [UInt8] = []
    var unsent: [UInt8] = []
    offset = 0
    while offset <= input.count {
        if offset < input.count {
            let end = min(input.count, offset + chunk * 7)
            stepped.receive(UnsafeRawBufferPointer(rebasing: input[offset..<end]), into: &unsent, until: limit)
            offset = end
        } else {
            stepped.finish(into: &unsent, until: limit)
            offset += 1
        }
        steppedOutput += unsent
        unsent.removeAll(keepingCapacity: true)
        while stepped.hasPending {
            stepped.resume(into: &unsent, until: limit)
            steppedOutput += unsent
            unsent.removeAll(keepingCapacity: true)
        }
        if steppedOutput.count > 1 << 20 { steppedOutput.removeAll(keepingCapacity: true) }
    }
    if input.count <= 1 << 16 && wholeOutput.count < 1 << 20 && steppedOutput != wholeOutput {
        fatalError("answers depend on the output limit they were written within")
    }
    return 0
}
