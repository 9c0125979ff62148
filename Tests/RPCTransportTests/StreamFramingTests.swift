import RPCTransport
import Testing

/// Stream framing (the first byte is not `C`/`c`): JSON texts one after another. Every input
/// is framed whole, one byte at a time and in random chunks, and must give the same events.
@Suite struct StreamFramingTests {
    @Test func oneTextPerLine() {
        let framed = frameEverySplit("{\"a\":1}\n[2,{}]\n{\"b\":\"ñ\"}\n")
        #expect(framed.framing == .stream)
        #expect(framed.pushed == [.message(#"{"a":1}"#), .message("[2,{}]"), .message(#"{"b":"ñ"}"#)])
        #expect(framed.finished.isEmpty)
    }

    @Test func severalTextsOnOneLine() {
        #expect(frameEverySplit("{}{}\n").all == [.message("{}"), .message("{}")])
        #expect(frameEverySplit("{\"a\":1}[1]\n").all == [.message(#"{"a":1}"#), .message("[1]")])
        #expect(frameEverySplit("1 2\n").all == [.message("1"), .message("2")])
        #expect(frameEverySplit("[1] \t {\"x\":[]}  \"s\" null\n").all
            == [.message("[1]"), .message(#"{"x":[]}"#), .message(#""s""#), .message("null")])
        #expect(frameEverySplit("1[2]{}\"3\"-4\n").all
            == [.message("1"), .message("[2]"), .message("{}"), .message(#""3""#), .message("-4")])
    }

    @Test func prettyPrintedMultiLineTexts() {
        let request = """
            {
              "jsonrpc": "2.0",
              "method": "echo",
              "params": {
                "text": "a\\nb",
                "list": [
                  1,
                  2.5e-3
                ]
              },
              "id": 1
            }
            """
        let batch = "[\n  {\"id\": 1},\n  {\n    \"id\": 2\n  }\n]"
        let framed = frameEverySplit(request + "\n" + batch + "\n")
        #expect(framed.all == [.message(request), .message(batch)])
    }

    @Test func aContainerIsDeliveredAtItsClosingBracket() {
        // An interactive client may send no newline and wait for the answer.
        let framed = frameEverySplit(#"{"jsonrpc":"2.0","method":"ping","id":1}"#)
        #expect(framed.pushed == [.message(#"{"jsonrpc":"2.0","method":"ping","id":1}"#)])
        #expect(framed.finished.isEmpty)
    }

    @Test func aTopLevelNumberEndsOnlyAtTheNextByteOrAtEndOfInput() {
        let framed = frameEverySplit("42")
        #expect(framed.pushed.isEmpty)
        #expect(framed.finished == [.message("42")])
        #expect(frameEverySplit("-1.5e+3").finished == [.message("-1.5e+3")])
        #expect(frameEverySplit("0").finished == [.message("0")])
        #expect(frameEverySplit("{}\n7").all == [.message("{}"), .message("7")])
    }

    @Test func aTopLevelScalarIsHeldUntilTheLineGoesOn() {
        #expect(frameEverySplit(#""text""#).finished == [.message(#""text""#)])
        #expect(frameEverySplit("true").finished == [.message("true")])
        #expect(frameEverySplit("null  \n").pushed == [.message("null")])
        #expect(frameEverySplit("\"a\"\r\n").pushed == [.message(#""a""#)])
    }

    @Test func aScalarFollowedByGarbageIsOneError() {
        #expect(frameEverySplit("1x\n{}\n").all == [.malformed("unexpected character after a JSON text"), .message("{}")])
        #expect(frameEverySplit("\"id\": 1,\n{}\n").all
            == [.malformed("unexpected character after a JSON text"), .message("{}")])
        #expect(frameEverySplit("true,").all == [.malformed("unexpected character after a JSON text")])
    }

    @Test func aTextBrokenInsideAKeyCostsOnlyItself() {
        // The next text's first string is a value, not the key the broken text was reading.
        #expect(frameEverySplit("{\"a\\x\":1}\n[\"x\"]\n").all == [.malformed("invalid escape"), .message(#"["x"]"#)])
        #expect(frameEverySplit("{\"a\u{01}\":1}\n\"s\"\n").all
            == [.malformed("unescaped control character in a string"), .message(#""s""#)])
    }

    @Test func lastTextWithoutNewline() {
        #expect(frameEverySplit("{\"a\":1}\n[1,2]").pushed == [.message(#"{"a":1}"#), .message("[1,2]")])
        #expect(frameEverySplit("{\"a\":1}\n{\"b\":").all
            == [.message(#"{"a":1}"#), .malformed("unexpected end of input")])
        #expect(frameEverySplit("-").finished == [.malformed("unexpected end of input")])
        #expect(frameEverySplit("1.").finished == [.malformed("unexpected end of input")])
        #expect(frameEverySplit("\"open").finished == [.malformed("unexpected end of input")])
    }

    @Test func blankLinesAndCRLF() {
        let framed = frameEverySplit("\r\n\r\n  \t\n{\"a\":1}\r\n\r\n\n{\"b\":2}\r\n\r\n")
        #expect(framed.all == [.message(#"{"a":1}"#), .message(#"{"b":2}"#)])
        #expect(framed.framing == .stream)
        #expect(frameEverySplit(" \r\n\t ").all.isEmpty)
        #expect(frameEverySplit(" \r\n\t ").framing == nil)
        #expect(frameEverySplit("").all.isEmpty)
    }

    @Test func byteOrderMarkAtTheStartIsIgnored() {
        let framed = frameEverySplit([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\n{\"b\":2}\n".utf8))
        #expect(framed.all == [.message(#"{"a":1}"#), .message(#"{"b":2}"#)])
        #expect(frameEverySplit([0xEF, 0xBB, 0xBF] + Array("\n  [1]".utf8)).all == [.message("[1]")])
    }

    @Test func byteOrderMarkAnywhereElseIsAnError() {
        let later = frameEverySplit(Array("{\"a\":1}\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("{\"b\":2}\n{\"c\":3}\n".utf8))
        #expect(later.all == [.message(#"{"a":1}"#), .malformed("unexpected character"), .message(#"{"c":3}"#)])
        let afterSpace = frameEverySplit(Array(" ".utf8) + [0xEF, 0xBB, 0xBF] + Array("{}\n[]\n".utf8))
        #expect(afterSpace.all == [.malformed("unexpected character"), .message("[]")])
        let twice = frameEverySplit([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("{}\n[]\n".utf8))
        #expect(twice.all == [.malformed("unexpected character"), .message("[]")])
    }

    @Test func aBrokenByteOrderMarkIsAnErrorNotSilentlyDropped() {
        let framed = frameEverySplit([0xEF, 0xBB] + Array("{\"a\":1}\n[]\n".utf8))
        #expect(framed.all == [.malformed("unexpected character"), .message("[]")])
        #expect(framed.framing == .stream)
        #expect(frameEverySplit([0xEF] + Array("\n[]\n".utf8)).all == [.malformed("unexpected character"), .message("[]")])
        // Even before what would have chosen header framing.
        let headers = frameEverySplit([0xEF, 0xBB] + Array("Content-Length: 2\r\n\r\n{}\n[1]\n".utf8))
        #expect(headers.framing == .stream)
        #expect(headers.all.first == .malformed("unexpected character"))
        #expect(headers.all.last == .message("[1]"))
    }

    @Test func afterASyntaxErrorTheRestOfTheLineIsDropped() {
        let framed = frameEverySplit("{\"a\":,\"b\":1}{\"c\":2}\n{\"ok\":1}\n")
        #expect(framed.all == [.malformed("unexpected character"), .message(#"{"ok":1}"#)])
        #expect(frameEverySplit("{\"a\":1} garbage {\"b\":2}\n{\"c\":3}\n").all
            == [.message(#"{"a":1}"#), .malformed("unexpected character"), .message(#"{"c":3}"#)])
    }

    @Test(arguments: [
        ("[1,]", "unexpected character"), ("{\"a\":1,}", "expected a string key"), ("{,}", "expected a string key"),
        ("01", "invalid number: leading zero"), ("[01]", "invalid number: leading zero"), ("+1", "unexpected character"),
        (".5", "unexpected character"), ("[1.]", "invalid number"), ("[1e]", "invalid number"), ("'a'", "unexpected character"),
        ("{'a':1}", "expected a string key"), ("{\"a\" 1}", "expected ':'"), ("[1 2]", "expected ',' or ']'"),
        ("{\"a\":1]", "expected ',' or '}'"), ("[tru]", "invalid literal"), ("\"\\x\"", "invalid escape"),
        ("\"\\u12g4\"", "invalid \\u escape"), ("\"a\u{1}\"", "unescaped control character in a string"),
        ("]", "unexpected character"), ("nul", "invalid literal"),
    ])
    func syntaxErrorsAreFoundAsBytesArrive(_ broken: String, _ reason: String) {
        #expect(frameEverySplit(broken + "\n{}\n").all == [.malformed(reason), .message("{}")])
    }

    @Test func aNewlineInsideAStringEndsTheBrokenText() {
        // The raw newline is the error, so the next line is read at once.
        #expect(frameEverySplit("{\"a\":\"x\n{\"b\":1}\n").all
            == [.malformed("unescaped control character in a string"), .message(#"{"b":1}"#)])
    }

    /// A broken pretty-printed message costs one -32700 per remaining line of it, and the
    /// request after it is served. Line by line: the `,` where a value belongs is the error
    /// (its line dropped); `"params": {` and `"text": "x"` each start with a string that is
    /// followed by `:`, one error each; the two closing braces, one error each.
    @Test func aBrokenPrettyPrintedMessageCostsOneErrorPerRemainingLine() {
        let input = """
            {
              "jsonrpc": "2.0",
              "id": 1,
              "method": ,
              "params": {
                "text": "x"
              }
            }
            {"jsonrpc": "2.0", "id": 2, "method": "ping"}

            """
        #expect(frameEverySplit(input).all == [
            .malformed("unexpected character"),
            .malformed("unexpected character after a JSON text"),
            .malformed("unexpected character after a JSON text"),
            .malformed("unexpected character"),
            .malformed("unexpected character"),
            .message(#"{"jsonrpc": "2.0", "id": 2, "method": "ping"}"#),
        ])
    }

    @Test func nestingUpTo128LevelsIsAccepted() {
        let deep = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(frameEverySplit(deep + "\n").all == [.message(deep)])
    }

    @Test func nestingDeeperThan128IsMalformedWithoutACrash() {
        let tooDeep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(frameEverySplit(tooDeep + "\n{}\n").all == [.malformed("nesting deeper than 128 levels"), .message("{}")])
        let hostile = String(repeating: "{\"a\":[", count: 50_000)
        #expect(frame(Array((hostile + "\n[1]\n").utf8), split: .whole).all
            == [.malformed("nesting deeper than 128 levels"), .message("[1]")])
    }

    @Test func invalidUTF8IsLeftToTheParser() {
        // The framer only finds where texts end; the dispatcher's parser rejects the bytes.
        let framed = frameEverySplit([0x22, 0xFF, 0x22, 0x0A])
        #expect(framed.all == [.message([0x22, 0xFF, 0x22])])
    }
}
