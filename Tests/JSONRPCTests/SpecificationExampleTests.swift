import JSONRPC
import Testing

/// The examples of jsonrpc.org/specification §7, adapted to the test table (every method
/// here takes its params by name, so the spec's positional calls are -32602), each pinned to
/// the exact response bytes.
@Suite struct SpecificationExampleTests {
    @Test func positionalParamsAreInvalidParams() {
        #expect(respond(#"{"jsonrpc": "2.0", "method": "echo", "params": ["hi", 2], "id": 1}"#)
            == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid params","data":{"errors":[{"path":"","code":"INVALID_TYPE","message":"Los parámetros van por nombre: se esperaba un objeto, no una lista."}]}}}"#)
        // `[]` is "no params" only for a method that takes none (API.md §2).
        #expect(respond(#"{"jsonrpc":"2.0","method":"echo","params":[],"id":2}"#)
            == #"{"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"Invalid params","data":{"errors":[{"path":"","code":"INVALID_TYPE","message":"Los parámetros van por nombre: se esperaba un objeto, no una lista."}]}}}"#)
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":[],"id":2}"#) == #"{"jsonrpc":"2.0","id":2,"result":"pong"}"#)
    }

    @Test func namedParamsInAnyOrder() {
        #expect(respond(#"{"jsonrpc": "2.0", "method": "echo", "params": {"text": "hi", "n": 2}, "id": 3}"#)
            == #"{"jsonrpc":"2.0","id":3,"result":{"text":"hi","n":2}}"#)
        #expect(respond(#"{"jsonrpc": "2.0", "method": "echo", "params": {"n": 2, "text": "hi"}, "id": 4}"#)
            == #"{"jsonrpc":"2.0","id":4,"result":{"text":"hi","n":2}}"#)
    }

    @Test func notificationsAreExecutedButNeverAnswered() {
        let counter = CallCounter()
        #expect(respond(#"{"jsonrpc": "2.0", "method": "record"}"#, counter: counter) == nil)
        #expect(counter.value == 1)
        #expect(respond(#"{"jsonrpc": "2.0", "method": "echo", "params": {"text": "x"}}"#) == nil)
        // Not even an error: unknown method, bad params, positional params.
        #expect(respond(#"{"jsonrpc": "2.0", "method": "nope"}"#) == nil)
        #expect(respond(#"{"jsonrpc": "2.0", "method": "echo", "params": {"n": 99}}"#) == nil)
        #expect(respond(#"{"jsonrpc": "2.0", "method": "echo", "params": [1]}"#) == nil)
        #expect(respond(#"{"jsonrpc": "2.0", "method": "refuse"}"#) == nil)
    }

    @Test func nonExistentMethod() {
        #expect(respond(#"{"jsonrpc": "2.0", "method": "foobar", "id": "1"}"#)
            == #"{"jsonrpc":"2.0","id":"1","error":{"code":-32601,"message":"Method not found","data":{"method":"foobar"}}}"#)
    }

    @Test func invalidJSON() {
        #expect(respond(#"{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]"#)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"expected ',' or '}' at byte 39"}}}"#)
    }

    @Test func invalidRequestObject() {
        #expect(respond(#"{"jsonrpc": "2.0", "method": 1, "params": "bar"}"#)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"method must be a string"}}}"#)
    }

