import RPCTransport
import Testing

/// After a parse error the stream reader drops the rest of the line, except when the error is
/// a `{` or `[` opening its line: then the broken text was a truncated line and reading
/// resumes at that byte. Every input is framed whole, one byte at a time and in random chunks.
@Suite struct StreamResumeTests {
    private let next = #"{"jsonrpc":"2.0","id":2,"method":"getCatalog"}"#

    @Test func aTruncatedLineDoesNotCostTheRequestOnTheNextLine() {
        let truncated = #"{"jsonrpc":"2.0","id":1,"method":"getCatalog""#
        #expect(frameEverySplit(truncated + "\n" + next + "\n").all == [.malformed("expected ',' or '}'"), .message(next)])
        // Wherever the line was cut: before a key, before its colon, after a number.
        #expect(frameEverySplit(#"{"jsonrpc":"2.0","# + "\n" + next + "\n").all
            == [.malformed("expected a string key"), .message(next)])
        #expect(frameEverySplit(#"{"jsonrpc""# + "\n" + next + "\n").all == [.malformed("expected ':'"), .message(next)])
        #expect(frameEverySplit(#"{"id":1"# + "\n" + next + "\n").all == [.malformed("expected ',' or '}'"), .message(next)])
        #expect(frameEverySplit("{\n" + next + "\n").all == [.malformed("expected a string key"), .message(next)])
    }

    @Test func blanksBeforeTheOpeningByteStillMakeItTheLineStart() {
        #expect(frameEverySplit(#"{"id":1"# + "\r\n \t " + next + "\r\n").all
            == [.malformed("expected ',' or '}'"), .message(next)])
        #expect(frameEverySplit(#"{"id":1"# + "\n\n   \n" + next + "\n").all
            == [.malformed("expected ',' or '}'"), .message(next)])
    }

    @Test func aTruncatedBatchDoesNotCostTheRequestOnTheNextLine() {
        let batch = #"[{"jsonrpc":"2.0","id":1,"method":"getCatalog"}"#
        #expect(frameEverySplit(batch + "\n" + next + "\n").all == [.malformed("expected ',' or ']'"), .message(next)])
    }

    @Test func aLineOpeningWithABracketResumesToo() {
        let nextBatch = #"[{"jsonrpc":"2.0","id":2,"method":"getCatalog"}]"#
        #expect(frameEverySplit(#"{"id":1"# + "\n" + nextBatch + "\n").all
            == [.malformed("expected ',' or '}'"), .message(nextBatch)])
        #expect(frameEverySplit("[1,2\n[3]\n").all == [.malformed("expected ',' or ']'"), .message("[3]")])
    }

    /// The rule is about where the error is found, whatever it is.
    @Test func nestingTooDeepAtALineStartResumesThere() {
        let deep = String(repeating: "[", count: 128)
        #expect(frameEverySplit(deep + "\n[]\n").all == [.malformed("nesting deeper than 128 levels"), .message("[]")])
    }

    @Test func anErrorAfterOtherBytesOnItsLineStillDropsTheLine() {
        #expect(frameEverySplit(#"{"id":1 {"id":2}"# + "\n{}\n").all == [.malformed("expected ',' or '}'"), .message("{}")])
        #expect(frameEverySplit(#"{"id":1"# + "\nx" + next + "\n{}\n").all
            == [.malformed("expected ',' or '}'"), .message("{}")])
        #expect(frameEverySplit(#"{"id":1"# + "\n\"" + next + "\n{}\n").all
            == [.malformed("expected ',' or '}'"), .message("{}")])
    }

    /// Where a value belongs, a `{` opening a line is that value: pretty-printed JSON as
    /// `jq .` prints it. So a line cut after `:` takes the next line in, and the first line
    /// that opens with `{` where no value belongs ends that broken text.
    @Test func whereAValueBelongsABracketOpeningALineIsPartOfTheText() {
        let pretty = "{\n  \"jsonrpc\": \"2.0\",\n  \"params\":\n  {\n    \"list\":\n    [\n      {},\n      [\n      ]\n    ]\n  },\n  \"id\": 1\n}"
        let batch = "[\n  {\n    \"id\": 1\n  },\n  {\n    \"id\": 2\n  }\n]"
        #expect(frameEverySplit(pretty + "\n" + batch + "\n").all == [.message(pretty), .message(batch)])
        #expect(frameEverySplit(#"{"id":"# + "\n" + next + "\n" + next + "\n").all
            == [.malformed("expected ',' or '}'"), .message(next)])
    }

    @Test func aBrokenPrettyPrintedMessageStillCostsOneErrorPerRemainingLine() {
        let input = "{\n  \"id\": 1 x\n  \"method\": \"m\",\n  \"params\": {}\n}\n" + next + "\n"
        #expect(frameEverySplit(input).all == [
            .malformed("expected ',' or '}'"),
            .malformed("unexpected character after a JSON text"),
            .malformed("unexpected character after a JSON text"),
            .malformed("unexpected character"),
            .message(next),
        ])
    }

    @Test func anOversizedTruncatedLineIsOneOversizedError() {
        // The broken text's bytes up to the `{`, its line end included, as the size.
        let input = #"{"a":"0123456789012345678901""# + "\n" + #"{"b":1}"# + "\n"
        #expect(frameEverySplit(input, maxMessageBytes: 20).all == [.oversized(30), .message(#"{"b":1}"#)])
    }

    @Test func contentLengthFramingIsUnaffected() {
        let body = #"{"id":1"# + "\n" + #"{"id":2}"#
        let framed = frameEverySplit("Content-Length: \(body.utf8.count)\r\n\r\n\(body)Content-Length: 2\r\n\r\n{}")
        #expect(framed.framing == .headers)
        #expect(framed.all == [.message(body), .message("{}")])
    }
}
