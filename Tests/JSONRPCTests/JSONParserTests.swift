import JSONRPC
import Testing

/// The parser is the gate every request passes: these pin what it accepts, exactly what it
/// builds, and that everything RFC 8259 forbids is refused.
@Suite struct JSONParserTests {
    private func parse(_ text: String) -> JSON? { try? JSONParser.parse(text) }
    private func parse(_ bytes: [UInt8]) -> JSON? { try? JSONParser.parse(bytes) }

    @Test func everyKindOfValue() throws {
        let json = try JSONParser.parse(
            #" {"null":null,"t":true,"f":false,"n":-12.5e+3,"s":"x","a":[1,[],{}],"o":{"k":"v"}} "#)
        #expect(json == .object([
            JSONMember("null", .null),
            JSONMember("t", .bool(true)),
            JSONMember("f", .bool(false)),
            JSONMember("n", .number("-12.5e+3")),
            JSONMember("s", .string("x")),
            JSONMember("a", .array([.number("1"), .array([]), .object([])])),
            JSONMember("o", .object([JSONMember("k", .string("v"))])),
        ]))
    }

    @Test func scalarsAreTextsOnTheirOwn() {
        #expect(parse("true") == .bool(true))
        #expect(parse(" null\n") == .null)
        #expect(parse("\t\"only\"\r\n") == .string("only"))
        #expect(parse("0") == .number("0"))
    }

    @Test func membersKeepDocumentOrderAndTheLastDuplicateWins() throws {
        let json = try JSONParser.parse(#"{"b":1,"a":2,"b":3}"#)
        #expect(json == .object([JSONMember("b", .number("1")), JSONMember("a", .number("2")),
                                 JSONMember("b", .number("3"))]))
        #expect(json["b"] == .number("3"))
        #expect(json["missing"] == nil)
    }

    @Test func whiteSpaceInsideStructures() {
        #expect(parse("[ 1 ,\n\t2 ]") == .array([.number("1"), .number("2")]))
        #expect(parse("{ \"a\" : { } }") == .object([JSONMember("a", .object([]))]))
    }

    @Test func escapes() {
        #expect(parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(parse(#""\u0041\u00e9\u00E9\u20AC""#) == .string("Aéé€"))
        #expect(parse(#""a\u0000b""#) == .string("a\u{0}b"))
        #expect(parse(#""tail\u0000""#) == .string("tail\u{0}"))
    }

    @Test func surrogatePairsJoinIntoOneScalar() {
        #expect(parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(parse(#""\uD834\uDD1E clef""#) == .string("𝄞 clef"))
        #expect(parse("\"raw 😀 é\"") == .string("raw 😀 é"))
    }

    @Test func loneSurrogatesBecomeTheReplacementCharacter() {
        #expect(parse(#""\ud800""#) == .string("\u{FFFD}"))
        #expect(parse(#""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))          // high, then not a low
        #expect(parse(#""\ud800\ud800\udc00""#) == .string("\u{FFFD}𐀀"))   // the second high pairs
        #expect(parse(#""\ude00\ud83d""#) == .string("\u{FFFD}\u{FFFD}"))    // reversed pair
    }

    @Test func numberLiteralsAreKeptExactly() {
        for literal in ["9223372036854775807", "-9223372036854775808", "18446744073709551616",
                        "1e400", "-0", "1.0", "0.1", "2E-3", "1e+2", "-0.0e0",
                        "123456789012345678901234567890.123456789"] {
            #expect(parse(literal) == .number(literal), "\(literal)")
            #expect(parse("[\(literal)]") == .array([.number(literal)]), "\(literal)")
        }
    }

    @Test func int64OnlyForPlainIntegersInRange() {
        #expect(JSON.number("9223372036854775807").int64 == .max)
        #expect(JSON.number("-9223372036854775808").int64 == .min)
        #expect(JSON.number("9223372036854775808").int64 == nil)
        #expect(JSON.number("2.0").int64 == nil)
        #expect(JSON.number("2e0").int64 == nil)
        #expect(JSON.number("-0").int64 == 0)
        #expect(JSON.string("2").int64 == nil)
        #expect(JSON.isIntegerLiteral("-") == false)
    }

    @Test(arguments: [
        "[1,]", "{\"a\":1,}", "[,1]", "{,}", "01", "-01", "00", "+1", ".5", "1.", "1.e3", "1e", "1e+",
        "-", "--1", "0x10", "'a'", "{'a':1}", "{a:1}", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{1:2}",
        "tru", "True", "nul", "NaN", "Infinity", "-Infinity", "[", "]", "{", "}", "", "   ",
        "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\\"", "[1]]",
        "/* comment */ 1", "1 // comment",
    ])
    func rejectsWhatRFC8259Forbids(_ text: String) {
        #expect(parse(text) == nil, "accepted \(text.debugDescription)")
    }

    @Test func rejectsUnescapedControlCharacters() {
        for byte in UInt8(0)..<0x20 {
            #expect(parse([0x22, 0x61, byte, 0x22]) == nil, "byte \(byte)")
            #expect(parse([0x22, 0x5C, 0x6E, byte, 0x22]) == nil, "byte \(byte) after an escape")
        }
        #expect(parse([0x22, 0x7F, 0x22]) == .string("\u{7F}"))  // DEL is not a JSON control character
    }

    @Test func rejectsInvalidUTF8() {
        let broken: [[UInt8]] = [
            [0xFF], [0xC3], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],  // stray, truncated, overlong
            [0xED, 0xA0, 0x80],                                 // a surrogate encoded in UTF-8
            [0xF4, 0x90, 0x80, 0x80],                           // beyond U+10FFFF
            [0x80],                                             // a lone continuation byte
        ]
        for bytes in broken {
            #expect(parse([0x22] + bytes + [0x22]) == nil, "\(bytes)")
            #expect(parse([0x22, 0x5C, 0x6E] + bytes + [0x22]) == nil, "\(bytes) after an escape")
            #expect(parse([0x7B, 0x22] + bytes + [0x22, 0x3A, 0x31, 0x7D]) == nil, "\(bytes) in a key")
        }
        #expect(parse([0x22, 0xC3, 0xA9, 0x22]) == .string("é"))
        #expect(parse([0xFF]) == nil)  // outside a string
    }

    @Test func rejectsTrailingGarbageAfterTheText() throws {
        for text in ["{} {}", "1 2", "[1] x", "\"a\"\"b\"", "null,", "{}}", "1\u{0}"] {
            #expect(parse(text) == nil, "accepted \(text.debugDescription)")
        }
        let failure = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("{} x") }
        #expect(failure?.offset == 3)
        #expect(failure?.reason == "unexpected data after the JSON text at byte 3")
    }

    @Test func failuresSayWhere() {
        let failure = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(#"{"a":,"b":1}"#) }
        #expect(failure?.reason == "unexpected character at byte 5")
        #expect(failure?.offset == 5)
    }

    @Test func byteOrderMarkIsNotWhiteSpaceToTheParser() {
        #expect(parse([0xEF, 0xBB, 0xBF, 0x31]) == nil)
    }

    private func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func nestingUpTo128LevelsIsAccepted() throws {
        #expect(JSONParser.maxDepth == 128)
        var expected = JSON.array([])
        for _ in 1..<128 { expected = .array([expected]) }
        #expect(parse(nested(128)) == expected)
        let objects = String(repeating: #"{"a":"#, count: 127) + "{}" + String(repeating: "}", count: 127)
        #expect(parse(objects) != nil)
    }

    @Test func nesting129LevelsIsRefused() {
        let failure = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(nested(129)) }
        #expect(failure?.reason == "nesting deeper than 128 levels at byte 128")
        let objects = String(repeating: #"{"a":"#, count: 128) + "{}" + String(repeating: "}", count: 128)
        #expect(parse(objects) == nil)
        #expect(parse("[" + String(repeating: #"{"a":"#, count: 64) + nested(64) + "]") == nil)
    }

    @Test func hostileNestingDoesNotOverflowTheStack() {
        #expect(parse(String(repeating: "[", count: 100_000)) == nil)
        #expect(parse(String(repeating: #"{"a":"#, count: 100_000)) == nil)
        #expect(parse(nested(100_000)) == nil)
    }

    @Test func descriptionIsCompactJSON() throws {
        let text = #"{"a":[1,2.50,{"b":null}],"c":"é\n","d":true}"#
        #expect(try JSONParser.parse(text).description == text)
        #expect(try JSONParser.parse(" [ 1 , \"x\" ] ").description == #"[1,"x"]"#)
    }

    @Test func typeNames() {
        #expect(JSON.null.typeName == "null")
        #expect(JSON.bool(true).typeName == "boolean")
        #expect(JSON.number("1").typeName == "number")
        #expect(JSON.string("").typeName == "string")
        #expect(JSON.array([]).typeName == "array")
        #expect(JSON.object([]).typeName == "object")
    }
}
