import RPCTransport
import Testing

/// LSP-style framing (the first byte is `C` or `c`): `Content-Length` headers, a blank line,
/// then exactly that many bytes.
@Suite struct HeaderFramingTests {
    private func framed(_ body: String, name: String = "Content-Length", extra: [String] = []) -> String {
        ([name + ": \(body.utf8.count)"] + extra).joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    @Test(arguments: ["Content-Length", "content-length", "CONTENT-LENGTH", "cOnTeNt-LeNgTh"])
    func headerNamesAreCaseInsensitive(_ name: String) {
        let result = frameEverySplit(framed(#"{"a":1}"#, name: name) + framed("[2]", name: name))
        #expect(result.framing == .headers)
        #expect(result.all == [.message(#"{"a":1}"#), .message("[2]")])
    }

    @Test func otherHeadersAreIgnored() {
        let input = framed("{}", extra: ["Content-Type: application/vscode-jsonrpc; charset=utf-8"])
            + "Content-Type: application/json\r\nX-Whatever:\r\n" + framed("[]")
        #expect(frameEverySplit(input).all == [.message("{}"), .message("[]")])
    }

    @Test func lengthCountsBytesNotCharacters() {
        let body = #"{"method":"método-ñ-😀-日本"}"#
        #expect(body.utf8.count != body.count)
        #expect(frameEverySplit(framed(body) + framed("1")).all == [.message(body), .message("1")])
    }

    @Test func manyMessagesBackToBackAndBlankLinesBetween() {
        let bodies = (0..<20).map { #"{"id":\#($0),"pad":""# + String(repeating: "é", count: $0) + #""}"# }
        let input = bodies.map { framed($0) }.joined(separator: "") + "\r\n" + framed("{}")
        #expect(frameEverySplit(input).all == bodies.map { .message($0) } + [.message("{}")])
    }

    @Test func theBodyNeedNotBeJSONToTheFramer() {
        // Framing is by length only; the dispatcher reports what the body is.
        #expect(frameEverySplit(framed("not json\n{")).all == [.message("not json\n{")])
        #expect(frameEverySplit("Content-Length: 0\r\n\r\n" + framed("{}")).all == [.message(""), .message("{}")])
    }

    @Test func spacesAroundTheValue() {
        #expect(frameEverySplit("Content-Length:2\r\n\r\n{}").all == [.message("{}")])
        #expect(frameEverySplit("Content-Length: \t 2 \t\r\n\r\n{}").all == [.message("{}")])
        #expect(frameEverySplit("content-length: 2\r\ncontent-length: 2\r\n\r\n{}").all == [.message("{}")])
    }

    @Test func bareLineFeedsAreAccepted() {
        #expect(frameEverySplit("Content-Length: 2\n\n{}" + "Content-Length: 3\nContent-Type: x\n\n[1]").all
            == [.message("{}"), .message("[1]")])
        // Mixed line ends in one block.
        #expect(frameEverySplit("Content-Length: 2\r\n\n{}Content-Length: 2\n\r\n[]").all
            == [.message("{}"), .message("[]")])
    }

    @Test func leadingWhiteSpaceThenHeaders() {
        let result = frameEverySplit("\r\n  " + framed("{}"))
        #expect(result.framing == .headers)
        #expect(result.all == [.message("{}")])
    }

    @Test func aLengthOverTheLimitIsOversizedAndTheBodySkipped() {
        let big = #"{"a":""# + String(repeating: "x", count: 100) + #""}"#
        let input = framed(big) + framed(#"{"next":1}"#)
        #expect(frameEverySplit(input, maxMessageBytes: 50).all == [.oversized(108), .message(#"{"next":1}"#)])
        // Exactly the limit passes.
        #expect(frameEverySplit(input, maxMessageBytes: 108).all == [.message(big), .message(#"{"next":1}"#)])
        #expect(frameEverySplit(input, maxMessageBytes: 107).all == [.oversized(108), .message(#"{"next":1}"#)])
    }

    @Test func anOversizedLengthIsReportedBeforeItsBodyArrives() {
        // The body may never come (or take a long time): the error does not wait for it.
        let result = frameEverySplit("Content-Length: 5000000\r\n\r\n{", maxMessageBytes: 1000)
        #expect(result.pushed == [.oversized(5_000_000)])
        #expect(result.finished.isEmpty)
    }

    @Test func eighteenDigitsAreALength() {
        let eighteen = String(repeating: "9", count: 18)
        // Over the limit: reported, and the rest of the input is that body being skipped.
        #expect(frameEverySplit("Content-Length: \(eighteen)\r\n\r\n{}" + framed("{}")).all
            == [.oversized(999_999_999_999_999_999)])
        // Leading zeros count as digits and do not change the value.
        let padded = "Content-Length: " + String(repeating: "0", count: 17) + "2\r\n\r\n{}"
        #expect(frameEverySplit(padded + framed("[]")).all == [.message("{}"), .message("[]")])
    }

    /// A longer length could only be skipped as a body that swallows the rest of the
    /// connection; it is an unparseable header block instead, and the connection ends.
    @Test(arguments: [19, 20, 21, 400])
    func moreThanEighteenDigitsAreFatal(_ count: Int) {
        let reason = "Content-Length has more than 18 digits"
        let nines = "Content-Length: " + String(repeating: "9", count: count) + "\r\n\r\n{}"
        #expect(frameEverySplit(nines + framed("{}")).all == [.fatal(reason)])
        let zeros = "Content-Length: " + String(repeating: "0", count: count - 1) + "2\r\n\r\n{}"
        #expect(frameEverySplit(zeros + framed("{}")).all == [.fatal(reason)])
    }

    @Test(arguments: [
        ("Content-Type: application/json\r\n\r\n{}", "missing Content-Length header"),
        ("Content-Length: -2\r\n\r\n{}", "Content-Length must be a non-negative decimal number"),
        ("Content-Length: two\r\n\r\n{}", "Content-Length must be a non-negative decimal number"),
        ("Content-Length: \r\n\r\n{}", "Content-Length must be a non-negative decimal number"),
        ("Content-Length: +2\r\n\r\n{}", "Content-Length must be a non-negative decimal number"),
        ("Content-Length: 2x\r\n\r\n{}", "Content-Length must be a non-negative decimal number"),
        ("Content-Length: 1 2\r\n\r\n{}", "Content-Length must be a non-negative decimal number"),
        ("Content-Length: 0x10\r\n\r\n{}", "Content-Length must be a non-negative decimal number"),
        ("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "conflicting Content-Length headers"),
        ("Content-Length 2\r\n\r\n{}", "header line without ':'"),
        ("Content\r-Length: 2\r\n\r\n{}", "missing Content-Length header"),
        ("Content-Length : 2\r\n\r\n{}", "missing Content-Length header"),
    ])
    func anUnparsableHeaderBlockIsFatal(_ input: String, _ reason: String) {
        let result = frameEverySplit(input + framed("{}"))
        #expect(result.all == [.fatal(reason)], "nothing after a fatal error is read")
    }

    @Test func aCarriageReturnIsNotADashInAHeaderName() {
        // "Content\rLength" differs from "Content-Length" only in a byte that ORs to "-".
        #expect(frameEverySplit("Content\rLength: 2\r\nX: y\r\n\r\n{}").all == [.fatal("missing Content-Length header")])
    }

    @Test func aHeaderBlockOver8KiBIsFatal() {
        let padding = "X-Padding: " + String(repeating: "p", count: 8200) + "\r\n"
        #expect(frameEverySplit("Content-Length: 2\r\n" + padding + "\r\n{}").all
            == [.fatal("header block longer than 8192 bytes")])
        // A header that never ends is cut off at the same point.
        let endless = "Content-Length: 2" + String(repeating: " ", count: 100_000)
        #expect(frame(Array(endless.utf8), split: .whole).all == [.fatal("header block longer than 8192 bytes")])
    }

    @Test func aHeaderBlockOfExactly8KiBIsRead() {
        let start = "Content-Length: 2\r\nX: ", end = "\r\n\r\n"
        let block = start + String(repeating: "p", count: 8192 - start.utf8.count - end.utf8.count) + end
        #expect(block.utf8.count == 8192)
        #expect(frameEverySplit(block + "{}").all == [.message("{}")])
    }

    @Test func endOfInputInsideAMessage() {
        #expect(frameEverySplit("Content-Length: 10\r\n\r\n{\"a\"").all == [.malformed("unexpected end of input inside a message")])
        #expect(frameEverySplit("Content-Length: 10\r\n").all == [.malformed("unexpected end of input inside a message")])
        #expect(frameEverySplit(framed("{}") + "\r\n").all == [.message("{}")])
    }

    @Test func lowerCaseCStartsHeaderFramingAndAnythingElseStreamFraming() {
        #expect(frameEverySplit("content-length: 2\r\n\r\n{}").framing == .headers)
        #expect(frameEverySplit("x\n{}\n").framing == .stream)
        #expect(frameEverySplit("x\n{}\n").all == [.malformed("unexpected character"), .message("{}")])
        #expect(frameEverySplit("[]").framing == .stream)
    }

    /// A declared 50 MB body, pushed in 64 KiB chunks: reported at once, skipped as it
    /// arrives, never held; the next message is delivered.
    @Test func fiftyMegabyteBodyIsSkippedNotHeld() {
        let chunkSize = 1 << 16, chunkCount = 800
        var framer = Framer(maxMessageBytes: 1 << 20)
        var events: [Event] = []
        let record = { (event: FrameEvent, _: Framing) in events.append(Event(event)) }
        framer.push(Array("Content-Length: \(chunkSize * chunkCount)\r\n\r\n".utf8), record)
        #expect(events == [.oversized(chunkSize * chunkCount)])
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: chunkSize)
        var peakHeld = 0
        for _ in 0..<chunkCount {
            framer.push(filler, record)
            peakHeld = max(peakHeld, framer.bufferedBytes)
        }
        framer.push(Array("Content-Length: 2\r\n\r\n{}".utf8), record)
        #expect(events == [.oversized(chunkSize * chunkCount), .message("{}")])
        #expect(peakHeld < 1 << 16, "the framer held \(peakHeld) bytes of a body it skips")
    }
}
