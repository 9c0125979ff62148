import JSONRPC
import Testing

/// The request envelope of API.md §2: id echo, `jsonrpc`, `method`, the type of `params`.
@Suite struct EnvelopeTests {
    private func ping(id: String) -> String? {
        respond(#"{"jsonrpc":"2.0","method":"ping","id":\#(id)}"#)
    }

    private func pong(id: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"result":"pong"}"#
    }

    @Test(arguments: [
        "9223372036854775807", "-9223372036854775808", "0", "-1", "42",
        "-0", "1.5", "1.0", "2.50", "1e400", "-1E-7", "18446744073709551616",
        "-9223372036854775809", "123456789012345678901234567890",
    ])
    func numericIDsComeBackAsTheSameLiteral(_ literal: String) {
        #expect(ping(id: literal) == pong(id: literal))
    }

    @Test func oneAndQuotedOneStayApart() {
        #expect(ping(id: "1") == pong(id: "1"))
        #expect(ping(id: #""1""#) == pong(id: #""1""#))
    }

    @Test func stringIDsComeBackExactly() {
        #expect(ping(id: #""""#) == pong(id: #""""#))
        #expect(ping(id: #""ñandú 😀 中文""#) == pong(id: #""ñandú 😀 中文""#))
        // Escapes are read, then written the canonical way: the same string value.
        #expect(ping(id: #""\u00f1\ud83d\ude00""#) == pong(id: #""ñ😀""#))
        #expect(ping(id: #""a\"b\\c\/d\n\u0000\u001f""#) == pong(id: #""a\"b\\c/d\n\u0000\u001f""#))
        #expect(ping(id: #""\u2028""#) == pong(id: "\"\u{2028}\""))
    }

    /// `"id": null` is a request, answered with `"id": null`; only a missing id is a notification.
    @Test func nullIDIsARequestNotANotification() {
        #expect(ping(id: "null") == pong(id: "null"))
    }

    @Test(arguments: [("{}", "object"), ("[]", "array"), ("[1]", "array"), ("true", "boolean"), ("false", "boolean")])
    func idOfTheWrongTypeIsInvalidRequestWithNullID(_ id: String, _ type: String) {
        #expect(ping(id: id)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"id must be a string, a number or null, not \#(type)"}}}"#)
    }

    @Test func invalidRequestWithAReadableIDGetsThatID() {
        #expect(respond(#"{"jsonrpc":"2.0","method":1,"params":"bar","id":7}"#)
            == #"{"jsonrpc":"2.0","id":7,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"method must be a string"}}}"#)
        #expect(respond(#"{"jsonrpc":"1.0","method":"ping","id":"abc"}"#)
            == #"{"jsonrpc":"2.0","id":"abc","error":{"code":-32600,"message":"Invalid Request","data":{"reason":"jsonrpc must be exactly \"2.0\""}}}"#)
        #expect(respond(#"{"id":null}"#)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"jsonrpc must be exactly \"2.0\""}}}"#)
    }

    @Test func invalidRequestWithoutIDIsStillAnswered() {
        #expect(respond(#"{"jsonrpc":"2.0"}"#)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"method must be a string"}}}"#)
        #expect(respond("{}")
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"jsonrpc must be exactly \"2.0\""}}}"#)
    }

    @Test(arguments: [#""method":"ping","id":1"#, #""jsonrpc":"1.0","method":"ping","id":1"#,
                      #""jsonrpc":2.0,"method":"ping","id":1"#, #""jsonrpc":"2","method":"ping","id":1"#,
                      #""jsonrpc":null,"method":"ping","id":1"#, #""jsonrpc":" 2.0","method":"ping","id":1"#])
    func jsonrpcMustBeExactlyTheString2_0(_ members: String) {
        #expect(respond("{\(members)}")
            == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"jsonrpc must be exactly \"2.0\""}}}"#)
    }

    @Test(arguments: [(#""bar""#, "string"), ("3", "number"), ("true", "boolean")])
    func paramsThatIsNeitherObjectNorArrayIsInvalidRequest(_ params: String, _ type: String) {
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":\#(params),"id":1}"#)
            == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"params must be an object or an array, not \#(type)"}}}"#)
        // Even as a notification.
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":\#(params)}"#)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"params must be an object or an array, not \#(type)"}}}"#)
    }

    /// `"params": null` is params left out, for every method (Emacs' jsonrpc.el sends it);
    /// `[]` means none only for a method that takes none (Neovim's empty Lua table).
    @Test func nullParamsAreLeftOutAndAnEmptyArrayIsNoneWhereNoneAreTaken() {
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":null,"id":1}"#) == pong(id: "1"))
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":[],"id":1}"#) == pong(id: "1"))
        #expect(respond(#"{"jsonrpc":"2.0","method":"echo","params":null,"id":2}"#)
            == #"{"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"Invalid params","data":{"errors":[{"path":"/text","code":"REQUIRED","message":"El campo es obligatorio."}]}}}"#)
        let positional = #"{"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"Invalid params","data":{"errors":[{"path":"","code":"INVALID_TYPE","message":"Los parámetros van por nombre: se esperaba un objeto, no una lista."}]}}}"#
        #expect(respond(#"{"jsonrpc":"2.0","method":"echo","params":[],"id":3}"#) == positional)
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":[1],"id":3}"#) == positional)
        #expect(respond(#"{"jsonrpc":"2.0","method":"ping","params":[[]],"id":3}"#) == positional)
    }

    @Test func methodMustBeAString() {
        for method in ["null", "[\"ping\"]", "{}", "true"] {
            #expect(respond(#"{"jsonrpc":"2.0","method":\#(method),"id":1}"#)
                == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"Invalid Request","data":{"reason":"method must be a string"}}}"#)
        }
    }

    @Test func unknownMembersOfTheRequestAreIgnored() {
        #expect(respond(#"{"extra":{"deep":[1]},"jsonrpc":"2.0","method":"ping","id":1,"result":0}"#) == pong(id: "1"))
    }

    @Test func methodNamesAreCaseSensitive() {
        for name in ["Ping", "PING", "ping ", " ping", "pińg"] {
            #expect(respond(#"{"jsonrpc":"2.0","method":"\#(name)","id":1}"#)
                == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found","data":{"method":"\#(name)"}}}"#)
        }
    }

    @Test func reservedRPCNamesThatDoNotExistAreMethodNotFound() {
        for name in ["rpc.discover", "rpc.foo", "rpc.", "rpc.ping"] {
            #expect(respond(#"{"jsonrpc":"2.0","method":"\#(name)","id":"r"}"#)
                == #"{"jsonrpc":"2.0","id":"r","error":{"code":-32601,"message":"Method not found","data":{"method":"\#(name)"}}}"#)
        }
    }

    @Test func methodNotFoundEchoesTheNameEscaped() {
        #expect(respond(#"{"jsonrpc":"2.0","method":"a\"b\u0001","id":1}"#)
            == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found","data":{"method":"a\"b\u0001"}}}"#)
    }

    @Test func methodOwnErrorsCarryTheirCode() {
        #expect(respond(#"{"jsonrpc":"2.0","method":"refuse","id":1}"#)
            == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"Not eligible","data":{"errors":[{"path":"/x","code":"NOT_ELIGIBLE","message":"No."}]}}}"#)
    }

    @Test func lastDuplicateMemberWins() {
        #expect(respond(#"{"jsonrpc":"2.0","method":"nope","method":"ping","id":1,"id":2}"#) == pong(id: "2"))
    }
}
