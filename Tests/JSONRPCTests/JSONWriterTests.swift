import JSONRPC
import Testing

/// Golden tests: every writer call pinned to the exact bytes it produces.
@Suite struct JSONWriterTests {
    /// Encodes `value` and checks the exact JSON text, then that the parser reads it back.
    private func checkCoding(_ value: some JSONEncodable, json expected: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        var writer = JSONWriter()
        value.encode(to: &writer)
        #expect(writer.string == expected, sourceLocation: sourceLocation)
        #expect((try? JSONParser.parse(writer.bytes)) != nil, "not valid JSON", sourceLocation: sourceLocation)
    }

    @Test func escapesQuoteBackslashAndControlCharacters() {
        checkCoding("say \"hi\" \\ bye", json: #""say \"hi\" \\ bye""#)
        checkCoding("\n\r\t\u{8}\u{C}", json: #""\n\r\t\b\f""#)
        checkCoding("\u{0}\u{1}\u{1F}", json: #""\u0000\u0001\u001f""#)
        checkCoding("a\u{1B}[0m", json: #""a\u001b[0m""#)
        checkCoding("/ stays", json: #""/ stays""#)
        checkCoding("", json: #""""#)
    }

    @Test func nonASCIIPassesThroughRaw() {
        checkCoding("Nóminas € 😀 \u{7F} \u{2028}", json: "\"Nóminas € 😀 \u{7F} \u{2028}\"")
        var writer = JSONWriter()
        writer.string("é")
        #expect(writer.bytes == [0x22, 0xC3, 0xA9, 0x22])
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        var writer = JSONWriter()
        writer.string(text)
        #expect(try JSONParser.parse(writer.bytes) == .string(text))
        #expect(!writer.bytes.contains(where: { $0 < 0x20 }))
    }

    @Test func commasAcrossNestedObjectsAndArrays() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.int(1)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.beginObject()
        writer.field("x", true)
        writer.field("y", JSON.null)
        writer.endObject()
        writer.string("s")
        writer.endArray()
        writer.key("b")
        writer.beginObject()
        writer.key("c")
        writer.beginObject()
        writer.endObject()
        writer.field("d", [1, 2])
        writer.endObject()
        writer.field("e", "z")
        writer.endObject()
        #expect(writer.string == #"{"a":[1,{},[],{"x":true,"y":null},"s"],"b":{"c":{},"d":[1,2]},"e":"z"}"#)
    }

    @Test func topLevelValuesInARowAreCommaSeparated() {
        // What a transport relies on when it concatenates responses into one array.
        var writer = JSONWriter()
        writer.beginArray()
        writer.value(.object([]))
        writer.value(.number("1"))
        writer.value(.array([.null]))
        writer.endArray()
        #expect(writer.string == "[{},1,[null]]")
    }

    @Test func valueWritesEveryKind() {
        let json = JSON.object([
            JSONMember("n", .null), JSONMember("b", .bool(false)), JSONMember("num", .number("-1.5e300")),
            JSONMember("s", .string("q\"")), JSONMember("a", .array([.number("0"), .array([])])),
            JSONMember("o", .object([JSONMember("", .object([]))])),
        ])
        checkCoding(json, json: #"{"n":null,"b":false,"num":-1.5e300,"s":"q\"","a":[0,[]],"o":{"":{}}}"#)
        #expect(json.description == #"{"n":null,"b":false,"num":-1.5e300,"s":"q\"","a":[0,[]],"o":{"":{}}}"#)
    }

    @Test func keysAreEscapedToo() {
        checkCoding(JSON.object([JSONMember("a\"b\n", .number("1"))]), json: #"{"a\"b\n":1}"#)
    }

    @Test func encodableConformances() {
        checkCoding(42, json: "42")
        checkCoding(Int.min, json: "-9223372036854775808")
        checkCoding(true, json: "true")
        checkCoding(String?.none, json: "null")
        checkCoding(Optional("x"), json: #""x""#)
        checkCoding([String](), json: "[]")
        checkCoding([["a"], []], json: #"[["a"],[]]"#)
        checkCoding([Int?.none, 3], json: "[null,3]")
    }

    @Test func rawIsWrittenVerbatimWithItsComma() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.raw("1e400")
        writer.raw(Array(#"{"pre":"encoded"}"#.utf8))
        writer.endArray()
        #expect(writer.string == #"[1e400,{"pre":"encoded"}]"#)
    }

    @Test func resetStartsAFreshText() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.int(1)
        writer.reset()
        writer.int(2)
        #expect(writer.string == "2")
    }

    @Test func requestIDsEchoTheirLiteral() {
        checkCoding(RequestID.null, json: "null")
        checkCoding(RequestID.number("-9223372036854775808"), json: "-9223372036854775808")
        checkCoding(RequestID.number("1.50"), json: "1.50")
        checkCoding(RequestID.string("1"), json: #""1""#)
        checkCoding(RequestID.string("ñ\"\u{1}"), json: #""ñ\"\u0001""#)
        #expect(RequestID(.bool(true)) == nil)
        #expect(RequestID(.array([])) == nil)
        #expect(RequestID(.object([])) == nil)
        #expect(RequestID(.number("7")) == .number("7"))
    }

    @Test func errorObjects() {
        checkCoding(RPCError.parseError(reason: "r"),
                    json: #"{"code":-32700,"message":"Parse error","data":{"reason":"r"}}"#)
        checkCoding(RPCError.invalidRequest(reason: "r"),
                    json: #"{"code":-32600,"message":"Invalid Request","data":{"reason":"r"}}"#)
        checkCoding(RPCError.methodNotFound(method: "m"),
                    json: #"{"code":-32601,"message":"Method not found","data":{"method":"m"}}"#)
        checkCoding(RPCError.invalidParams([FieldError(path: "/a", code: .required, message: "¡x!"),
                                            FieldError(path: "", code: .invalidType, message: "y")]),
                    json: #"{"code":-32602,"message":"Invalid params","data":{"errors":[{"path":"/a","code":"REQUIRED","message":"¡x!"},{"path":"","code":"INVALID_TYPE","message":"y"}]}}"#)
        checkCoding(RPCError.application(code: -32001, message: "Not eligible",
                                         errors: [FieldError(path: "/s/0", code: FieldErrorCode(rawValue: "NOT_ELIGIBLE"), message: "z")]),
                    json: #"{"code":-32001,"message":"Not eligible","data":{"errors":[{"path":"/s/0","code":"NOT_ELIGIBLE","message":"z"}]}}"#)
        checkCoding(RPCError.internalError(reason: "hidden"), json: #"{"code":-32603,"message":"Internal error"}"#)
    }
}

@Suite struct JSONPointerTests {
    @Test func escapesTildeAndSlash() {
        #expect(JSONPointer.appending("a~b", to: "") == "/a~0b")
        #expect(JSONPointer.appending("a/b", to: "") == "/a~1b")
        #expect(JSONPointer.appending("~1", to: "/x") == "/x/~01")    // "~" first, so "~1" is not read back as "/"
        #expect(JSONPointer.appending("/~/", to: "") == "/~1~0~1")
        #expect(JSONPointer.appending("plain", to: "/systems/1") == "/systems/1/plain")
        #expect(JSONPointer.appending("", to: "") == "/")
        #expect(JSONPointer.appending("ñ~", to: "") == "/ñ~0")
        #expect(JSONPointer.appending(3, to: "/systems") == "/systems/3")
    }

    @Test func escapesEvenWhenACombiningMarkFollows() {
        // "~\u{301}" is one Character, but its "~" is still the RFC's "~".
        #expect(JSONPointer.appending("~\u{301}", to: "").unicodeScalars.elementsEqual("/~0\u{301}".unicodeScalars))
        #expect(JSONPointer.appending("a/\u{301}", to: "").unicodeScalars.elementsEqual("/a~1\u{301}".unicodeScalars))
    }
}
