import ContpaqiUpgradeAPI
import JSONRPC
import RPCCoding
import RPCTransport
import Testing

/// A session over a bytes-in, bytes-out conversation, cut into chunks as `split` says.
private func converse(_ input: [UInt8], split: Split = .whole, maxMessageBytes: Int = 1 << 20,
                      finish: Bool = true) -> (output: String, mustClose: Bool) {
    var table = MethodTable()
    table.register(SayHandler())
    table.register(PingHandler())
    var session = RPCSession(dispatcher: Dispatcher(table: table), maxMessageBytes: maxMessageBytes)
    var output: [UInt8] = []
    input.withUnsafeBytes { raw in
        for range in split.chunks(of: raw.count) {
            session.receive(UnsafeRawBufferPointer(rebasing: raw[range]), into: &output)
        }
    }
    if finish { session.finish(into: &output) }
    return (String(decoding: output, as: UTF8.self), session.mustClose)
}

private func converse(_ input: String, split: Split = .whole, maxMessageBytes: Int = 1 << 20,
                      finish: Bool = true) -> (output: String, mustClose: Bool) {
    converse(Array(input.utf8), split: split, maxMessageBytes: maxMessageBytes, finish: finish)
}

@Suite struct RPCSessionTests {
    @Test func streamResponsesAreCompactNewlineTerminatedLines() {
        let input = """
            {"jsonrpc":"2.0","method":"ping","id":1}
            {
              "jsonrpc": "2.0",
              "method": "say",
              "params": {"text": "hola\\nmundo"},
              "id": "dos"
            }
            [{"jsonrpc":"2.0","method":"ping","id":3},{"jsonrpc":"2.0","method":"ping"}]

            """
        let expected = #"{"jsonrpc":"2.0","id":1,"result":"pong"}"# + "\n"
            + #"{"jsonrpc":"2.0","id":"dos","result":"hola\nmundo"}"# + "\n"
            + #"[{"jsonrpc":"2.0","id":3,"result":"pong"}]"# + "\n"
        for split in Split.all {
            let result = converse(input, split: split)
            #expect(result.output == expected, "\(split)")
            #expect(!result.mustClose)
        }
    }

    @Test func notificationsProduceNoBytes() {
        #expect(converse(#"{"jsonrpc":"2.0","method":"ping"}"# + "\n").output == "")
        #expect(converse(#"[{"jsonrpc":"2.0","method":"ping"},{"jsonrpc":"2.0","method":"nope"}]"#).output == "")
        #expect(converse("Content-Length: 33\r\n\r\n" + #"{"jsonrpc":"2.0","method":"ping"}"#).output == "")
    }

    @Test func framingErrorsAreAnsweredInLine() {
        let input = "{\"jsonrpc\":,}\n" + #"{"a":""# + String(repeating: "x", count: 100) + "\"}\n"
            + #"{"jsonrpc":"2.0","method":"ping","id":1}"#
        let expected = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"unexpected character"}}}"# + "\n"
            + #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"message of 108 bytes is over the limit (--max-message-bytes)"}}}"# + "\n"
            + #"{"jsonrpc":"2.0","id":1,"result":"pong"}"# + "\n"
        for split in Split.all {
            #expect(converse(input, split: split, maxMessageBytes: 64).output == expected, "\(split)")
        }
    }

    @Test func theLastMessageIsAnsweredAtEndOfInput() {
        #expect(converse("1", finish: false).output == "")
        #expect(converse("1").output
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"a request must be a JSON object, not number"}}}"# + "\n")
        #expect(converse(#"{"jsonrpc":"2.0","method":"ping","id":1"#).output
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"unexpected end of input"}}}"# + "\n")
    }

    @Test func contentLengthResponsesCountBytes() {
        let request = #"{"jsonrpc":"2.0","method":"say","params":{"text":"ñandú 😀"},"id":"é"}"#
        let response = #"{"jsonrpc":"2.0","id":"é","result":"ñandú 😀"}"#
        #expect(response.utf8.count == 51)  // 42 characters
        let input = "Content-Length: \(request.utf8.count)\r\nContent-Type: application/json\r\n\r\n" + request
            + "content-length: 40\r\n\r\n" + #"{"jsonrpc":"2.0","method":"ping","id":2}"#
        let expected = "Content-Length: 51\r\n\r\n" + response
            + "Content-Length: 40\r\n\r\n" + #"{"jsonrpc":"2.0","id":2,"result":"pong"}"#
        for split in Split.all {
            let result = converse(input, split: split)
            #expect(result.output == expected, "\(split)")
            #expect(!result.mustClose)
        }
    }

    @Test func contentLengthOverTheLimitIsAnsweredAndTheSessionGoesOn() {
        let input = "Content-Length: 1000\r\n\r\n" + String(repeating: "z", count: 1000)
            + "Content-Length: 40\r\n\r\n" + #"{"jsonrpc":"2.0","method":"ping","id":2}"#
        let error = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"message of 1000 bytes is over the limit (--max-message-bytes)"}}}"#
        let expected = "Content-Length: \(error.utf8.count)\r\n\r\n" + error
            + "Content-Length: 40\r\n\r\n" + #"{"jsonrpc":"2.0","id":2,"result":"pong"}"#
        let result = converse(input, maxMessageBytes: 100)
        #expect(result.output == expected)
        #expect(!result.mustClose)
    }

    @Test func aFatalHeaderErrorIsAnsweredThenTheSessionMustClose() {
        let error = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"Content-Length must be a non-negative decimal number"}}}"#
        for split in Split.all {
            let input = "Content-Length: -1\r\n\r\n" + "Content-Length: 40\r\n\r\n" + #"{"jsonrpc":"2.0","method":"ping","id":2}"#
            let result = converse(input, split: split)
            #expect(result.output == "Content-Length: \(error.utf8.count)\r\n\r\n" + error, "\(split)")
            #expect(result.mustClose, "\(split)")
        }
        // Nothing is read after it, even with more input.
        var table = MethodTable()
        table.register(PingHandler())
        var session = RPCSession(dispatcher: Dispatcher(table: table), maxMessageBytes: 1000)
        var output: [UInt8] = []
        Array("Content-Type: x\r\n\r\n".utf8).withUnsafeBytes { session.receive($0, into: &output) }
        #expect(session.mustClose)
        let answered = output.count
        Array("Content-Length: 2\r\n\r\n{}".utf8).withUnsafeBytes { session.receive($0, into: &output) }
        session.finish(into: &output)
        #expect(output.count == answered)
    }

    @Test func invalidUTF8InABodyIsAParseError() {
        let body: [UInt8] = Array(#"{"jsonrpc":"2.0","method":"say","params":{"text":""#.utf8) + [0xFF]
            + Array(#""},"id":1}"#.utf8)
        let result = converse(body + [0x0A])
        #expect(result.output.hasPrefix(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"invalid UTF-8 in a string at byte "#))
    }
}
