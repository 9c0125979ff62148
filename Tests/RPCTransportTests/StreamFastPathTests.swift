import JSONRPC
import RPCTransport
import Testing

/// The stream scanner makes the common moves of well-formed JSON in a fast path (eight string
/// bytes at a time, `":"` and `","` runs, digit runs, brackets) and leaves the rest to the
/// byte-at-a-time automaton. A chunk end stops the fast path anywhere, so the same input cut
/// differently goes through different paths: the events must not change.
@Suite struct StreamFastPathTests {
    /// A byte at every offset of an 8-byte word, and well past it, with a value either side of
    /// each threshold the word-at-a-time test uses.
    @Test(arguments: [
        (UInt8(0x1F), "unescaped control character in a string"), (0x00, "unescaped control character in a string"),
        (0x20, nil), (0x21, nil), (0x23, nil), (0x5B, nil), (0x5D, nil), (0x7F, nil), (0x80, nil), (0xDE, nil), (0xFF, nil),
    ] as [(UInt8, String?)])
    func aByteInAStringIsJudgedAtEveryOffset(_ probe: UInt8, _ reason: String?) {
        for offset in 0..<20 {
            let text = Array(#"{"a":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: offset) + [probe]
                + Array(repeating: UInt8(ascii: "y"), count: 19 - offset) + Array(#""}"#.utf8)
            let framed = frameEverySplit(text + Array("\n[]\n".utf8))
            if let reason {
                #expect(framed.all == [.malformed(reason), .message("[]")], "offset \(offset)")
            } else {
                #expect(framed.all == [.message(text), .message("[]")], "offset \(offset)")
            }
        }
    }

    @Test func quotesAndEscapesAtEveryOffsetEndStringsWhereTheyShould() {
        for offset in 0..<20 {
            let pad = String(repeating: "x", count: offset)
            let escaped = #"{"a":""# + pad + #"\"\\\u00e9\/","b":[""# + pad + #"",1]}"#
            #expect(frameEverySplit(escaped + "\n").all == [.message(escaped)], "offset \(offset)")
            // A key of every length, then its value right after the `":"`.
            let keyed = #"{""# + pad + #"":""# + pad + #"","z":{""# + pad + #"":[]}}"#
            #expect(frameEverySplit(keyed).all == [.message(keyed)], "offset \(offset)")
        }
    }

    /// A broken escape is found whichever chunk its last byte arrives in.
    @Test(arguments: [(#"\u00eZ"#, "invalid \\u escape"), (#"\u0Z00"#, "invalid \\u escape"), (#"\x"#, "invalid escape"),
                      (#"\u12"#, "invalid \\u escape"), ("\\\u{1}", "invalid escape")])
    func aBrokenEscapeIsFoundAtEveryOffsetAndCut(_ escape: String, _ reason: String) {
        for offset in 0..<12 {
            let input = Array((#"{"a":""# + String(repeating: "x", count: offset) + escape + #"yz"}"# + "\n[]\n").utf8)
            let expected: [Event] = [.malformed(reason), .message("[]")]
            #expect(frameEverySplit(input).all == expected, "offset \(offset)")
            for cut in 1..<input.count {
                #expect(frameCut(input, at: cut) == expected, "offset \(offset), cut at \(cut)")
            }
        }
    }

    @Test func bracketsNumbersAndSeparatorsInARow() {
        let texts = [
            #"{"a":{"b":{"c":[1,[2,[3]]]}}}"#, #"[[[]],{},[{}],{"a":[]}]"#, #"{"n":1234567890,"m":[10,20],"o":7}"#,
            #"{"a": "b", "c": [1, "d"], "e": {"f": "g"}}"#, "{\n  \"a\": [\n    1,\n    \"b\"\n  ]\n}",
            #"{"a":-1,"b":0,"c":1.5e3,"d":true,"e":null,"f":"x"}"#, #"["a","b",["c","d"],{"e":"f"}]"#,
        ]
        for text in texts {
            #expect(frameEverySplit(text + "\n" + text).all == [.message(text), .message(text)], "\(text)")
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func requestShapedTextsGiveTheSameEventsHoweverTheyAreCut(seed: UInt64) {
        var generator = RequestGenerator(random: SplitMix64(state: seed))
        var accepted = 0
        for _ in 0..<150 {
            let text = generator.request()
            let input = generator.random.next() % 3 == 0 ? generator.mutate(text) : Array(text.utf8)
            let whole = frame(input, split: .whole).all
            #expect(frame(input, split: .byteByByte).all == whole, "one byte at a time: \(text)")
            for cut in 1..<input.count {  // every two-chunk cut
                #expect(frameCut(input, at: cut) == whole, "cut at \(cut): \(text)")
            }
            // Framer and parser agree on what one text is (broken UTF-8 aside: the parser's job).
            guard String(validating: input, as: UTF8.self) != nil else { continue }
            let parserAccepts = (try? JSONParser.parse(input)) != nil
            #expect(parserAccepts == (whole == [.message(trimmed(input))]), "\(String(decoding: input, as: UTF8.self))")
            if parserAccepts { accepted += 1 }
        }
        #expect(accepted > 60)  // the generator is not just producing garbage
    }

    private func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return Array(bytes[first...last])
    }

    private func frameCut(_ input: [UInt8], at cut: Int) -> [Event] {
        var framer = Framer(maxMessageBytes: 1 << 20)
        var events: [Event] = []
        framer.push(Array(input[..<cut])) { event, _ in events.append(Event(event)) }
        framer.push(Array(input[cut...])) { event, _ in events.append(Event(event)) }
        framer.finish { event, _ in events.append(Event(event)) }
        return events
    }

    /// JSON-RPC-like texts in the three layouts clients send: compact, `": "`-spaced, indented.
    private struct RequestGenerator {
        var random: SplitMix64
        private var layout = 0

        init(random: SplitMix64) { self.random = random }

        mutating func int(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        mutating func pick<T>(_ options: [T]) -> T { options[int(options.count)] }

        mutating func request() -> String {
            layout = int(3)
            let members = (0..<1 + int(4)).map { _ in member(depth: 0) }
            return "{" + members.joined(separator: separator(",")) + "}"
        }

        private func separator(_ mark: String) -> String {
            layout == 0 ? mark : layout == 1 ? mark + " " : mark + "\n    "
        }

        private mutating func string() -> String {
            let body = (0..<int(4)).map { _ in pick(["jsonrpc", "2.0", "id", "é", "ñandú", #"\""#, #"\n"#, #"\u00e9"#, " ", "checkEligibility"]) }
            return "\"" + body.joined() + "\""
        }

        private mutating func value(depth: Int) -> String {
            switch depth > 2 ? int(3) : int(5) {
            case 0: return string()
            case 1: return pick(["1", "42", "1234567", "-3", "0", "2.5", "1e9", "true", "false", "null"])
            case 2: return "[" + (0..<int(3)).map { _ in value(depth: depth + 1) }.joined(separator: separator(",")) + "]"
            default: return "{" + (0..<int(3)).map { _ in member(depth: depth + 1) }.joined(separator: separator(",")) + "}"
            }
        }

        private mutating func member(depth: Int) -> String {
            string() + separator(":") + value(depth: depth)
        }

        /// One or two edits with the bytes that matter to JSON syntax.
        mutating func mutate(_ text: String) -> [UInt8] {
            var bytes = Array(text.utf8)
            let alphabet = Array("{}[]:,\"\\ 019-.etn\n".utf8) + [0x01]
            for _ in 0..<1 + int(2) {
                let position = int(bytes.count)
                if int(2) == 0 { bytes[position] = pick(alphabet) } else { bytes.insert(pick(alphabet), at: position) }
            }
            return bytes
        }
    }
}
