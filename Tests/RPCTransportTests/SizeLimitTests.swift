import RPCTransport
import Testing

/// `--max-message-bytes` counts the bytes of one JSON text; an oversized text is reported,
/// skipped without being held, and the connection goes on.
@Suite struct SizeLimitTests {
    /// `{"a":"xxx…"}` of exactly `count` bytes.
    private func text(bytes count: Int) -> String {
        precondition(count >= 8)
        return #"{"a":""# + String(repeating: "x", count: count - 8) + #""}"#
    }

    @Test func aTextOfExactlyTheLimitPassesAndOneMoreIsOversized() {
        let limit = 100
        let fits = text(bytes: limit), tooBig = text(bytes: limit + 1)
        #expect(fits.utf8.count == 100)
        let framed = frameEverySplit(fits + "\n" + tooBig + "\n{\"next\":1}\n", maxMessageBytes: limit)
        #expect(framed.all == [.message(fits), .oversized(101), .message(#"{"next":1}"#)])
    }

    @Test func lineEndsAndWhiteSpaceAroundATextDoNotCount() {
        let fits = text(bytes: 50)
        #expect(frameEverySplit("\r\n   " + fits + "   \r\n", maxMessageBytes: 50).all == [.message(fits)])
    }

    @Test func nonASCIICountsBytes() {
        let text = #"{"a":"ññ"}"#  // 10 characters, 12 bytes
        #expect(frameEverySplit(text, maxMessageBytes: 12).all == [.message(text)])
        #expect(frameEverySplit(text, maxMessageBytes: 11).all == [.oversized(12)])
    }

    @Test func oversizedTopLevelScalarsAndNumbers() {
        #expect(frameEverySplit("123456789 1\n", maxMessageBytes: 8).all == [.oversized(9), .message("1")])
        #expect(frameEverySplit("123456789", maxMessageBytes: 8).all == [.oversized(9)])
        #expect(frameEverySplit("\"abcdefgh\"\n[]\n", maxMessageBytes: 8).all == [.oversized(10), .message("[]")])
    }

    @Test func aBatchCountsAsOneMessage() {
        let member = #"{"jsonrpc":"2.0","method":"ping","id":1}"#  // 41 bytes
        let batch = "[" + member + "," + member + "]"
        #expect(frameEverySplit(batch + "\n", maxMessageBytes: 60).all == [.oversized(batch.utf8.count)])
        #expect(frameEverySplit(batch + "\n", maxMessageBytes: batch.utf8.count).all == [.message(batch)])
    }

    /// Oversized and broken: "oversized" wins, however the bytes arrive (one push of the whole
    /// text used to say "malformed" where byte-by-byte pushes said "oversized").
    @Test func anOversizedBrokenTextIsOversizedHoweverItIsSplit() {
        let framed = frameEverySplit(#"{"a":"xxxxxxxxxxxx",}"# + "\n{}\n", maxMessageBytes: 10)
        #expect(framed.all == [.oversized(20), .message("{}")])
        #expect(frameEverySplit("[1,2,3,4,5,6x\n{}\n", maxMessageBytes: 10).all == [.oversized(12), .message("{}")])
        #expect(frameEverySplit("\"0123456789\":\n{}\n", maxMessageBytes: 10).all == [.oversized(12), .message("{}")])
        #expect(frameEverySplit("[1,2,3,4,5,6", maxMessageBytes: 10).all == [.oversized(12)])
        // Within the limit it is just malformed.
        #expect(frameEverySplit("[1,x\n", maxMessageBytes: 10).all == [.malformed("unexpected character")])
    }

    @Test func aLimitOfOneByte() {
        #expect(frameEverySplit("1 22 [] 3\n", maxMessageBytes: 1).all
            == [.message("1"), .oversized(2), .oversized(2), .message("3")])
    }

    /// 50 MB of one string pushed in 64 KiB chunks, as a socket delivers it: the framer
    /// reports it once, never keeps it, and serves the next message.
    @Test func fiftyMegabytesAreSkippedNotHeld() {
        let chunkSize = 1 << 16, chunkCount = 800  // 52,428,800 bytes
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: chunkSize)
        let head = Array(#"{"a":""#.utf8), tail = Array("\"}\n{\"next\":1}\n".utf8)
        var framer = Framer(maxMessageBytes: 1 << 20)
        var events: [Event] = []
        let record = { (event: FrameEvent, _: Framing) in events.append(Event(event)) }
        var peakHeld = 0
        framer.push(head, record)
        for _ in 0..<chunkCount {
            framer.push(filler, record)
            peakHeld = max(peakHeld, framer.bufferedBytes)
        }
        framer.push(tail, record)
        framer.finish(record)
        #expect(events == [.oversized(head.count + chunkSize * chunkCount + 2), .message(#"{"next":1}"#)])
        // Holding the text would take 50 MB; the limit is 1 MiB, and a buffer may double once
        // before the framer gives it up. (The end-to-end tests watch the server's real RSS.)
        #expect(peakHeld <= 2 << 20, "the framer held \(peakHeld) bytes")
    }
}
