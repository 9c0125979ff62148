import RPCTransport
import Testing

/// What --read-timeout asks of the framer: whether a message is in progress, and how many
/// have ended, however the bytes are split.
@Suite struct FramerProgressTests {
    private func framer(after chunks: [String]) -> Framer {
        var framer = Framer(maxMessageBytes: 64)
        for chunk in chunks { framer.push(Array(chunk.utf8)) { _, _ in } }
        return framer
    }

    @Test func aStreamTextIsInProgressUntilItsLastByte() {
        #expect(!framer(after: []).isMidMessage)
        #expect(!framer(after: [" \n\t"]).isMidMessage)
        #expect(framer(after: [#"{"id":"#]).isMidMessage)
        let whole = framer(after: [#"{"id":"#, "1}\n"])
        #expect(!whole.isMidMessage && whole.messagesEnded == 1)
    }

    @Test func oneChunkCanEndATextAndBeginTheNext() {
        let framer = framer(after: [#"{"id":"#, #"1}{"id":2}[1"#])
        #expect(framer.isMidMessage && framer.messagesEnded == 2)
    }

    @Test func aBrokenLineIsInProgressUntilItsLineEnds() {
        let broken = framer(after: ["{x"])
        #expect(broken.isMidMessage && broken.messagesEnded == 1)
        #expect(!framer(after: ["{x", " more\n"]).isMidMessage)
    }

    @Test func aHeaderBlockItsBodyAndASkippedBodyAreInProgress() {
        #expect(framer(after: ["Content-Length: 2\r\n"]).isMidMessage)
        #expect(framer(after: ["Content-Length: 2\r\n\r\n{"]).isMidMessage)
        let whole = framer(after: ["Content-Length: 2\r\n\r\n{", "}"])
        #expect(!whole.isMidMessage && whole.messagesEnded == 1)
        let skipping = framer(after: ["Content-Length: 100\r\n\r\n{"])
        #expect(skipping.isMidMessage && skipping.messagesEnded == 1)
    }

    @Test func theEndOfInputEndsTheTextInProgress() {
        var framer = framer(after: ["[1,"])
        framer.finish { _, _ in }
        #expect(!framer.isMidMessage && framer.messagesEnded == 1)
    }
}