    @Test func batchWithInvalidJSON() {
        #expect(respond("""
            [
              {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
              {"jsonrpc": "2.0", "method"
            ]
            """)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"expected ':' at byte 101"}}}"#)
    }

    @Test func emptyArray() {
        #expect(respond("[]")
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"an empty batch"}}}"#)
        #expect(respond(" [ \n ] ") == respond("[]"))
    }

    @Test func batchOfOneNonRequest() {
        #expect(respond("[1]")
            == #"[{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"a request must be a JSON object, not number"}}}]"#)
    }

    @Test func batchOfThreeNonRequests() {
        let one = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"a request must be a JSON object, not number"}}}"#
        #expect(respond("[1,2,3]") == "[\(one),\(one),\(one)]")
    }

    @Test func mixedBatchAnswersInRequestOrder() {
        let counter = CallCounter()
        let response = respond("""
            [
              {"jsonrpc": "2.0", "method": "echo", "params": {"text": "uno"}, "id": "1"},
              {"jsonrpc": "2.0", "method": "record", "params": {}},
              {"jsonrpc": "2.0", "method": "echo", "params": ["dos"], "id": "2"},
              {"foo": "boo"},
              {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
              {"jsonrpc": "2.0", "method": "ping", "id": "9"},
              [],
              "x"
            ]
            """, counter: counter)
        #expect(response == "["
            + #"{"jsonrpc":"2.0","id":"1","result":{"text":"uno","n":null}},"#
            + #"{"jsonrpc":"2.0","id":"2","error":{"code":-32602,"message":"Invalid params","data":{"errors":[{"path":"","code":"INVALID_TYPE","message":"Los parámetros van por nombre: se esperaba un objeto, no una lista."}]}}},"#
            + #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"jsonrpc must be exactly \"2.0\""}}},"#
            + #"{"jsonrpc":"2.0","id":"5","error":{"code":-32601,"message":"Method not found","data":{"method":"foo.get"}}},"#
            + #"{"jsonrpc":"2.0","id":"9","result":"pong"},"#
            + #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"a request must be a JSON object, not array"}}},"#
            + #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"a request must be a JSON object, not string"}}}"#
            + "]")
        #expect(counter.value == 1)
    }

    @Test func batchOfNotificationsGetsNothingAtAll() {
        let counter = CallCounter()
        #expect(respond("""
            [
              {"jsonrpc": "2.0", "method": "record", "params": {}},
              {"jsonrpc": "2.0", "method": "record"},
              {"jsonrpc": "2.0", "method": "nope"}
            ]
            """, counter: counter) == nil)
        #expect(counter.value == 2)
    }

    @Test func batchWithOneAnsweredMemberIsStillAnArray() {
        #expect(respond(#"[{"jsonrpc":"2.0","method":"record"},{"jsonrpc":"2.0","method":"ping","id":0}]"#)
            == #"[{"jsonrpc":"2.0","id":0,"result":"pong"}]"#)
    }

    /// `respond` appends: a silent batch must leave the writer exactly as it found it, so
    /// responses written after it need no stray comma.
    @Test func silentBatchLeavesTheWriterUntouched() {
        let dispatcher = Dispatcher(table: .testTable())
        var out = JSONWriter()
        out.beginArray()
        #expect(!dispatcher.respond(to: Array(#"[{"jsonrpc":"2.0","method":"record"}]"#.utf8), into: &out))
        #expect(dispatcher.respond(to: Array(#"{"jsonrpc":"2.0","method":"ping","id":1}"#.utf8), into: &out))
        #expect(!dispatcher.respond(to: Array(#"[{"jsonrpc":"2.0","method":"record"}]"#.utf8), into: &out))
        #expect(dispatcher.respond(to: Array(#"{"jsonrpc":"2.0","method":"ping","id":2}"#.utf8), into: &out))
        out.endArray()
        #expect(out.string == #"[{"jsonrpc":"2.0","id":1,"result":"pong"},{"jsonrpc":"2.0","id":2,"result":"pong"}]"#)
    }

    @Test func batchesDoNotNest() {
        #expect(respond(#"[[{"jsonrpc":"2.0","method":"ping","id":1}]]"#)
            == #"[{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"a request must be a JSON object, not array"}}}]"#)
    }

    @Test func scalarsAreNotRequests() {
        for (text, type) in [("1", "number"), ("\"x\"", "string"), ("null", "null"), ("true", "boolean")] {
            #expect(respond(text)
                == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"a request must be a JSON object, not \#(type)"}}}"#)
        }
    }

    @Test func parseErrorsNeverInventAnID() {
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","id":7"#)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"unexpected end of input at byte 39"}}}"#)
        #expect(respond("")
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"unexpected end of input at byte 0"}}}"#)
        #expect(respond("[\"\u{7}\"]")
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"reason":"unescaped control character in a string at byte 2"}}}"#)
    }
}
