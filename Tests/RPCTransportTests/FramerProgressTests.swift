import JSONRPC
import RPCTransport
import Testing

/// What --read-timeout asks of the framer and the session: whether a message is in
/// progress, and how many have ended, however the bytes are split.
@Suite struct FramerProgressTests {
    private func framer(after chunks: [String]) -> Framer {
        var framer = Framer(maxMessageBytes: 64)
        for chunk in chunks { framer.push(Array(chunk.utf8)) { _, _ in } }
        return framer
    }

    private func session(after chunks: [String]) -> RPCSession {
        var session = RPCSession(dispatcher: Dispatcher(table: MethodTable()), maxMessageBytes: 64)
        var output: [UInt8] = []
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBytes { session.receive($0, into: &output) }
        }
        return session
    }

    @Test func aStreamTextIsInProgressUntilItsLastByte() {
        #expect(!framer(after: []).isMidMessage)
        #expect(!framer(after: [" \n\t"]).isMidMessage)
        #expect(framer(after: [#"{"id":"#]).isMidMessage)
        #expect(!framer(after: [#"{"id":"#, "1}\n"]).isMidMessage)
        let whole = session(after: [#"{"id":"#, "1}\n"])
        #expect(!whole.isMidMessage && whole.messagesEnded == 1)
    }

    @Test func oneChunkCanEndATextAndBeginTheNext() {
        let session = session(after: [#"{"id":"#, #"1}{"id":2}[1"#])
        #expect(session.isMidMessage && session.messagesEnded == 2)
    }

    @Test func aBrokenLineIsInProgressUntilItsLineEnds() {
        let broken = session(after: ["{x"])
        #expect(broken.isMidMessage && broken.messagesEnded == 1)
        #expect(!framer(after: ["{x", " more\n"]).isMidMessage)
    }

    @Test func aHeaderBlockItsBodyAndASkippedBodyAreInProgress() {
        #expect(framer(after: ["Content-Length: 2\r\n"]).isMidMessage)
        #expect(framer(after: ["Content-Length: 2\r\n\r\n{"]).isMidMessage)
        let whole = session(after: ["Content-Length: 2\r\n\r\n{", "}"])
        #expect(!whole.isMidMessage && whole.messagesEnded == 1)
        let skipping = session(after: ["Content-Length: 100\r\n\r\n{"])
        #expect(skipping.isMidMessage && skipping.messagesEnded == 1)
    }

    @Test func theEndOfInputEndsTheTextInProgress() {
        var session = session(after: ["[1,"])
        var output: [UInt8] = []
        session.finish(into: &output)
        #expect(!session.isMidMessage && session.messagesEnded == 1)
    }
}
