import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import RPCTransport
import Testing

/// A client that reads everything after each call, against a session that may add at most
/// `limit` bytes past what was read: as a transport drives it, pending answers are resumed
/// before more input is given. Returns what the client read and the most it ever had to.
private func converse(_ input: [UInt8], limit: Int, split: Split = .whole) -> (output: String, mostUnsent: Int, mustClose: Bool) {
    var table = MethodTable()
    table.register(SayHandler())
    table.register(PingHandler())
    var session = RPCSession(dispatcher: Dispatcher(table: table), maxMessageBytes: 1 << 20)
    var output: [UInt8] = [], read: [UInt8] = [], mostUnsent = 0
    func drain() {
        mostUnsent = max(mostUnsent, output.count)
        read += output
        output.removeAll()
        while session.hasPending {
            session.resume(into: &output, until: limit)
            mostUnsent = max(mostUnsent, output.count)
            read += output
            output.removeAll()
        }
    }
    input.withUnsafeBytes { raw in
        for range in split.chunks(of: raw.count) {
            session.receive(UnsafeRawBufferPointer(rebasing: raw[range]), into: &output, until: limit)
            drain()
        }
    }
    session.finish(into: &output, until: limit)
    drain()
    return (String(decoding: read, as: UTF8.self), mostUnsent, session.mustClose)
}

private func converse(_ input: String, limit: Int, split: Split = .whole) -> (output: String, mostUnsent: Int, mustClose: Bool) {
    converse(Array(input.utf8), limit: limit, split: split)
}

/// Unsent answers stay within the limit plus one answer, batches included, and the bytes
/// are those of answering everything at once.
@Suite struct ProgressiveAnswerTests {
    /// The largest single answer below: a `say` of 300 characters, and its framing.
    private let largestAnswer = 400

    private func batch(_ count: Int, from first: Int = 0) -> String {
        let members = (first..<first + count).map { index -> String in
            switch index % 5 {
            case 0: #"{"jsonrpc":"2.0","method":"say","params":{"text":"\#(String(repeating: "é", count: index % 150))"},"id":\#(index)}"#
            case 1: #"{"jsonrpc":"2.0","method":"ping"}"#
            case 2: #"{"jsonrpc":"2.0","method":"nope","id":\#(index)}"#
            case 3: "[]"
            default: #"{"jsonrpc":"2.0","method":"ping","id":"\#(index)"}"#
            }
        }
        return "[" + members.joined(separator: ",") + "]"
    }

    private var streamInput: String {
        batch(200) + "\n" + #"{"jsonrpc":"2.0","method":"ping","id":"after"}"# + "\n" + batch(50, from: 1000) + "\n{oops\n"
            + "[" + #"{"jsonrpc":"2.0","method":"ping"}"# + "]\n" + #"{"jsonrpc":"2.0","method":"ping","id":"last"}"#
    }

    private var headersInput: String {
        [batch(200), #"{"jsonrpc":"2.0","method":"ping","id":"after"}"#, batch(50, from: 1000), "{oops",
         #"{"jsonrpc":"2.0","method":"ping","id":"last"}"#]
            .map { "Content-Length: \($0.utf8.count)\r\n\r\n" + $0 }.joined()
    }

    @Test(arguments: [1, 100, 1000, 4096])
    func streamAnswersAreTheSameBytesWithinTheLimit(_ limit: Int) {
        let whole = converse(streamInput, limit: .max).output
        #expect(whole.hasSuffix(#"{"jsonrpc":"2.0","id":"last","result":"pong"}"# + "\n"))
        for split in [Split.whole, .random(seed: 7)] {
            let result = converse(streamInput, limit: limit, split: split)
            #expect(result.output == whole, "limit \(limit), \(split)")
            #expect(result.mostUnsent <= limit + largestAnswer, "limit \(limit), \(split)")
        }
    }

    /// A Content-Length batch too large to hold is counted first, then written as it drains:
    /// the header announces exactly the body that follows.
    @Test(arguments: [1, 100, 1000, 4096])
    func headerFramedAnswersAreTheSameBytesWithinTheLimit(_ limit: Int) {
        let whole = converse(headersInput, limit: .max).output
        #expect(whole.hasPrefix("Content-Length: "))
        for split in [Split.whole, .random(seed: 7)] {
            let result = converse(headersInput, limit: limit, split: split)
            #expect(result.output == whole, "limit \(limit), \(split)")
            #expect(result.mostUnsent <= limit + largestAnswer + 30, "limit \(limit), \(split)")
            #expect(!result.mustClose)
        }
    }

    @Test func aBatchOfNotificationsSendsNothingEvenInSteps() {
        let silent = "[" + Array(repeating: #"{"jsonrpc":"2.0","method":"ping"}"#, count: 100).joined(separator: ",") + "]"
        let next = #"{"jsonrpc":"2.0","method":"ping","id":1}"#
        #expect(converse(silent + "\n" + next + "\n", limit: 1).output == #"{"jsonrpc":"2.0","id":1,"result":"pong"}"# + "\n")
        #expect(converse("Content-Length: \(silent.utf8.count)\r\n\r\n" + silent, limit: 1).output == "")
    }

    @Test func everyMemberOfALargeBatchIsAnswered() {
        // Far more answer than the limit: nothing is refused, every id comes back in order.
        let count = 5000
        let members = (0..<count).map { #"{"jsonrpc":"2.0","method":"ping","id":\#($0)}"# }
        let result = converse("[" + members.joined(separator: ",") + "]\n", limit: 1000)
        let expected = (0..<count).map { #"{"jsonrpc":"2.0","id":\#($0),"result":"pong"}"# }
        #expect(result.output == "[" + expected.joined(separator: ",") + "]\n")
        #expect(result.mostUnsent <= 1000 + 64)
    }

    @Test func aFatalHeaderWaitingBehindABatchIsAnsweredInTurnThenCloses() {
        let big = batch(100)
        let input = "Content-Length: \(big.utf8.count)\r\n\r\n" + big + "Content-Length: -1\r\n\r\n"
            + "Content-Length: 40\r\n\r\n" + #"{"jsonrpc":"2.0","method":"ping","id":2}"#
        let whole = converse(input, limit: .max)
        let stepped = converse(input, limit: 10)
        #expect(whole.mustClose && stepped.mustClose)
        #expect(stepped.output == whole.output)
        #expect(whole.output.hasSuffix(#""data":{"reason":"Content-Length must be a non-negative decimal number"}}}"#))
    }

    @Test func pendingWorkIsDroppedWhenTheClientIsGone() {
        var table = MethodTable()
        table.register(PingHandler())
        var session = RPCSession(dispatcher: Dispatcher(table: table), maxMessageBytes: 1 << 20)
        var output: [UInt8] = []
        let input = batch(100) + "\n" + #"{"jsonrpc":"2.0","method":"ping","id":1}"# + "\n"
        Array(input.utf8).withUnsafeBytes { session.receive($0, into: &output, until: 10) }
        #expect(session.hasPending && session.unansweredMessages == 2)
        session.discardPending()
        #expect(!session.hasPending && session.unansweredMessages == 0)
    }
}
